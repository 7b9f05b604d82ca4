// What `show` and `list` print about a case: its state, its due date (with the days skipped) and
// whether it is overdue. Pure, so `check` uses the same deadline logic.
import { addWorkingDays, foiDeadline, type SkippedDay } from './calendar.js';
import { caseState, type CaseState } from './case-state.js';
import type { CaseRecord, Register } from './register-model.js';
import { entryDate, entryOrder } from './register-model.js';
import type { RequestEntry } from './schemas.js';

export const LIST_STATUSES = ['open', 'clarifying', 'decided', 'answered', 'overdue'] as const;

export interface DueDate {
  date: string;
  /** The rule that set it, in words. */
  rule: string;
  /** The days not counted, and why. */
  explain: SkippedDay[];
}

/**
 * The date the case must be answered by.
 * FOI: 20 working days after receipt (FOI Act s.10(1); Norfolk 2.2), restarting from the
 * candidate's clarification (s.1(3), s.10(6)(b)), or the date of a public-interest extension (s.10(3)).
 * Otherwise: the register's own target, in the office's working days.
 */
export function dueDate(register: Register, c: CaseRecord): DueDate | undefined {
  const req = c.request?.value;
  if (!req) return undefined;
  let start = req.received.slice(0, 10);
  let restarted = false;
  let extension: { date: string; reason: string } | undefined;
  for (const { value: e } of c.entries) {
    if (e.kind === 'clarification') {
      start = e.received;
      restarted = true;
    }
    if (e.kind === 'extension') extension = { date: e.new_due, reason: e.reason };
  }
  if (req.foi) {
    if (extension) return { date: extension.date, rule: `extended for the public interest: ${extension.reason} (FOI Act s.10(3))`, explain: [] };
    const d = foiDeadline(start, register.config.election.extra_non_working_days);
    return {
      date: d.due,
      rule: `20 FOI working days after ${restarted ? 'the clarification received' : 'receipt'} on ${start} (FOI Act s.10)`,
      explain: d.skipped,
    };
  }
  const n = register.config.response_target_days;
  const d = addWorkingDays(start, n, { kind: 'office', nation: register.config.election.nation, extra: register.config.election.extra_non_working_days });
  return { date: d.date, rule: `the register's target of ${n} working days after ${start}`, explain: d.skipped };
}

/** The date the case was answered: the final response's sent_on. */
export function answeredOn(c: CaseRecord): string | undefined {
  if (caseState(c) !== 'answered') return undefined;
  const responses = c.entries.filter((e) => e.value.kind === 'response');
  const last = responses[responses.length - 1];
  return last ? entryDate(last.value) : undefined;
}

export interface CaseSummary {
  id: string;
  state: CaseState;
  candidate: string;
  candidate_name: string;
  received: string;
  channel: RequestEntry['channel'];
  via: RequestEntry['via'];
  category: RequestEntry['category'];
  foi: boolean;
  subject: string;
  due?: DueDate;
  answered_on?: string;
  overdue: boolean;
}

export function caseSummary(register: Register, c: CaseRecord, today: string): CaseSummary {
  const req = c.request!.value;
  const state = caseState(c);
  const due = state === 'clarifying' ? undefined : dueDate(register, c);
  const answered = answeredOn(c);
  const overdue = Boolean(due && (answered ? answered > due.date : today > due.date && state !== 'answered'));
  return {
    id: c.id,
    state,
    candidate: req.candidate,
    candidate_name: register.candidates.get(req.candidate)?.value.name ?? req.candidate,
    received: req.received,
    channel: req.channel,
    via: req.via,
    category: req.category,
    foi: req.foi,
    subject: req.subject,
    due,
    answered_on: answered,
    overdue,
  };
}

export interface EntryView {
  kind: string;
  id: string;
  date: string;
  file: string;
  recorded_by: string;
  recorded_at: string;
  fields: Record<string, unknown>;
}

export function caseDetail(register: Register, c: CaseRecord, today: string) {
  // Withdrawn entries are shown too (with withdrawn: true), where they happened: the record keeps them.
  const all = [c.request!, ...[...c.entries, ...(c.withdrawn ?? [])].sort(entryOrder)];
  const entries: EntryView[] = all.map(({ value, file }) => {
    const { id, kind, recorded_by, recorded_at, ...rest } = value as unknown as Record<string, unknown> & {
      id: string;
      kind: string;
      recorded_by: string;
      recorded_at: string;
    };
    delete rest.case;
    const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
    return { kind, id, date: entryDate(value), file, recorded_by, recorded_at, fields };
  });
  return { ...caseSummary(register, c, today), entries };
}
