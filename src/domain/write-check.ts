// Say at write time what `check` will say (issue 13): the check's own rules (src/domain/checks.ts,
// the one rule engine) run over the case as it would be after the write, and what the write adds
// is reported before anything is written. Errors refuse the write unless the officer records a
// knowing departure from the protocol (which check keeps reporting); warnings are printed. Pure.
import { applyCorrections } from './case-state.js';
import { declarations, RULES, uncommitted, type CheckOptions } from './checks.js';
import type { Finding } from './findings.js';
import { PROTOCOL_RULES } from './protocol-rules.js';
import { entryOrder, type CaseRecord, type Loaded, type Register } from './register-model.js';
import type { CaseEntry, RequestEntry } from './schemas.js';

/**
 * Rules whose findings at write time are facts to say, not choices to refuse: a late answer is
 * still the answer, and refusing to record it would only make the register wrong for longer. A
 * notification register.yaml requires comes after the request it is about (evenhand notify).
 */
const SAID_NOT_REFUSED = new Set(['foi-deadline', 'response-overdue', 'notification-missing']);

/**
 * Which finding it is: its rule, file and field. Not its wording: a case overdue before a decision
 * is still overdue after it ("undecided" becomes "unanswered"), which the write did not cause.
 */
const key = (f: Finding) => `${f.code}\u0000${f.file ?? ''}\u0000${f.path ?? ''}`;

function judge(register: Omit<Register, 'cases' | 'findings'>, record: CaseRecord | undefined, options: CheckOptions): Finding[] {
  if (!record) return [];
  const one: Register = { ...register, cases: new Map([[record.id, applyCorrections(record).record]]), findings: [] };
  // Per-case rules only: the roster's own checks and uncommitted files are not this write's doing.
  // The rules that follow register.yaml's protocol settings (responders, withholding, events…) are
  // check's too. The leak gate (identifiable) judges the rendered site, not a write.
  return [...RULES.filter((r) => r !== declarations && r !== uncommitted), ...PROTOCOL_RULES].flatMap((rule) => rule(one, options));
}

/** The case with one more entry, in the order check reads entries. */
export function withEntry(record: CaseRecord, entry: Loaded<CaseEntry>): CaseRecord {
  return { ...record, entries: [...record.entries, entry].sort(entryOrder) };
}

/** A new case holding just its request. */
export function newCase(id: string, folder: string, request: Loaded<RequestEntry>): CaseRecord {
  return { id, folder, request, entries: [] };
}

export interface WriteFindings {
  /** Would make `check` fail: the write is refused unless the officer departs knowingly. */
  errors: Finding[];
  /** Said, and written anyway. */
  warnings: Finding[];
}

/** The findings `check` would report on this case after the write that it does not report before. */
export function findingsOfWrite(
  register: Omit<Register, 'cases' | 'findings'>,
  before: CaseRecord | undefined,
  after: CaseRecord,
  options: CheckOptions,
): WriteFindings {
  const already = new Set(judge(register, before, options).map(key));
  // A request logged late was not made overdue by logging it: deadlines are said for the writes
  // that answer (a late decision or response), and `list --status overdue` shows the rest.
  const added = judge(register, after, options).filter((f) => !already.has(key(f)) && !(before === undefined && SAID_NOT_REFUSED.has(f.code)));
  return {
    errors: added.filter((f) => f.severity === 'error' && !SAID_NOT_REFUSED.has(f.code)),
    warnings: added.filter((f) => f.severity !== 'error' || SAID_NOT_REFUSED.has(f.code)),
  };
}
