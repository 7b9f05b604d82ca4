// The register in memory: configuration, candidates and cases, each entry with the file it came from.
// Pure: the store fills it; checks, commands and the public view read it.
import type { Finding } from './findings.js';
import type { FormerValues } from './former-identity.js';
import type { Candidate, CaseEntry, Entry, RegisterConfig, RequestEntry } from './schemas.js';

export interface Loaded<T> {
  value: T;
  /** Path relative to the register folder. */
  file: string;
  /** Line of each top-level field. */
  lines: Record<string, number>;
}

export interface CaseRecord {
  id: string;
  /** Where the case's files are, relative to the register: see caseFolder. */
  folder: string;
  request?: Loaded<RequestEntry>;
  /** Every entry after the request that stands, in the order it happened (see entryOrder). */
  entries: Loaded<CaseEntry>[];
  /**
   * Entries a correction withdrew (`set: {withdrawn: true}`): kept for show and audit, ignored by
   * the case's state, the checks and the public view (see applyCorrections).
   */
  withdrawn?: Loaded<CaseEntry>[];
}

export interface Register {
  config: RegisterConfig;
  configFile: string;
  candidates: Map<string, Loaded<Candidate>>;
  cases: Map<string, CaseRecord>;
  /** Problems met while reading: unparseable files, schema errors, broken references. */
  findings: Finding[];
  /** Every value each candidate's file has held in git history (redacted for good; see former-identity.ts). */
  candidateHistory?: Map<string, FormerValues>;
}

/** The date an entry speaks for, used to order a case's history. */
export function entryDate(e: Entry): string {
  switch (e.kind) {
    case 'request':
      return e.received.slice(0, 10);
    case 'decision':
    case 'extension':
      return e.decided_on;
    case 'response':
    case 'confirmation':
    case 'referral':
    case 'notification':
      return e.sent_on;
    case 'clarification':
      return e.received;
    case 'correction':
    case 'approval':
      return e.recorded_at.slice(0, 10);
  }
}

export function entryOrder(a: Loaded<Entry>, b: Loaded<Entry>): number {
  return (
    entryDate(a.value).localeCompare(entryDate(b.value)) ||
    a.value.recorded_at.localeCompare(b.value.recorded_at) ||
    a.value.id.localeCompare(b.value.id)
  );
}

/**
 * The folder of a new case: cases/<YYYY-MM>/<case id>/, one folder per month of receipt. A flat
 * cases/ folder gives git a tree of one entry per case to rebuild on every append, the part of an
 * append that grew with the register (docs/decisions/0009-cases-by-month.md). Registers written
 * before keep their cases at cases/<case id>/; both are read.
 */
export function caseFolder(caseId: string): string {
  return `cases/${caseId.slice(0, 7)}/${caseId}`;
}

/** A month folder under cases/ (YYYY-MM), as opposed to a case folder (YYYY-MMDD-xxxx). */
export const MONTH_FOLDER = /^\d{4}-\d{2}$/;

export function entryFile(folder: string, caseId: string, entryId: string): string {
  return entryId === caseId ? `${folder}/request.yaml` : `${folder}/${entryId}.yaml`;
}

export function candidateFile(id: string): string {
  return `candidates/${id}.yaml`;
}

export function sortedCases(register: Register): CaseRecord[] {
  return [...register.cases.values()].sort((a, b) => a.id.localeCompare(b.id));
}
