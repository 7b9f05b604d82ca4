// The leak gate (issue 4; DESIGN.md "Publication without identification"): after rendering, every
// file written is scanned for every identity form of every candidate. Redaction in the public view
// is the first line; this is the last, and it also catches what a template adds (branding text, a
// register's own partials). Pure: the store reads the files, this only looks at their text.
import { createLeakScanner, type CandidateIdentity } from '../domain/redaction.js';

export interface SiteLeak {
  /** The file, relative to the output folder. */
  file: string;
  /** The case the form sits in: from the file name for a case page, else the nearest reference before it when that case's text holds the form. */
  case: string | null;
  /** True when the form is in the case's own public text; false when a template (or the joining of fields) put it there. */
  inCaseText: boolean;
  candidateId: string;
  /** The form that leaked. Print it to the terminal only, never into a file. */
  form: string;
}

export interface WrittenFile {
  path: string;
  text: string;
}

const CASE_PAGE = /^cases\/(\d{4}-\d{4}-[0-9a-z]{4})\.[a-z]+$/;
const REFERENCE = /\d{4}-\d{4}-[0-9a-hjkmnp-tv-z]{4}/g;

interface RawForm {
  candidateId: string;
  /** As typed in the register: what a leak line names. */
  form: string;
  /** What is searched for. */
  needle: string;
}

/** The raw forms as typed in the register, found by plain search: a second net under the scanner's patterns. */
function rawForms(candidates: CandidateIdentity[]): { emails: RawForm[]; phones: RawForm[] } {
  const emails: RawForm[] = [];
  const phones: RawForm[] = [];
  for (const c of candidates) {
    for (const email of c.emails) {
      const e = email.trim().toLowerCase();
      if (e) emails.push({ candidateId: c.id, form: email, needle: e });
    }
    for (const phone of c.phones) {
      const typed = phone.trim();
      const compact = typed.replace(/[\s().-]/g, '');
      for (const form of new Set([typed, compact])) {
        if (form.replace(/\D/g, '').length < 6) continue;
        phones.push({ candidateId: c.id, form: phone, needle: form });
      }
    }
  }
  return { emails, phones };
}

/** The first index at which `text`, lower-cased, holds `needle` (which holds an "@"), or -1. */
function indexOfEmail(text: string, needle: string, at: number[]): number {
  const k = needle.indexOf('@');
  for (const p of at) {
    const start = p - k;
    if (start < 0) continue;
    if (start + needle.length > text.length) break;
    if (text.slice(start, start + needle.length).toLowerCase() === needle) return start;
  }
  return -1;
}

function rawLeaks(text: string, forms: { emails: RawForm[]; phones: RawForm[] }): { candidateId: string; form: string; index: number }[] {
  const out: { candidateId: string; form: string; index: number }[] = [];
  if (forms.emails.length) {
    // Lower-casing keeps every index except at "İ" (one unit, two once lower-cased): without one,
    // an address can only sit where the text has its "@", so only those places are compared.
    let lower: string | undefined;
    let at: number[] | undefined;
    if (!text.includes('\u0130')) {
      at = [];
      for (let p = text.indexOf('@'); p >= 0; p = text.indexOf('@', p + 1)) at.push(p);
    }
    for (const f of forms.emails) {
      let i: number;
      if (at && f.needle.includes('@')) i = indexOfEmail(text, f.needle, at);
      else i = (lower ??= text.toLowerCase()).indexOf(f.needle);
      if (i >= 0) out.push({ candidateId: f.candidateId, form: f.form, index: i });
    }
  }
  for (const f of forms.phones) {
    const i = text.indexOf(f.needle);
    if (i >= 0) out.push({ candidateId: f.candidateId, form: f.form, index: i });
  }
  return out;
}

/** The leak gate for one build: scan each file as it is written, then read the leaks found in them all. */
export interface SiteGate {
  /** Scan one file of the site. Call it once for every file, in the order they are to be reported. */
  scan(file: WrittenFile): void;
  /** Every identity form found so far; empty when the site may be published. */
  readonly leaks: SiteLeak[];
}

/**
 * One precompiled scanner for every file of a build.
 * `caseText` gives each published reference's public text (e.g. its open-data JSON), to tell a
 * leak from the case's data apart from one a template wrote; it is only asked when a file leaks.
 */
export function createSiteGate(candidates: CandidateIdentity[], references: Iterable<string>, caseText: (reference: string) => string): SiteGate {
  const scanner = createLeakScanner(candidates);
  const forms = rawForms(candidates);
  const known = new Set(references);
  const inCase = new Map<string, Set<string>>();
  const formsIn = (ref: string): Set<string> => {
    let found = inCase.get(ref);
    if (!found) {
      const text = known.has(ref) ? caseText(ref) : '';
      found = new Set([...scanner.scan(text), ...rawLeaks(text, forms)].map((l) => `${l.candidateId}\u0000${l.form}`));
      inCase.set(ref, found);
    }
    return found;
  };
  const leaks: SiteLeak[] = [];
  const seen = new Set<string>();
  return {
    leaks,
    scan(f: WrittenFile): void {
      const hits = [...scanner.scan(f.text), ...rawLeaks(f.text, forms)];
      if (hits.length === 0) return;
      const own = CASE_PAGE.exec(f.path)?.[1];
      const refs = own ? [] : [...f.text.matchAll(REFERENCE)].filter((m) => known.has(m[0]));
      for (const h of hits) {
        let caseId: string | null = own ?? null;
        if (!own) for (const m of refs) if (m.index! <= h.index) caseId = m[0];
        const inCaseText = caseId !== null && formsIn(caseId).has(`${h.candidateId}\u0000${h.form}`);
        // In a file that lists many cases, a form that is not in the nearest case's text was put there
        // by a template: name no case rather than the wrong one.
        if (!own && !inCaseText) caseId = null;
        const key = `${f.path}\u0000${caseId}\u0000${h.candidateId}\u0000${h.form}`;
        if (seen.has(key)) continue;
        seen.add(key);
        leaks.push({ file: f.path, case: caseId, inCaseText, candidateId: h.candidateId, form: h.form });
      }
    },
  };
}

/**
 * Every identity form found in the files; empty when the site may be published.
 * `caseTexts` maps each published reference to its public text (e.g. its open-data JSON), to tell
 * a leak from the case's data apart from one a template wrote.
 */
export function scanSite(files: WrittenFile[], candidates: CandidateIdentity[], caseTexts: Map<string, string>): SiteLeak[] {
  const gate = createSiteGate(candidates, caseTexts.keys(), (ref) => caseTexts.get(ref) ?? '');
  for (const f of files) gate.scan(f);
  return gate.leaks;
}
