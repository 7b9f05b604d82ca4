// Every candidate's forms compiled once per register, scanned over a folded view. Shared by the redactor and the leak gate.
import {
  AFTER_LOWER_BEFORE_UPPER,
  AFTER_NON_LETTER,
  emailPattern,
  forEachEdgedMatch,
  forEachMatch,
  FormTrie,
  HANDLE_EDGE,
  handleUnits,
  HAS_CAMEL_JOIN,
  NAME_END,
  nameUnits,
  phoneUnits,
  SIX_DIGITS,
  slugUnits,
  UK_PREFIX,
} from './form-patterns.js';
import { mayHoldEmail } from './email-detector.js';
import { forEachSlugToken, SLUG_HINT } from './slug-tokens.js';
import { inNameContext, plainWordUse, touchesDigit } from './name-context.js';
import { describeForms, formKey, phoneDigits, type CandidateIdentity } from './identity-forms.js';
import type { TokenKind } from './redaction-tokens.js';
import { toOriginal, type View } from './text-folding.js';

/** Something found in a text: where (in the original), what kind, and which candidates' forms. */
export interface Hit {
  start: number;
  end: number;
  kind: TokenKind;
  entries: { candidateId: string; form: string }[];
}

/** Every candidate's forms, compiled once per register. Shared by the redactor and the leak gate. */
interface NameEntry {
  candidateId: string;
  form: string;
  kind: 'name' | 'party';
  weak: boolean;
  /** A one-word form that needs a capital or a name context (name-context.ts); with `weak`, more. */
  contextual?: boolean;
}

interface LiteralEntry {
  candidateId: string;
  form: string;
  kind: 'email' | 'phone' | 'handle';
}

/** Candidates' email addresses, one capture group each: the group that matched says whose it was. */
class EmailSet {
  private readonly patterns = new Map<string, LiteralEntry[]>();
  private re: RegExp | null = null;
  private entries: LiteralEntry[][] = [];

  add(pattern: string, entry: LiteralEntry): void {
    const list = this.patterns.get(pattern) ?? [];
    list.push(entry);
    this.patterns.set(pattern, list);
  }

  compile(): void {
    if (this.patterns.size === 0) return;
    this.entries = [...this.patterns.values()];
    const groups = [...this.patterns.keys()].map((p) => `(${p})`);
    // Email patterns hold no case-sensitive property escapes, so `i` is safe here.
    this.re = new RegExp(groups.join('|'), 'giu');
  }

  scan(view: View, found: (hit: Hit) => void): void {
    if (!this.re) return;
    forEachMatch(this.re, view.text, (m) => {
      const group = m.findIndex((g, i) => i > 0 && g !== undefined);
      const entries = this.entries[group - 1] ?? [];
      const [start, end] = toOriginal(view, m.index, m.index + m[0].length);
      found({ start, end, kind: 'email', entries });
    });
  }
}


export class CompiledRegister {
  private readonly names = new FormTrie<NameEntry>();
  private readonly nameRe: RegExp | null;
  // One-word forms decided by context (name-context.ts), in a regex of their own: kept apart, the
  // case-sensitive name regex stays small and fast.
  private readonly contextual = new FormTrie<NameEntry>();
  private readonly contextualRe: RegExp | null;
  private readonly slugs = new FormTrie<NameEntry>();
  private readonly slugRe: RegExp | null;
  private readonly camelNameRe: RegExp | null;
  private readonly emails = new EmailSet();
  private readonly ukPhones = new FormTrie<LiteralEntry>();
  private readonly otherPhones = new FormTrie<LiteralEntry>();
  private readonly phoneRe: RegExp | null;
  private readonly anyHandles = new FormTrie<LiteralEntry>();
  private readonly bareHandles = new FormTrie<LiteralEntry>();
  private readonly handleRe: RegExp | null;

  constructor(candidates: CandidateIdentity[]) {
    for (const c of candidates) {
      for (const form of describeForms(c, candidates)) {
        if (form.kind === 'name' && form.contextual) {
          // In any case in the regex; whether it is a name is decided by the text round it.
          const entry: NameEntry = { candidateId: c.id, form: form.text, kind: 'name', weak: form.weak === true, contextual: true };
          this.contextual.add(nameUnits({ kind: 'name', text: form.text }), formKey(form.text), entry);
        } else if (form.kind === 'name' || form.kind === 'party') {
          const entry: NameEntry = { candidateId: c.id, form: form.text, kind: form.kind, weak: form.weak === true };
          this.names.add(nameUnits(form), formKey(form.text), entry);
          // Glued into a hashtag or a web address ("#votemorgan", "facebook.com/amorgan").
          if (form.kind === 'name' && !form.weak && !form.initial && formKey(form.text).length >= 4) {
            this.slugs.add(slugUnits(form.text), formKey(form.text), entry);
          }
        } else if (form.kind === 'email') {
          this.emails.add(emailPattern(form.text), { candidateId: c.id, form: form.text, kind: 'email' });
        } else if (form.kind === 'phone') {
          const p = phoneDigits(form.text);
          const entry: LiteralEntry = { candidateId: c.id, form: form.text, kind: 'phone' };
          if (p) (p.uk ? this.ukPhones : this.otherPhones).add(phoneUnits(p.digits), p.digits, entry);
        } else {
          const body = form.text.slice(1);
          const entry: LiteralEntry = { candidateId: c.id, form: form.text, kind: 'handle' };
          this.anyHandles.add(handleUnits(body), body.toLowerCase(), entry);
          if (form.bare) this.bareHandles.add(handleUnits(body), body.toLowerCase(), entry);
        }
      }
    }
    // A plural or possessive without its apostrophe ("the Morgans office", "O'Neills") is the name too.
    const names = this.names.isEmpty ? '' : `((?:${this.names.pattern()})(?:e?s)?)${NAME_END}`;
    this.slugRe = this.slugs.isEmpty ? null : new RegExp(this.slugs.pattern(), 'gu');
    this.nameRe = names ? new RegExp(AFTER_NON_LETTER + names, 'gu') : null;
    this.contextualRe = this.contextual.isEmpty ? null : new RegExp(`${AFTER_NON_LETTER}((?:${this.contextual.pattern()})(?:e?s)?)${NAME_END}`, 'gu');
    this.camelNameRe = names ? new RegExp(AFTER_LOWER_BEFORE_UPPER + names, 'gu') : null;
    this.emails.compile();
    // Group 1: the number; group 2: the digits of a UK number after its trunk prefix; group 3: those of any other number.
    const phones = [
      this.ukPhones.isEmpty ? '(?!)()' : `${UK_PREFIX}(${this.ukPhones.pattern()})`,
      this.otherPhones.isEmpty ? '(?!)()' : `(?:(?:\\+|00)\\s*)?(${this.otherPhones.pattern()})`,
    ];
    this.phoneRe = this.ukPhones.isEmpty && this.otherPhones.isEmpty ? null : new RegExp(`(?:^|\\D)((?:${phones.join('|')}))(?!\\d)`, 'gu');
    // Group 1: the handle; group 2: a handle after "@"; group 3: a handle written without it.
    const handles = [
      this.anyHandles.isEmpty ? '(?!)()' : `@\\s?(${this.anyHandles.pattern()})`,
      this.bareHandles.isEmpty ? '(?!)()' : `(${this.bareHandles.pattern()})`,
    ];
    this.handleRe = this.anyHandles.isEmpty ? null : new RegExp(`(?:^|[^\\p{L}\\p{N}_])((?:${handles.join('|')}))(?!${HANDLE_EDGE})`, 'gu');
  }

  /** Calls `found` for every candidate form in the view. */
  scan(view: View, found: (hit: Hit) => void): void {
    const onName = (from: number, to: number, m: RegExpExecArray) => {
      const matched = m[1];
      const entries = this.nameEntriesFor(matched, view.text, from, to);
      if (entries === null) return;
      const [start, end] = toOriginal(view, from, to);
      const kind: TokenKind = entries.length > 0 && entries.every((e) => e.kind === 'party') ? 'party' : 'candidate';
      found({ start, end, kind, entries });
    };
    if (this.nameRe) forEachEdgedMatch(this.nameRe, view.text, onName);
    if (this.contextualRe) forEachEdgedMatch(this.contextualRe, view.text, onName);
    if (this.camelNameRe && HAS_CAMEL_JOIN.test(view.text)) forEachEdgedMatch(this.camelNameRe, view.text, onName);
    if (this.slugRe && SLUG_HINT.test(view.text)) {
      this.slugTokens(view.text, (at, t) => {
        const re = this.slugRe!;
        // The full stop or comma after an address ends the sentence, not the address.
        const token = t.replace(/[.,;:!?]+$/, '');
        re.lastIndex = 0;
        const m = re.exec(token);
        if (!m) return;
        const [start, end] = toOriginal(view, at, at + token.length);
        found({ start, end, kind: 'candidate', entries: this.nameEntriesFor(m[0]) ?? [] });
      });
    }
    if (this.mayHoldAddress(view.text)) this.emails.scan(view, found);
    if (this.phoneRe && SIX_DIGITS.test(view.text)) {
      forEachEdgedMatch(this.phoneRe, view.text, (from, to, m) => {
        const [start, end] = toOriginal(view, from, to);
        const trie = m[2] !== undefined ? this.ukPhones : this.otherPhones;
        const entries = trie.entries.get((m[2] ?? m[3] ?? '').replace(/\D/g, '')) ?? [];
        found({ start, end, kind: 'phone', entries });
      });
    }
    if (this.handleRe) {
      forEachEdgedMatch(this.handleRe, view.text, (from, to, m) => {
        const [start, end] = toOriginal(view, from, to);
        const entries = this.anyHandles.entries.get((m[2] ?? m[3] ?? '').toLowerCase()) ?? [];
        found({ start, end, kind: 'handle', entries });
      });
    }
  }

  /** Every hashtag and web address in the text, leftmost first (slug-tokens.ts). */
  protected slugTokens(text: string, fn: (at: number, token: string) => void): void {
    forEachSlugToken(text, fn);
  }

  /** False when the text cannot hold an e-mail address (no "@", "[at]" or " at "). */
  protected mayHoldAddress(text: string): boolean {
    return mayHoldEmail(text);
  }

  /**
   * The forms a match stands for; null when it is no name here (a contextual form out of context).
   * `text`, `from` and `to` give the match in its text, for contextual forms (name-context.ts).
   */
  private nameEntriesFor(matched: string, text?: string, from = 0, to = 0): NameEntry[] | null {
    const key = formKey(matched);
    const lookup = (k: string) => [...(this.names.entries.get(k) ?? []), ...(this.contextual.entries.get(k) ?? [])];
    const entries = [key, key.replace(/e?s$/, ''), key.replace(/s$/, '')].map(lookup).find((l) => l.length > 0) ?? [];
    // Two candidates may share letters where only one form is a common word: "hope" is the alias
    // of one, but only "Hope" is the surname of the other.
    const capitalised = !/(?<![\p{L}\p{N}])\p{Ll}/u.test(matched);
    const strong = entries.filter((e) => !e.contextual);
    const fitting = strong.filter((e) => !e.weak || capitalised);
    const contextual = entries.filter((e) => e.contextual);
    const accepted = contextual.length && text !== undefined ? this.inContext(contextual, text, from, to, matched) : contextual;
    if (fitting.length || accepted.length) return [...fitting, ...accepted];
    // No entry at all can only mean a key mismatch between form and text (a bug): still report it.
    return contextual.length ? null : strong.length ? strong : [{ candidateId: '', form: matched, kind: 'name', weak: false }];
  }

  /** The contextual forms that the text round a match makes a name (name-context.ts). */
  private inContext(entries: NameEntry[], text: string, from: number, to: number, matched: string): NameEntry[] {
    if (touchesDigit(text, from, to)) return [];
    if (inNameContext(text, from, to)) return entries;
    if (!/^\P{L}*\p{Lu}/u.test(matched)) return [];
    const plain = plainWordUse(text, from, to, matched);
    return entries.filter((e) => !e.weak || !plain);
  }
}
