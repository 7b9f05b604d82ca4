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

/** The raw forms as typed in the register, found by plain search: a second net under the scanner's patterns. */
function rawLeaks(text: string, candidates: CandidateIdentity[]): { candidateId: string; form: string; index: number }[] {
  const out: { candidateId: string; form: string; index: number }[] = [];
  const lower = text.toLowerCase();
  for (const c of candidates) {
    for (const email of c.emails) {
      const e = email.trim().toLowerCase();
      const i = e ? lower.indexOf(e) : -1;
      if (i >= 0) out.push({ candidateId: c.id, form: email, index: i });
    }
    for (const phone of c.phones) {
      const typed = phone.trim();
      const compact = typed.replace(/[\s().-]/g, '');
      for (const form of new Set([typed, compact])) {
        if (form.replace(/\D/g, '').length < 6) continue;
        const i = text.indexOf(form);
        if (i >= 0) out.push({ candidateId: c.id, form: phone, index: i });
      }
    }
  }
  return out;
}

/**
 * Every identity form found in the files; empty when the site may be published.
 * `caseTexts` maps each published reference to its public text (e.g. its open-data JSON), to tell
 * a leak from the case's data apart from one a template wrote.
 */
export function scanSite(files: WrittenFile[], candidates: CandidateIdentity[], caseTexts: Map<string, string>): SiteLeak[] {
  const scanner = createLeakScanner(candidates);
  const known = new Set(caseTexts.keys());
  const inCase = new Map<string, Set<string>>();
  const formsIn = (ref: string): Set<string> => {
    let forms = inCase.get(ref);
    if (!forms) {
      const text = caseTexts.get(ref) ?? '';
      forms = new Set([...scanner.scan(text), ...rawLeaks(text, candidates)].map((l) => `${l.candidateId}\u0000${l.form}`));
      inCase.set(ref, forms);
    }
    return forms;
  };
  const leaks: SiteLeak[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const hits = [...scanner.scan(f.text), ...rawLeaks(f.text, candidates)];
    if (hits.length === 0) continue;
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
  }
  return leaks;
}
