// Where a case stands, worked out from its entries (never stored, so it can never disagree with them).
import { entryOrder, type CaseRecord, type Loaded } from './register-model.js';
import { ENTRY_SCHEMAS, type CaseEntry, type DecisionEntry, type ResponseEntry, type RequestEntry } from './schemas.js';
import type { Finding } from './findings.js';

export const CASE_STATES = ['open', 'clarifying', 'decided', 'answered'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/**
 * open: waiting for a decision; clarifying: the candidate was asked to clarify (outcome clarify)
 * and has not answered; decided: decided, no response sent since; answered: the response went out.
 */
export function caseState(c: CaseRecord): CaseState {
  let state: CaseState = 'open';
  for (const { value: e } of c.entries) {
    if (e.kind === 'decision') state = e.outcome === 'clarify' ? 'clarifying' : 'decided';
    else if (e.kind === 'clarification') state = 'open';
    else if (e.kind === 'response' && state === 'decided') state = 'answered';
  }
  return state;
}

export function decisions(c: CaseRecord): Loaded<DecisionEntry>[] {
  return c.entries.filter((e): e is Loaded<DecisionEntry> => e.value.kind === 'decision');
}

export function responses(c: CaseRecord): Loaded<ResponseEntry>[] {
  return c.entries.filter((e): e is Loaded<ResponseEntry> => e.value.kind === 'response');
}

export function latestDecision(c: CaseRecord): Loaded<DecisionEntry> | undefined {
  const d = decisions(c);
  return d[d.length - 1];
}

/** The final response: the last one sent after the last decision that was not `clarify`. */
export function finalResponse(c: CaseRecord): Loaded<ResponseEntry> | undefined {
  if (caseState(c) !== 'answered') return undefined;
  const r = responses(c);
  return r[r.length - 1];
}

/**
 * The case as the record now stands: each correction's `set` applied to the entry it names
 * (DESIGN.md: a mistake is corrected by a new entry, never by rewriting the old one).
 */
export function applyCorrections(c: CaseRecord): { record: CaseRecord; findings: Finding[] } {
  const corrections = c.entries.filter((e) => e.value.kind === 'correction');
  if (corrections.length === 0) return { record: withoutWithdrawn(c), findings: [] };
  const findings: Finding[] = [];
  let request = c.request;
  // Corrections stay in the list (show and audit display them); their targets take the new values.
  const entries = c.entries.map((e) => ({ ...e }));
  for (const corr of corrections) {
    if (corr.value.kind !== 'correction') continue;
    const { corrects, set } = corr.value;
    const forbidden = Object.keys(set).filter((k) => ['id', 'kind', 'case', 'recorded_by', 'recorded_at'].includes(k));
    if (forbidden.length) {
      findings.push({
        code: 'reference',
        severity: 'error',
        file: corr.file,
        line: corr.lines.set,
        case: c.id,
        path: 'set',
        message: `a correction cannot change ${forbidden.join(', ')}`,
        hint: 'correct the content fields only; a wrong case is corrected by withdrawing the entry and recording a new one',
      });
      continue;
    }
    const target = corrects === c.id ? request : entries.find((e) => e.value.id === corrects);
    if (!target) {
      findings.push({
        code: 'reference',
        severity: 'error',
        file: corr.file,
        line: corr.lines.corrects,
        case: c.id,
        path: 'corrects',
        message: `names entry "${corrects}", which is not in case ${c.id}`,
        hint: `use the id of an entry in ${c.folder}/`,
      });
      continue;
    }
    if (target.value.kind === 'approval') {
      findings.push({
        code: 'reference',
        severity: 'error',
        file: corr.file,
        line: corr.lines.corrects,
        case: c.id,
        path: 'corrects',
        message: `names approval "${corrects}": an approval is never corrected`,
        hint: 'a changed public text voids an approval by itself; approve the new text instead',
      });
      continue;
    }
    const schema = ENTRY_SCHEMAS[target.value.kind];
    const parsed = schema.safeParse({ ...target.value, ...set });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      findings.push({
        code: 'schema',
        severity: 'error',
        file: corr.file,
        line: corr.lines.set,
        case: c.id,
        path: `set.${issue.path.join('.')}`,
        message: `the corrected ${target.value.kind} would not be valid: ${issue.message}`,
      });
      continue;
    }
    if (target === request) request = { ...target, value: parsed.data as RequestEntry };
    else target.value = parsed.data as CaseEntry;
  }
  entries.sort(entryOrder);
  return { record: withoutWithdrawn({ id: c.id, folder: c.folder, request, entries }), findings };
}

/** Is this entry withdrawn by a correction (it was recorded twice or by mistake)? */
export function isWithdrawn(e: CaseEntry): boolean {
  return 'withdrawn' in e && e.withdrawn === true;
}

/** The case with its withdrawn entries set apart, so nothing that judges the case sees them. */
function withoutWithdrawn(c: CaseRecord): CaseRecord {
  if (!c.entries.some((e) => isWithdrawn(e.value))) return c;
  return { ...c, entries: c.entries.filter((e) => !isWithdrawn(e.value)), withdrawn: c.entries.filter((e) => isWithdrawn(e.value)) };
}
