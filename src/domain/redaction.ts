// Redaction and the leak gate: one set of identity forms per candidate, compiled once, used both to
// redact public text and to scan rendered output. Pure: no disk, clock or terminal.
//
// How matching works. Text is first "folded" into views that are easy to match (text-folding.ts:
// accents stripped, apostrophe and hyphen variants unified, lookalike letters from other scripts and
// small capitals made ASCII, invisible characters dropped; for rendered output also HTML entities /
// JSON and Markdown escapes / percent-escapes decoded; extra views join words split by narrow spaces
// or a line-break hyphen, and show right-to-left overrides as read), keeping a map from every folded
// character back to the original text. Matches found in a view are mapped back, so the output keeps
// every character that was not an identity exactly as it was.
//
// Rules (see the tests, redaction.test.ts and redaction-issue11.test.ts, for examples):
// - Name forms (identity-forms.ts), for the current and every former name and alias: full name; each
//   alias; every trailing run of name words ("O'Connor Hughes", "Hughes"); each half of a hyphenated
//   surname and the name after an O'/D'/Mc prefix ("Neill"); first name + any of those; initial + any
//   of those; each given name and its usual short forms (given-names.ts: "Maggie" for Margaret).
// - Between the words of a form the text may have any run of whitespace (line breaks included),
//   apostrophes, hyphens, dots or underscores, or nothing at all ("OConnor-Hughes", "SianHughes");
//   a plural or possessive "s" may follow without an apostrophe ("the Morgans office").
// - A form must start and end at a word edge: not next to a letter ("Lee" is not in "Leeds"), except
//   at a camelCase join, and anywhere inside a hashtag or web address ("#votemorgan",
//   "facebook.com/amorgan", which are redacted whole). Hyphens, apostrophes and digits are edges:
//   "Hughes-led", "Hughes's" and "hughes2024" are caught; so is "Lee-on-the-Solent" (over-redaction).
// - One-word forms that are everyday words ("Hope", "Will", "May") or two letters ("Li"), and given
//   names, depend on the text round them (name-context.ts): a title, greeting, sign-off or a line of
//   their own makes them names in any case; otherwise they need a capital, and an everyday word
//   also must not be plainly a word ("Good Friday", "2 May 2024", "May I"); never next to a digit.
// - A party is a form when fewer than three candidates (withdrawn included) share it.
// - Over-redaction is preferred to a leak: where in doubt, a form matches.
import { escapeRegExp, forEachEdgedMatch, forEachMatch } from './form-patterns.js';
import { forEachEmail } from './email-detector.js';
import { GENERIC_DETECTORS } from './generic-detectors.js';
import type { CandidateIdentity } from './identity-forms.js';
import { CompiledRegister } from './redaction-matcher.js';
import { maskTokens, REDACTION_TOKENS, type TokenKind } from './redaction-tokens.js';
import { foldString, toOriginal, viewsOf } from './text-folding.js';

export { identityForms, type CandidateIdentity } from './identity-forms.js';
export { REDACTION_TOKENS } from './redaction-tokens.js';
export { findOfficeReferences, type OfficeReference } from './office-references.js';

export interface Redactor {
  /** Public-safe text: every identity form, email, UK phone, UK postcode, @handle and private span replaced. */
  redact(text: string, privateSpans?: string[]): string;
}

/** One identity form found by the leak gate. `form` is the form as the register holds it, `index` is where it starts. */
export interface Leak {
  candidateId: string;
  form: string;
  index: number;
}

// ---------------------------------------------------------------------------------------------
// Redaction
// ---------------------------------------------------------------------------------------------

interface Span {
  start: number;
  end: number;
  kind: TokenKind;
}

// When spans overlap they become one; the longest names the token, ties go to the more specific.
const KIND_RANK: Record<TokenKind, number> = { private: 0, email: 1, phone: 2, handle: 3, postcode: 4, candidate: 5, party: 6 };

function replaceSpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  let i = 0;
  while (i < spans.length) {
    let best = spans[i];
    const start = best.start;
    let end = best.end;
    for (i++; i < spans.length && spans[i].start < end; i++) {
      const s = spans[i];
      const longer = s.end - s.start - (best.end - best.start);
      if (longer > 0 || (longer === 0 && KIND_RANK[s.kind] < KIND_RANK[best.kind])) best = s;
      end = Math.max(end, s.end);
    }
    out += text.slice(pos, start) + REDACTION_TOKENS[best.kind];
    pos = end;
  }
  return out + text.slice(pos);
}

/** Private spans: the exact words, in any case, with any (or no) whitespace between them. */
function privateSpanPattern(span: string): RegExp | null {
  const words = foldString(span).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return new RegExp(words.map(escapeRegExp).join('\\s*'), 'giu');
}

// The last register compiled, by its candidates: `check` and `build` each ask for a redactor and
// leak scanners of the same candidates several times, and compiling is tens of milliseconds.
// A compiled register holds no state between scans, so one can serve them all.
let lastCompiled: { key: string; register: CompiledRegister } | undefined;

function compiled(candidates: CandidateIdentity[]): CompiledRegister {
  const key = JSON.stringify(candidates);
  if (lastCompiled?.key !== key) lastCompiled = { key, register: new CompiledRegister(candidates) };
  return lastCompiled.register;
}

/** Compiles every candidate's forms once; `redact` then costs a few regex scans per text. */
export function createRedactor(candidates: CandidateIdentity[]): Redactor {
  const register = compiled(candidates);
  const privateCache = new Map<string, RegExp | null>();
  const privatePattern = (span: string): RegExp | null => {
    let re = privateCache.get(span);
    if (re === undefined) {
      if (privateCache.size > 1000) privateCache.clear();
      re = privateSpanPattern(span);
      privateCache.set(span, re);
    }
    return re;
  };
  return {
    redact(text: string, privateSpans: string[] = []): string {
      const spans: Span[] = [];
      const privates = privateSpans.map(privatePattern).filter((re): re is RegExp => re !== null);
      for (const view of viewsOf(text)) {
        for (const re of privates) {
          forEachMatch(re, view.text, (m) => {
            const [start, end] = toOriginal(view, m.index, m.index + m[0].length);
            spans.push({ start, end, kind: 'private' });
          });
        }
        register.scan(view, (hit) => spans.push({ start: hit.start, end: hit.end, kind: hit.kind }));
        forEachEmail(view.text, (from, to) => {
          const [start, end] = toOriginal(view, from, to);
          spans.push({ start, end, kind: 'email' });
        });
        for (const [re, kind, worthScanning] of GENERIC_DETECTORS) {
          if (!worthScanning(view.text)) continue;
          forEachEdgedMatch(re, view.text, (from, to) => {
            const [start, end] = toOriginal(view, from, to);
            spans.push({ start, end, kind });
          });
        }
      }
      let out = replaceSpans(text, spans);
      // A token can give a neighbour the word edge it lacked: in "…0999SIANFORPCC" the handle is
      // glued to the number, in "[phone]SIANFORPCC" it is not. Scan the output as the gate will
      // and redact again until nothing is left; each round replaces text by tokens, so it ends.
      for (let round = 0; spans.length > 0 && round < 10; round++) {
        const again: Span[] = [];
        for (const view of viewsOf(maskTokens(out))) {
          register.scan(view, (hit) => again.push({ start: hit.start, end: hit.end, kind: hit.kind }));
        }
        if (again.length === 0) break;
        out = replaceSpans(out, again);
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The leak gate
// ---------------------------------------------------------------------------------------------

/** Precompiled `findLeaks`: compile once per register, then scan every rendered file. */
export function createLeakScanner(candidates: CandidateIdentity[]): { scan(text: string): Leak[] } {
  const register = compiled(candidates);
  return {
    scan(text: string): Leak[] {
      const found: FoundForm[] = [];
      for (const view of viewsOf(maskTokens(text))) {
        register.scan(view, (hit) => {
          for (const e of hit.entries) found.push({ candidateId: e.candidateId, form: e.form, start: hit.start, end: hit.end });
        });
      }
      return distinctLeaks(found);
    },
  };
}

/** A form found in a text, before the leaks are told apart. */
export interface FoundForm {
  candidateId: string;
  form: string;
  start: number;
  end: number;
}

/** The leaks among the forms found in every view of a text: one per occurrence, in text order. */
export function distinctLeaks(found: FoundForm[]): Leak[] {
  if (found.length === 0) return [];
  // One leak per occurrence: "Hughes" seen in the raw text is the tail of "O&#39;Connor-Hughes"
  // seen decoded, so only the longer is reported.
  found.sort((a, b) => a.candidateId.localeCompare(b.candidateId) || a.start - b.start || b.end - a.end || a.form.localeCompare(b.form));
  const leaks: Leak[] = [];
  let cover: FoundForm | undefined;
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
}

/** The leak gate: every identity form of every candidate still present in rendered output (HTML, Markdown, CSV, JSON, Atom). */
export function findLeaks(text: string, candidates: CandidateIdentity[]): Leak[] {
  return createLeakScanner(candidates).scan(text);
}
