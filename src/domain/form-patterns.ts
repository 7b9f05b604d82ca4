// Compiling identity forms into regular expressions: one unit per letter or gap, shared prefixes in a trie.
import { foldString } from './text-folding.js';
import { formKey, type FormSpec } from './identity-forms.js';

// ---------------------------------------------------------------------------------------------
// Compiling forms into regular expressions
// ---------------------------------------------------------------------------------------------

export const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** What may stand between the words of a name: any whitespace, apostrophes, hyphens, dots, underscores, or nothing. */
export const NAME_GAP = "[\\s'._\\-]*";
const NAME_GAP_CHARS = /^[\s'._-]*$/u;
// Word edges. Case-sensitive properties, so these regexes never use the `i` flag (under /iu, \p{Lu}
// also matches lower case); case-insensitive letters are written as classes like [hH] instead.
// A form starts after a non-letter (consumed, which V8 runs far faster than a lookbehind at every
// position), or at a camelCase join ("#VoteHughes"), which a second regex finds in the rare texts
// that have one. Group 1 is the form itself.
export const AFTER_NON_LETTER = '(?:^|[^\\p{L}\\p{M}])';
export const AFTER_LOWER_BEFORE_UPPER = '\\p{Ll}(?=\\p{Lu})';
export const HAS_CAMEL_JOIN = /\p{Ll}\p{Lu}/u;
export const NAME_END = '(?:(?![\\p{L}\\p{M}])|(?<=\\p{Ll})(?=\\p{Lu}))';

export function anyCase(ch: string): string {
  const lo = ch.toLowerCase();
  const up = lo.toUpperCase();
  if (up !== lo && up.toLowerCase() === lo && [...up].length === 1 && [...lo].length === 1) {
    // Both cases, and what each folds to when it is a lookalike ("Н" folds to "H", "н" does not).
    const chars = new Set([lo, up, foldString(lo), foldString(up)].filter((c) => [...c].length === 1));
    return `[${[...chars].map((c) => (/[\\\]^-]/.test(c) ? `\\${c}` : c)).join('')}]`;
  }
  return escapeRegExp(ch);
}

function upperOnly(ch: string): string {
  const up = ch.toUpperCase();
  return [...up].length === 1 ? escapeRegExp(up) : anyCase(ch);
}

/** A name or party form as a sequence of regex units (one per letter, one per gap), for the trie. */
export function nameUnits(form: FormSpec): string[] {
  const folded = foldString(form.text).toLowerCase();
  const units: string[] = [];
  let gap = '';
  let word = 0;
  let inWord = false;
  for (const ch of folded) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      if (!inWord) {
        if (units.length > 0) units.push(gapUnit(gap));
        gap = '';
        inWord = true;
        const capital = form.weak || (form.initial && word === 0);
        units.push(capital ? upperOnly(ch) : anyCase(ch));
        word++;
      } else {
        units.push(anyCase(ch));
      }
    } else {
      inWord = false;
      gap += ch;
    }
  }
  return units;
}

/** A name's letters only, in any case, for finding it glued inside a hashtag or address. */
export function slugUnits(text: string): string[] {
  return [...formKey(text)].map(anyCase);
}

function gapUnit(gap: string): string {
  if (NAME_GAP_CHARS.test(gap)) return NAME_GAP;
  // Other punctuation inside an alias ("Sian & Co") must be there, with any spacing around it.
  const literal = [...gap].filter((ch) => !/[\s'._-]/u.test(ch)).map(escapeRegExp);
  return NAME_GAP + literal.join(NAME_GAP) + NAME_GAP;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  end: boolean;
}

function trieToPattern(node: TrieNode): string {
  const alternatives = [...node.children].map(([unit, child]) => unit + trieToPattern(child));
  if (alternatives.length === 0) return '';
  const body = alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
  if (!node.end) return body;
  // A shorter form ends here: the longer continuation is optional (tried first, greedily).
  return alternatives.length === 1 ? `(?:${body})?` : `${body}?`;
}

/**
 * Forms sharing a beginning share one branch of the regex ("Hughes", "Hughes-Smith"), so a text is
 * scanned once for all candidates, not once per form. Each form is a list of units (one regex
 * fragment per character or gap); `entries` maps the key of what matched back to its forms.
 */
export class FormTrie<E> {
  private readonly root: TrieNode = { children: new Map(), end: false };
  readonly entries = new Map<string, E[]>();

  get isEmpty(): boolean {
    return this.root.children.size === 0;
  }

  add(units: string[], key: string, entry: E): void {
    if (units.length === 0) return;
    let node = this.root;
    for (const unit of units) {
      let child = node.children.get(unit);
      if (!child) node.children.set(unit, (child = { children: new Map(), end: false }));
      node = child;
    }
    node.end = true;
    const list = this.entries.get(key) ?? [];
    list.push(entry);
    this.entries.set(key, list);
  }

  /** The alternation of every form. */
  pattern(): string {
    return trieToPattern(this.root);
  }
}

// A candidate's own address is matched however it is spelled out: "x @ y", "x [at] y", "x at y dot org".
export const WEB_AT = '(?:\\s*@\\s*|\\s*[\\[(]\\s*at\\s*[\\])]\\s*|\\s+at\\s+)';
export const WEB_DOT = '(?:\\.|\\s*[\\[(]\\s*dot\\s*[\\])]\\s*|\\s+dot\\s+)';

export function emailPattern(email: string): string {
  const folded = foldString(email.trim());
  const at = folded.lastIndexOf('@');
  if (at <= 0) return `(?<![\\p{L}\\p{N}_])${escapeRegExp(folded)}(?![\\p{L}\\p{N}_])`;
  const local = folded.slice(0, at);
  const domain = folded.slice(at + 1);
  // Plus-addressing reaches the same mailbox: sian+pcc@… is sian@….
  const tag = local.includes('+') ? '' : '(?:\\+[\\p{L}\\p{N}._\\-]*)?';
  const domainPattern = domain.split('.').map(escapeRegExp).join(WEB_DOT);
  // No check after the domain: "sian@example.org07700…" glued to a number is still her address.
  return `(?<![\\p{L}\\p{N}._%+\\-])${escapeRegExp(local)}${tag}${WEB_AT}${domainPattern}`;
}

export const PHONE_GAP = '[\\s.\\-()]{0,3}';
// "(01632) 960 001": the bracket is part of the number only when the area code closes it, so
// "(07700 900123)" keeps its brackets round the token.
export const OPEN_AREA_CODE = '\\(\\s*0(?=\\d{2,5}\\s*\\))';
// Every way a UK number's trunk is written before the same digits. Never starts with whitespace,
// so the space before a number is kept.
export const UK_PREFIX = `(?:(?:(?:\\+|00)[\\s.\\-]*)?44[\\s.\\-]*(?:\\(\\s*0\\s*\\)[\\s.\\-]*)?|(?:\\(0\\)|${OPEN_AREA_CODE}|0)[\\s.\\-]*)?`;
// A phone number needs six digits in a row, give or take spacing: skip texts without them.
export const SIX_DIGITS = /\d(?:[\s.\-()/_,]{0,4}\d){5}/;
// A candidate's own number may also be written with "/", "_", "," or " -- " between digits
// ("07700/900/123"); generic detection keeps the narrower gap so crime references survive.
const OWN_PHONE_GAP = '[\\s.\\-()/_,]{0,4}';

export function phoneUnits(digits: string): string[] {
  const units: string[] = [];
  for (const d of digits) {
    if (units.length) units.push(OWN_PHONE_GAP);
    units.push(d);
  }
  return units;
}

export const HANDLE_EDGE = '[\\p{L}\\p{N}_]';

/** A handle's characters, letters in either case ("@SianForPCC" is "@sianforpcc"). */
export function handleUnits(body: string): string[] {
  return [...body.toLowerCase()].map(anyCase);
}

/**
 * For regexes that consume the character before the match proper (group 1, which runs to the end
 * of the match). The next search starts inside this match, so that its last character can serve
 * as the edge before the next one.
 */
export function forEachEdgedMatch(re: RegExp, text: string, fn: (start: number, end: number, m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[0].length;
    const start = end - m[1].length;
    if (end > start) fn(start, end, m);
    re.lastIndex = Math.max(start + 1, end - 1);
  }
}

export function forEachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    fn(m);
  }
}
