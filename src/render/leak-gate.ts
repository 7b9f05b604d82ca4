// The leak gate (issue 4; issue 11; DESIGN.md "Publication without identification"): every file of
// the site is scanned for every identity form of every candidate before the site is published.
// Redaction in the public view is the first line; this is the last, and it also catches what a
// template adds (branding text, a register's own partials) and what an asset carries.
// It reads what a reader sees (reader-text.ts, asset-text.ts): text and visible attribute values of
// parsed HTML, the feed's text, CSV cells, JSON values, Markdown text, CSS strings, PDF text and
// metadata, image metadata, file names; never tags, CSS rules, the tool's own fixed wording
// (fixed-wording.ts) or the inside of a case reference. Pure: the store reads the files.
import { readAsset, textReaderText, type ReadPart } from './asset-text.js';
import { compileIdentityScanner, type CandidateIdentity } from './identity-scanner.js';
import { TOOL_VOCABULARY } from './labels.js';
import { CSV_COLUMNS, OPEN_DATA_FORMAT } from './open-data.js';
import { jsonReaderText } from './reader-text.js';

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
  /** Where in the file, when not its text: "file name", "PDF metadata", "image metadata", … */
  part?: string | null;
}

/** A file the gate cannot read, so it may not be published. */
export interface SiteRefusal {
  file: string;
  reason: string;
}

export interface GateFile {
  path: string;
  /** A rendered text file as read back from disk. */
  text?: string;
  /** Any other file (an asset), as bytes. */
  bytes?: Uint8Array;
  /** Ranges [start0, end0, …] of `text` that are the tool's own wording. */
  fixed?: number[];
  /** The name is the tool's own (a page of the site, a default asset): not scanned. */
  toolName?: boolean;
  /** The content is the tool's own (a default asset shipped with evenhand): not scanned. */
  toolContent?: boolean;
}

const CASE_PAGE = /^cases\/(\d{4}-\d{4}-[0-9a-z]{4})\.[a-z]+$/;
// A case reference, "2024-0501-7ma9", not glued to a letter or digit either side. Found from its
// tail ("-0501-7ma9"), its year and left edge checked by hand: a pattern that starts with a
// look-behind is tried at every character of every page.
const REFERENCE_TAIL = /-\d{4}-[0-9a-hjkmnp-tv-z]{4}(?![0-9A-Za-z])/g;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlphanumeric = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

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

function rawLeaks(text: string, forms: { emails: RawForm[]; phones: RawForm[] }): { candidateId: string; form: string; index: number }[] {
  const out: { candidateId: string; form: string; index: number }[] = [];
  if (forms.emails.length && text.includes('@')) {
    const lower = text.toLowerCase();
    for (const f of forms.emails) {
      // Lower-casing keeps every index except after "İ" (one unit, two lower-cased): the index
      // only places the leak in a case, so an approximate one is fine.
      const i = lower.indexOf(f.needle);
      if (i >= 0) out.push({ candidateId: f.candidateId, form: f.form, index: Math.min(i, text.length) });
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
  scan(file: GateFile): void | Promise<void>;
  /** Every identity form found so far; empty (with `refused`) when the site may be published. */
  readonly leaks: SiteLeak[];
  /** Files that cannot be read, so cannot be published. */
  readonly refused: SiteRefusal[];
  /**
   * Every case reference in what a reader sees of the file scanned last (its name too), published
   * or not: which of them are masked decides what the scan finds, so the page cache keeps them.
   */
  references(): string[];
  /**
   * How many identity forms the file scanned last holds, each counted even when an earlier file
   * already reported the same form: a file is clean only when this is 0.
   */
  hits(): number;
}

/** A value in the open data that is the tool's own: a code, a label, the format name, a column name. */
export function isToolValue(value: string): boolean {
  return TOOL_VOCABULARY.has(value) || value === OPEN_DATA_FORMAT || (CSV_COLUMNS as readonly string[]).includes(value);
}

/**
 * One precompiled scanner for every file of a build.
 * `caseText` gives each published reference's public text (e.g. its open-data JSON), to tell a
 * leak from the case's data apart from one a template wrote; it is only asked when a file leaks.
 */
export function createSiteGate(candidates: CandidateIdentity[], references: Iterable<string>, caseText: (reference: string) => string): SiteGate {
  const scanner = compileIdentityScanner(candidates);
  const forms = rawForms(candidates);
  const known = new Set(references);
  const find = (text: string) => [...scanner.scan(text), ...rawLeaks(text, forms)];
  const inCase = new Map<string, Set<string>>();
  const formsIn = (ref: string): Set<string> => {
    let found = inCase.get(ref);
    if (!found) {
      const raw = known.has(ref) ? caseText(ref) : '';
      const text = maskReferences(jsonReaderText(raw) ?? raw, known).text;
      found = new Set(find(text).map((l) => `${l.candidateId}\u0000${l.form}`));
      inCase.set(ref, found);
    }
    return found;
  };
  const leaks: SiteLeak[] = [];
  const refused: SiteRefusal[] = [];
  const seen = new Set<string>();
  let referencesSeen = new Set<string>();
  let hitsInFile = 0;

  const scanText = (path: string, readerText: string, part: string | null, own: string | undefined): void => {
    const { text, refs } = maskReferences(readerText, known, referencesSeen);
    const hits = find(text);
    hitsInFile += hits.length;
    for (const h of hits) {
      let caseId: string | null = own ?? null;
      if (!own) for (const m of refs) if (m.index <= h.index) caseId = m.reference;
      const inCaseText = caseId !== null && formsIn(caseId).has(`${h.candidateId}\u0000${h.form}`);
      // In a file that lists many cases, a form that is not in the nearest case's text was put there
      // by a template: name no case rather than the wrong one.
      if (!own && !inCaseText) caseId = null;
      const key = `${path}\u0000${part}\u0000${caseId}\u0000${h.candidateId}\u0000${h.form}`;
      if (seen.has(key)) continue;
      seen.add(key);
      leaks.push({ file: path, case: caseId, inCaseText, candidateId: h.candidateId, form: h.form, ...(part ? { part } : {}) });
    }
  };

  return {
    leaks,
    refused,
    references: () => [...referencesSeen],
    hits: () => hitsInFile,
    scan(f: GateFile): void | Promise<void> {
      referencesSeen = new Set();
      hitsInFile = 0;
      const own = CASE_PAGE.exec(f.path)?.[1];
      const caseOfPage = own && known.has(own) ? own : undefined;
      if (!f.toolName) scanText(f.path, f.path.replace(/[/_.]/g, ' '), 'file name', undefined);
      if (f.toolContent) return;
      if (f.text !== undefined) {
        scanText(f.path, textReaderText(f.path, f.text, f.fixed ?? [], isToolValue), null, caseOfPage);
        return;
      }
      return readAsset(f.path, f.bytes ?? new Uint8Array()).then((reading) => {
        if ('refused' in reading) refused.push({ file: f.path, reason: reading.refused });
        else for (const p of reading.parts as ReadPart[]) scanText(f.path, p.text, p.part, caseOfPage);
      });
    },
  };
}

/** Known case references blanked out (a form never matches inside one), and where each stood. */
export function maskReferences(text: string, known: Set<string>, seen?: Set<string>): { text: string; refs: { index: number; reference: string }[] } {
  const refs: { index: number; reference: string }[] = [];
  const parts: string[] = [];
  let copied = 0;
  // Where the last reference ended: the next starts there or later, as a global replace finds them.
  let after = 0;
  REFERENCE_TAIL.lastIndex = 0;
  for (let m = REFERENCE_TAIL.exec(text); m !== null; m = REFERENCE_TAIL.exec(text)) {
    const start = m.index - 4;
    const year = start >= after && isDigit(text.charCodeAt(start)) && isDigit(text.charCodeAt(start + 1)) && isDigit(text.charCodeAt(start + 2)) && isDigit(text.charCodeAt(start + 3));
    if (!year || (start > 0 && isAlphanumeric(text.charCodeAt(start - 1)))) {
      REFERENCE_TAIL.lastIndex = m.index + 1;
      continue;
    }
    after = m.index + m[0].length;
    const reference = text.slice(start, after);
    seen?.add(reference);
    if (known.has(reference)) {
      refs.push({ index: start, reference });
      parts.push(text.slice(copied, start), ' '.repeat(after - start));
      copied = after;
    }
    REFERENCE_TAIL.lastIndex = after;
  }
  if (parts.length === 0) return { text, refs };
  parts.push(text.slice(copied));
  return { text: parts.join(''), refs };
}

/** What a leak is, the same words from `build` and `check`. */
export function leakMessage(l: SiteLeak): string {
  const where = l.case ? `case ${l.case}${l.inCaseText ? '' : ' (written by a template, not by the case text)'}` : 'outside any case (written by a template)';
  return `${where}: "${l.form}" identifies candidate ${l.candidateId}`;
}

/** One line per leak: `<out>/<file>: error identifiable: …`. */
export function leakLine(l: SiteLeak, outPrefix: string): string {
  return `${outPrefix}${l.file}${l.part ? ` (${l.part})` : ''}: error identifiable: ${leakMessage(l)}`;
}

/** One line per refused file. */
export function refusalLine(r: SiteRefusal, outPrefix: string): string {
  return `${outPrefix}${r.file}: error unreadable-asset: the leak gate cannot read this file, so it is not published: ${r.reason}`;
}
