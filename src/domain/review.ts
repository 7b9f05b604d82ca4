// A person approves what is published (issue 11). An approval entry records the sha256 of the
// case's public text as the reviewer saw it; the case is published (when register.yaml says
// `publication.review: required`) only while its current public text has that hash. Any change to
// the text, whatever caused it (a correction, a new response, a candidate added or renamed so that
// redaction now reads differently, better redaction rules), gives another hash and voids the approval.
// Pure: no disk, clock or terminal; hashing is arithmetic on the text.
import { createHash } from 'node:crypto';
import { addWorkingDays } from './calendar.js';
import type { Finding } from './findings.js';
import type { Rule } from './checks.js';
import { fullPublicView, type PublicCase } from './public-view.js';
import type { CaseRecord, Loaded, Register } from './register-model.js';
import type { ApprovalEntry, RegisterConfig } from './schemas.js';
import { ukDateTime } from './uk-time.js';

/** Bumped only if the serialisation below changes; part of what is hashed, so old approvals void rather than match by chance. */
const HASH_PREFIX = 'evenhand public case v1\n';

/** JSON with object keys sorted at every level: the same case gives the same bytes on every machine. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The hash an approval records: the whole public case (every field the disclosure log shows of it,
 * dates and status included), canonical JSON, sha256. Hashing the whole object rather than a list
 * of fields means a field added to the public view later voids old approvals instead of being
 * published unreviewed.
 */
export function publicTextHash(pub: PublicCase): string {
  return createHash('sha256').update(HASH_PREFIX + canonicalJson(pub), 'utf8').digest('hex');
}

export function reviewRequired(config: RegisterConfig): boolean {
  return config.publication?.review === 'required';
}

export function approvals(record: CaseRecord): Loaded<ApprovalEntry>[] {
  return record.entries.filter((e): e is Loaded<ApprovalEntry> => e.value.kind === 'approval');
}

export interface ApprovalRef {
  id: string;
  by: string;
  /** UK date of the approval. */
  on: string;
  at: string;
}

export type ReviewState =
  /** Not in the disclosure log at all (its response is withheld): nothing to approve. */
  | { state: 'not-published' }
  | { state: 'approved'; approval: ApprovalRef }
  /** Never approved. `since`: the day the case was answered, else the day it was last updated. */
  | { state: 'awaiting'; since: string }
  /** Approved once, but the text has changed since. `since`: the first entry recorded after the approval, else the approval's day (the change came from outside the case: a candidate record or the redaction rules). */
  | { state: 'void'; approval: ApprovalRef; since: string; cause: 'case' | 'outside' };

function ref(a: Loaded<ApprovalEntry>): ApprovalRef {
  return { id: a.value.id, by: a.value.recorded_by, on: ukDate(a.value.recorded_at), at: a.value.recorded_at };
}

function ukDate(iso: string): string {
  return ukDateTime(new Date(iso)).date;
}

/** Whether the case's current public text is approved. `pub` is undefined for a case the log leaves out (withheld). */
export function reviewState(record: CaseRecord, pub: PublicCase | undefined): ReviewState {
  if (!pub) return { state: 'not-published' };
  const all = approvals(record);
  if (all.length === 0) return { state: 'awaiting', since: pub.answered_on ?? pub.updated };
  const hash = publicTextHash(pub);
  // Any approval of exactly this text counts: a text changed and then changed back is the text approved.
  const match = [...all].reverse().find((a) => a.value.sha256 === hash);
  if (match) return { state: 'approved', approval: ref(match) };
  const latest = all.reduce((a, b) => (b.value.recorded_at > a.value.recorded_at ? b : a));
  const later = record.entries
    .filter((e) => e.value.kind !== 'approval' && e.value.recorded_at > latest.value.recorded_at)
    .map((e) => e.value.recorded_at)
    .sort()[0];
  return { state: 'void', approval: ref(latest), since: later ? ukDate(later) : ref(latest).on, cause: later ? 'case' : 'outside' };
}

export function isApproved(record: CaseRecord, pub: PublicCase): boolean {
  return reviewState(record, pub).state === 'approved';
}

/** One line for `show` and `list`. */
export function describeReview(state: ReviewState, required: boolean): string {
  const off = required ? '' : ' (review is off: published anyway)';
  switch (state.state) {
    case 'not-published':
      return 'not published (response withheld)';
    case 'approved':
      return `approved by ${state.approval.by} on ${state.approval.on}`;
    case 'awaiting':
      return `awaiting review${off}`;
    case 'void':
      return `approval void since ${state.since} (approved by ${state.approval.by} on ${state.approval.on}; the public text has changed${state.cause === 'outside' ? ': a candidate record or the redaction rules' : ''})${off}`;
  }
}

/** A short label for `list`. */
export function reviewLabel(state: ReviewState): string {
  return { 'not-published': 'withheld', approved: 'approved', awaiting: 'to-review', void: 'void' }[state.state];
}


/**
 * Rule `unreviewed` (warning): an answered case whose public text has waited for approval longer
 * than register.yaml's publication.review_within_days (working days, on the office calendar), so it
 * is missing from the log. Hampshire 3.4 and 3.8: the website is updated with the latest entry.
 */
export const unreviewed: Rule = (register, { asOf }) => {
  const config = register.config;
  if (!reviewRequired(config)) return [];
  const published = new Map(fullPublicView(register).view.cases.map((c) => [c.reference, c]));
  const within = config.publication.review_within_days;
  const out: Finding[] = [];
  for (const record of register.cases.values()) {
    const pub = published.get(record.id);
    if (!pub || pub.status !== 'answered') continue;
    const state = reviewState(record, pub);
    if (state.state !== 'awaiting' && state.state !== 'void') continue;
    const answered = pub.answered_on ?? pub.updated;
    const since = state.state === 'void' && state.since > answered ? state.since : answered;
    const due = addWorkingDays(since, within, { kind: 'office', nation: config.election.nation, extra: config.election.extra_non_working_days }).date;
    if (asOf <= due) continue;
    out.push({
      code: 'unreviewed',
      severity: 'warning',
      case: record.id,
      file: record.request?.file,
      message: `answered, but its public text has ${state.state === 'void' ? `had no valid approval since ${since} (the approval of ${state.approval.on} no longer matches)` : `waited for approval since ${since}`}, more than ${within} working day${within === 1 ? '' : 's'} (until ${due}); it is not in the disclosure log`,
      hint: `evenhand review, or evenhand approve ${record.id}`,
    });
  }
  return out;
};

/** A case the disclosure log would show, with its public text, its hash and whether that is approved. */
export interface ReviewItem {
  record: CaseRecord;
  pub: PublicCase;
  hash: string;
  state: ReviewState;
}

/** Every case the log would show (unfiltered public view), oldest first, with its review state. */
export function reviewItems(register: Register, cases: readonly PublicCase[]): ReviewItem[] {
  const out: ReviewItem[] = [];
  for (const pub of cases) {
    const record = register.cases.get(pub.reference);
    if (!record) continue;
    out.push({ record, pub, hash: publicTextHash(pub), state: reviewState(record, pub) });
  }
  return out.sort((a, b) => (a.pub.reference < b.pub.reference ? -1 : a.pub.reference > b.pub.reference ? 1 : 0));
}

/** A new approval of a case's public text as it stands. */
export function approvalFor(caseId: string, hash: string, id: string, recordedBy: string, now: Date): ApprovalEntry {
  return { id, kind: 'approval', case: caseId, sha256: hash, recorded_by: recordedBy, recorded_at: now.toISOString() };
}
