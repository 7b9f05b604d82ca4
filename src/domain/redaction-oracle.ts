// The identity scan as it was before docs/decisions/0031 made it cheaper, kept as it was: the
// reference that the fast scan is held to. scan-equivalence.test.ts runs both over hostile texts
// and asserts the same hits and leaks; src/bench/scan-bench.ts times both. Not used by the CLI.
// What changed since is only how the work is done (one-byte views, pre-tests with string
// built-ins, bare web addresses found from their domain, one compiled register shared): here each
// step is the plain regex it was. Forms and their patterns are shared (form-patterns.ts).
import { forEachEdgedMatch, forEachMatch, HAS_CAMEL_JOIN, SIX_DIGITS } from './form-patterns.js';
import type { CandidateIdentity } from './identity-forms.js';
import type { Leak } from './redaction.js';
import { CompiledRegister, type Hit } from './redaction-matcher.js';
import { TOKEN_IN_OUTPUT, type TokenKind } from './redaction-tokens.js';
import { displayedView, foldWithMap, toOriginal, type View } from './text-folding.js';

const NEEDS_FOLDING = /[^\x00-\x5f\x61-\x7f]/;
const MAY_BE_ESCAPED = /[&\\%]/;
const MAY_BE_SPLIT = /[\u2005-\u200A\u202F\u205F]|\p{L}-[ \t]*\r?\n/u;
const EMAIL_ANCHOR = /@|[[(]\s*at\s*[\])]|\sat\s/giu;
const SLUG_HINT = /#|\/|www\./;
const SLUG_TOKEN = /#[\p{L}\p{N}_]{3,}|(?:https?:\/\/|www\.)[^\s<>"')\]]+|[\p{L}\p{N}.\-]+\.(?:com|org|net|uk|io|co|me|social|info|page|site)\/[^\s<>"')\]]*/giu;

/** Every hashtag and web address, as the one pattern finds them. */
export function referenceSlugTokens(text: string): { at: number; token: string }[] {
  const out: { at: number; token: string }[] = [];
  forEachMatch(SLUG_TOKEN, text, (m) => out.push({ at: m.index, token: m[0] }));
  return out;
}

/** The views of a text, as they were made. */
export function referenceViewsOf(text: string): View[] {
  const raw: View = NEEDS_FOLDING.test(text) ? foldWithMap(text, false) : { text, from: null, orig: null, end: null };
  const views = [raw];
  if (MAY_BE_ESCAPED.test(text)) {
    const decoded = foldWithMap(text, true);
    if (decoded.text !== raw.text) views.push(decoded);
  }
  if (MAY_BE_SPLIT.test(text)) views.push(foldWithMap(text, MAY_BE_ESCAPED.test(text), true));
  const shown = displayedView(text);
  if (shown) views.push(shown);
  return views;
}

/** The compiled register with its scan as it was. */
export class ReferenceRegister extends CompiledRegister {
  override scan(view: View, found: (hit: Hit) => void): void {
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
      forEachMatch(SLUG_TOKEN, view.text, (t) => {
        const re = this.slugRe!;
        const token = t[0].replace(/[.,;:!?]+$/, '');
        re.lastIndex = 0;
        const m = re.exec(token);
        if (!m) return;
        const [start, end] = toOriginal(view, t.index, t.index + token.length);
        found({ start, end, kind: 'candidate', entries: this.nameEntriesFor(m[0]) ?? [] });
      });
    }
    EMAIL_ANCHOR.lastIndex = 0;
    if (EMAIL_ANCHOR.test(view.text)) this.emails.scan(view, found);
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
}

/** The leak scanner as it was: compiled anew for each call, every view scanned, leaks sorted. */
export function createReferenceLeakScanner(candidates: CandidateIdentity[]): { scan(text: string): Leak[] } {
  const register = new ReferenceRegister(candidates);
  return {
    scan(text: string): Leak[] {
      const masked = /[[&%]/.test(text) ? text.replace(TOKEN_IN_OUTPUT, (t) => '\u0000'.repeat(t.length)) : text;
      const found: { candidateId: string; form: string; start: number; end: number }[] = [];
      for (const view of referenceViewsOf(masked)) {
        register.scan(view, (hit) => {
          for (const e of hit.entries) found.push({ candidateId: e.candidateId, form: e.form, start: hit.start, end: hit.end });
        });
      }
      found.sort((a, b) => a.candidateId.localeCompare(b.candidateId) || a.start - b.start || b.end - a.end || a.form.localeCompare(b.form));
      const leaks: Leak[] = [];
      let cover: (typeof found)[number] | undefined;
      let last = '';
      for (const f of found) {
        if (cover?.candidateId !== f.candidateId) cover = undefined;
        const inside = cover !== undefined && (cover.end > f.end || (cover.end === f.end && cover.start < f.start));
        const key = `${f.candidateId}\u0000${f.start}\u0000${f.end}\u0000${f.form}`;
        if (!inside && key !== last) leaks.push({ candidateId: f.candidateId, form: f.form, index: f.start });
        last = key;
        if (!cover || f.end > cover.end) cover = f;
      }
      return leaks.sort((a, b) => a.index - b.index || a.candidateId.localeCompare(b.candidateId) || a.form.localeCompare(b.form));
    },
  };
}
