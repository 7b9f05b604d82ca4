import { decodeEscapeAt } from './escapes.js';
import { lookalike } from './lookalikes.js';

// ---------------------------------------------------------------------------------------------
// Folding: the view that matching runs on, with a map back to the original text
// ---------------------------------------------------------------------------------------------

const APOSTROPHES = new Set(['\u2018', '\u2019', '\u201B', '\u02BC', '\u02BB', '\u02BD', '\u02B9', '\u0060', '\u00B4', '\u2032', '\uFF07']);
const HYPHENS = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D']);
// Letters that Unicode does not decompose into a base letter plus accent.
const UNDECOMPOSABLE: Record<string, string> = {
  ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'Th', æ: 'ae', Æ: 'AE',
  œ: 'oe', Œ: 'OE', ß: 'ss', ẞ: 'SS', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ŀ: 'l', Ŀ: 'L', ς: 'σ',
};
const MARKS_AND_FORMATS = /[\p{M}\p{Cf}]/gu;

function foldSimple(ch: string): string {
  if (APOSTROPHES.has(ch)) return "'";
  if (HYPHENS.has(ch)) return '-';
  return UNDECOMPOSABLE[ch] ?? ch;
}

/** After accents are gone: a lookalike letter becomes the ASCII letter it looks like ("М" → "M"). */
function foldLookalike(ch: string): string {
  return ch.charCodeAt(0) < 0x80 ? ch : (lookalike(ch) ?? ch);
}

const foldCache = new Map<string, string>();

/** One code point → its matching form: no accents, one apostrophe, one hyphen, no invisible characters. */
export function foldCodePoint(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code === 0x60 ? "'" : ch;
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let out = foldSimple(ch);
  if (out === ch) {
    // NFKD also folds compatibility forms: full-width letters, ligatures ("ﬁ"), the long s.
    out = '';
    for (const c of ch.normalize('NFKD').replace(MARKS_AND_FORMATS, '')) out += foldLookalike(foldSimple(c));
  }
  if (foldCache.size < 20_000) foldCache.set(ch, out);
  return out;
}

export function foldString(s: string): string {
  let out = '';
  for (const ch of s) out += foldCodePoint(ch);
  return out;
}

/**
 * A folded view of a text, with a map from each folded unit back to its range in the original.
 * The map is kept as segments (most of a rendered page is plain ASCII that folds to itself): in an
 * identity segment unit k is the one original character `orig[s] + (k - from[s])`; in any other,
 * every unit of the segment comes from the range `orig[s]`…`end[s]`. `from` is null when the view
 * is the text itself.
 */
export interface View {
  text: string;
  from: number[] | null;
  orig: number[] | null;
  /** -1 marks an identity segment. */
  end: number[] | null;
}

// Pure ASCII without a backtick folds to itself, which is the common case: skip the map. Asked of
// every page the leak gate reads, so with string built-ins: a regex class tried at every
// character took ten times as long (docs/decisions/0031).
const isPlainAscii = (text: string) => Buffer.byteLength(text, 'utf8') === text.length && !text.includes('`');
// Only texts with one of these ("&", "\\", "%") can hold an escaped form of a name.
// Below this length copying a text costs more than matching it two bytes per character.
const SHORT_TEXT = 256;
const mayBeEscaped = (text: string) => text.includes('&') || text.includes('\\') || text.includes('%');

// Thin, hair and other narrow spaces that can split a name without showing ("Mor\u200Agan"), and a
// word broken over a line with a hyphen ("Mor-\ngan").
const SPLITTING_SPACE = /[\u2005-\u200A\u202F\u205F]/;
const LINE_BREAK_HYPHEN = /(?<=\p{L})-[ \t]*\r?\n[ \t]*(?=\p{L})/uy;
// Whether a text may hold either: a narrow space, or a letter, a hyphen and a line break. Asked in
// three steps, each cheaper than one pattern: with the u flag, `\p{L}` is tried at every character
// (~12 ns a character over a page stored two bytes per character); "-", spaces and a line break
// are sought first, without it (docs/decisions/0039-cheaper-rendering.md).
const HYPHEN_BEFORE_BREAK = /-[ \t]*\r?\n/;
const LETTER_HYPHEN_BREAK = /\p{L}-[ \t]*\r?\n/u;
export const mayBeSplit = (text: string): boolean => SPLITTING_SPACE.test(text) || (HYPHEN_BEFORE_BREAK.test(text) && LETTER_HYPHEN_BREAK.test(text));

export function viewsOf(text: string): View[] {
  // Plain ASCII is its own view, but kept one byte per character (oneByte below): a rendered page
  // pieced together from slices of a text that held one wider character is stored two bytes per
  // character, and every pattern runs several times slower over it (docs/decisions/0031).
  const plain = isPlainAscii(text);
  if (plain && text.length > SHORT_TEXT) text = latin1Copy(text);
  const raw: View = plain ? { text, from: null, orig: null, end: null } : foldWithMap(text, false);
  const views = [raw];
  // Both views are searched: the decoded one finds "O&#39;Connor", the raw one guards against a
  // decoding that swallowed a letter ("\naylor").
  if (mayBeEscaped(text)) {
    const decoded = foldWithMap(text, true);
    if (decoded.text !== raw.text) views.push(decoded);
  }
  // A third view joins what narrow spaces and line-break hyphens split; the raw view keeps those
  // as word edges ("x\u2009Lee" is still "Lee").
  // Plain ASCII has no narrow space, so only a line break can split a word in it.
  if ((!plain || text.includes('\n')) && mayBeSplit(text)) views.push(foldWithMap(text, mayBeEscaped(text), true));
  const shown = displayedView(text);
  if (shown) views.push(shown);
  return views;
}

// A right-to-left override shows the letters after it in reverse order: "\u202Enagrom" is read as
// "morgan". The run lasts to the pop (U+202C), an isolate's end (U+2069) or the end of the line.
const RLO_RUN = /\u202E([^\u202C\u2069\n]*)/g;

/** The text as a reader sees it where right-to-left overrides reverse it; undefined when none does. */
export function displayedView(text: string): View | undefined {
  if (!text.includes('\u202E')) return undefined;
  const parts: string[] = [];
  const from: number[] = [];
  const orig: number[] = [];
  const end: number[] = [];
  let n = 0;
  const plain = (a: number, b: number) => {
    if (b <= a) return;
    const v = foldWithMap(text.slice(a, b), false);
    for (let k = 0; k < v.from!.length; k++) {
      from.push(n + v.from![k]);
      orig.push(a + v.orig![k]);
      end.push(v.end![k] === -1 ? -1 : a + v.end![k]);
    }
    parts.push(v.text);
    n += v.text.length;
  };
  let pos = 0;
  for (const m of text.matchAll(RLO_RUN)) {
    plain(pos, m.index);
    const runEnd = m.index + m[0].length;
    // Every letter of the reversed run stands for the whole run: a match inside it redacts all of it.
    const shownRun = foldString([...m[1]].reverse().join(''));
    if (shownRun) {
      from.push(n);
      orig.push(m.index);
      end.push(runEnd);
      parts.push(shownRun);
      n += shownRun.length;
    }
    pos = runEnd;
  }
  plain(pos, text.length);
  return { text: oneByte(parts.join('')), from, orig, end };
}

export function foldWithMap(text: string, decode: boolean, join = false): View {
  const parts: string[] = [];
  const from: number[] = [];
  const orig: number[] = [];
  const end: number[] = [];
  let n = 0;
  let i = 0;
  while (i < text.length) {
    // Copy a run of plain ASCII in one go: it folds to itself.
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c >= 0x80 || c === 0x60 || (decode && (c === 0x26 || c === 0x5c || c === 0x25)) || (join && c === 0x2d)) break;
    }
    if (j > i) {
      const last = from.length - 1;
      if (last < 0 || end[last] !== -1 || orig[last] + (n - from[last]) !== i) {
        from.push(n);
        orig.push(i);
        end.push(-1);
      }
      parts.push(text.slice(i, j));
      n += j - i;
      i = j;
      if (i >= text.length) break;
    }
    const code = text.charCodeAt(i);
    let folded: string | undefined;
    let next = i + 1;
    if (decode && (code === 0x26 || code === 0x5c || code === 0x25)) {
      const d = decodeEscapeAt(text, i);
      if (d) {
        folded = foldString(d.text);
        next = d.end;
      }
    }
    if (join && folded === undefined) {
      LINE_BREAK_HYPHEN.lastIndex = i;
      if (code === 0x2d && LINE_BREAK_HYPHEN.test(text)) {
        folded = '';
        next = LINE_BREAK_HYPHEN.lastIndex;
      } else if (SPLITTING_SPACE.test(text[i])) folded = '';
    }
    if (folded === undefined) {
      if (code < 0x80) folded = code === 0x60 ? "'" : text[i];
      else {
        const ch = String.fromCodePoint(text.codePointAt(i)!);
        folded = foldCodePoint(ch);
        next = i + ch.length;
      }
    }
    if (folded.length === 0) {
      // A combining accent or invisible character belongs to the letter before it: the last unit
      // now ends after it (split off into a segment of its own when it shares one).
      if (n > 0) {
        const s = from.length - 1;
        if (from[s] === n - 1) end[s] = next;
        else {
          const unitStart = end[s] === -1 ? orig[s] + (n - 1 - from[s]) : orig[s];
          from.push(n - 1);
          orig.push(unitStart);
          end.push(next);
        }
      }
    } else {
      from.push(n);
      orig.push(i);
      end.push(next);
      parts.push(folded);
      n += folded.length;
    }
    i = next;
  }
  return { text: oneByte(parts.join('')), from, orig, end };
}

const BEYOND_LATIN1 = /[^\x00-\xff]/;

/**
 * The same text, stored one byte per character when it fits. A slice of a text holding one "–" is
 * stored two bytes per character however plain the slice, and the name patterns' Unicode classes
 * run several times slower over such a string: a rendered page folded to ASCII would pay that.
 */
function oneByte(s: string): string {
  return BEYOND_LATIN1.test(s) ? s : latin1Copy(s);
}

/** A copy of a text of Latin-1 characters only, stored one byte per character. */
function latin1Copy(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

/** The segment holding folded unit k. */
function segmentOf(from: number[], k: number): number {
  let lo = 0;
  let hi = from.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (from[mid] <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The original range of folded units a…b (b exclusive, b > a). */
export function toOriginal(view: View, a: number, b: number): [number, number] {
  const { from, orig, end } = view;
  if (!from || !orig || !end) return [a, b];
  const s = segmentOf(from, a);
  const start = end[s] === -1 ? orig[s] + (a - from[s]) : orig[s];
  const t = segmentOf(from, b - 1);
  const stop = end[t] === -1 ? orig[t] + (b - 1 - from[t]) + 1 : end[t];
  return [start, stop];
}
