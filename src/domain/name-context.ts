// When is an everyday word a name? A candidate called Hope, Will, May or Rich must be redacted in
// "Thanks, Hope", "cllr rich", "Dear Will" or a closing "- May", but "we hope", "2 May 2024",
// "Good Friday" and "Chief Constable" are ordinary text (issue 11). Pure functions over the folded
// view; each looks at a bounded stretch of text either side of the match, so matching stays linear.
import context from './data/name-context.json' with { type: 'json' };
import { isKnownGivenName } from './given-names.js';
import { isCommonWord } from './name-words.js';

const TITLES = new Set(context.nameTitles);
const GREETINGS = new Set(context.greetings);
const SIGN_OFFS = new Set(context.signOffs);
const NOT_NAME_AFTER = new Set(context.notNameAfter);
const DATE_PREPOSITIONS = new Set(context.datePrepositions);
const MONTHS = new Set('january february march april may june july august september october november december'.split(' '));
const WINDOW = 40;

interface Word {
  text: string;
  /** What lies between this word and the match (the gap), e.g. ", " or "\n". */
  gap: string;
}

const WORD_BEFORE = /([\p{L}\p{N}]+)([^\p{L}\p{N}]*)$/u;
const WORD_AFTER = /^([^\p{L}\p{N}]*)([\p{L}\p{N}]+)/u;

function wordBefore(text: string, start: number): Word | undefined {
  const m = WORD_BEFORE.exec(text.slice(Math.max(0, start - WINDOW), start));
  return m ? { text: m[1], gap: m[2] } : undefined;
}

function wordAfter(text: string, end: number): Word | undefined {
  const m = WORD_AFTER.exec(text.slice(end, end + WINDOW));
  return m ? { text: m[2], gap: m[1] } : undefined;
}

const capitalised = (w: string) => /^\p{Lu}/u.test(w);
const isNumber = (w: string) => /^\p{N}/u.test(w);

/** The text of the line the match is on, before and after it. */
function lineAround(text: string, start: number, end: number): { before: string; after: string } {
  const from = Math.max(0, start - WINDOW);
  const before = text.slice(from, start);
  const nl = before.lastIndexOf('\n');
  const after = text.slice(end, end + WINDOW);
  const nl2 = after.indexOf('\n');
  return {
    before: nl >= 0 ? before.slice(nl + 1) : from === 0 ? before : '\u0000',
    after: nl2 >= 0 ? after.slice(0, nl2) : end + WINDOW >= text.length ? after : '\u0000',
  };
}

/**
 * A context that makes any word a name: a title ("cllr rich", "Ms Li"), a greeting ("Dear may"),
 * a sign-off ("Thanks, hope", "Regards,\nWill"), or a line of its own ("- Maggie", a signature).
 */
export function inNameContext(text: string, start: number, end: number): boolean {
  const prev = wordBefore(text, start);
  if (prev) {
    const w = prev.text.toLowerCase();
    if (TITLES.has(w) && /^\.?\s+$/u.test(prev.gap)) return true;
    if (GREETINGS.has(w) && /^[\s,]+$/u.test(prev.gap)) return true;
    if (SIGN_OFFS.has(w) && /^\s*[,!.:\-–—]?\s*$/u.test(prev.gap) && /[,!:\n\-–—]/u.test(prev.gap)) return true;
  }
  const line = lineAround(text, start, end);
  if (/^\s*[-–—~*]*\s*$/u.test(line.before) && /^\s*[.!,]?\s*$/u.test(line.after)) return true;
  return false;
}

/**
 * A capitalised everyday word that is plainly not a name: part of a capitalised phrase ("Good
 * Friday", "Christmas Day", "Chief Constable"), a date ("2 May 2024", "in May"), or a sentence's
 * first word before a pronoun ("May I ask", "Will you", "Hope you are well").
 */
export function plainWordUse(text: string, start: number, end: number, word: string): boolean {
  const prev = wordBefore(text, start);
  const next = wordAfter(text, end);
  const allCaps = word === word.toUpperCase();
  const phrase = (w: Word | undefined) =>
    w !== undefined && /^[ \t]$/u.test(w.gap) && capitalised(w.text) && !(allCaps && w.text === w.text.toUpperCase()) && (isCommonWord(w.text) || !isKnownGivenName(w.text));
  if (phrase(prev) || phrase(next)) return true;
  // A number after it: "Ward 7", "Day 1", "May 2024".
  if (next && isNumber(next.text) && /^[ \t]$/u.test(next.gap)) return true;
  if (MONTHS.has(word.toLowerCase())) {
    // A date: "2 May 2024", "in May", "since March".
    if (prev && isNumber(prev.text) && /^[ \t.\-/]{0,2}$/u.test(prev.gap)) return true;
    if (prev && DATE_PREPOSITIONS.has(prev.text.toLowerCase())) return true;
  }
  const sentenceStart = !prev || /[.!?:]\s*$|\n\s*$/u.test(prev.gap);
  if (sentenceStart && next && /^\s+$/u.test(next.gap) && NOT_NAME_AFTER.has(next.text.toLowerCase())) return true;
  return false;
}

/** A digit right next to the match: inside a case reference or id ("7ma9"), never a name. */
export function touchesDigit(text: string, start: number, end: number): boolean {
  return /\p{N}/u.test(text[start - 1] ?? '') || /\p{N}/u.test(text[end] ?? '');
}
