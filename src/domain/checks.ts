// The compliance check (issue 3): every rule is a pure function (register, options) → findings,
// as in beancount's bean-check. `evenhand check` only loads, prints and sets the exit code.
import { electionTimetable } from './calendar.js';
import { caseState, latestDecision, responses } from './case-state.js';
import { answeredOn, dueDate } from './case-view.js';
import { candidateServed, standingOn } from './candidates.js';
import { conflictingEntries } from './conflicts.js';
import { prospectiveUntil } from './standing.js';
import { decidersFor } from './workflow.js';
import type { Finding, Severity } from './findings.js';
import type { CaseRecord, Loaded, Register } from './register-model.js';
import { entryDate } from './register-model.js';
import type { CaseEntry, RequestEntry } from './schemas.js';
import { OUTCOMES_NEEDING_REASONS } from './schemas.js';
import { pushAll } from './push-all.js';

export interface CheckOptions {
  /** The day on which overdue items are judged (YYYY-MM-DD). */
  asOf: string;
  /** Files on disk that git has not committed, relative to the register; null when not in a git repository. */
  uncommitted?: string[] | null;
  /** Those of `uncommitted` that git tracks and that differ from HEAD (edited, deleted), as opposed to new files. */
  modified?: string[];
  /** Extra rules added by later issues (e.g. identifiable), run after the built-in ones. */
  extraRules?: Rule[];
}

export type Rule = (register: Register, options: CheckOptions) => Finding[];

/**
 * Outcomes that may rely on an FOI exemption: those that withhold something, and those that point
 * elsewhere (s21: information reasonably accessible by other means, e.g. already published).
 */
const MAY_CITE_EXEMPTION = new Set(['refuse', 'partial', 'already-published', 'redirect']);

/** Outcomes that grant what was asked, wholly or in part. */
export const GRANTING = new Set(['provide', 'partial']);

export function at(
  code: string,
  severity: Severity,
  c: CaseRecord,
  e: Loaded<RequestEntry | CaseEntry> | undefined,
  field: string | undefined,
  message: string,
  hint?: string,
): Finding {
  return { code, severity, case: c.id, file: e?.file, line: field && e ? e.lines[field] : undefined, path: field, message, hint };
}

/** "Alex Morgan (c-7k2q)": check is an internal tool, so findings say who as well as which id. */
function named(c: { id: string; name: string }): string {
  return `${c.name} (${c.id})`;
}

/** The exact command that records a correction of one entry. */
function correctCommand(c: CaseRecord, entryId: string, set: string): string {
  return `evenhand correct ${entryId}${entryId === c.id ? '' : ` --case ${c.id}`} --reason "<why>" --set ${set}`;
}

function requestOf(c: CaseRecord): Loaded<RequestEntry> | undefined {
  return c.request;
}

/** The pre-election period start: the returning officer's date where set, else the notice of election. */
export function preElectionStart(register: Register): string {
  const set = register.config.policy.pre_election_period_start;
  if (set) return set;
  const e = register.config.election;
  return electionTimetable(e.poll_date, e.nation, e.extra_non_working_days).notice_of_election;
}

// ---- chronology: no decision before receipt, no response before the decision, no future date ----
export const chronology: Rule = (register, { asOf }) => {
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const req = requestOf(c);
    if (!req) continue;
    const received = req.value.received.slice(0, 10);
    if (received > asOf) out.push(at('chronology', 'error', c, req, 'received', `received ${received} is after ${asOf}: a date in the future`));
    let lastDecision: string | undefined;
    for (const e of c.entries) {
      const v = e.value;
      const date = entryDate(v);
      const field = { decision: 'decided_on', response: 'sent_on', confirmation: 'sent_on', clarification: 'received', extension: 'decided_on', correction: 'recorded_at', referral: 'sent_on', notification: 'sent_on', approval: 'recorded_at' }[v.kind];
      if (date > asOf) out.push(at('chronology', 'error', c, e, field, `${v.kind} dated ${date} is after ${asOf}: a date in the future`));
      if (date < received) out.push(at('chronology', 'error', c, e, field, `${v.kind} dated ${date} is before the request was received (${received})`));
      if (v.kind === 'decision') lastDecision = v.decided_on;
      if (v.kind === 'response' && !lastDecision)
        out.push(at('chronology', 'error', c, e, 'sent_on', `response sent ${v.sent_on} before any decision was recorded`, 'record the decision the response carried out'));
    }
  }
  return out;
};

// ---- decision-maker: Norfolk 2.2 (Chief Constable or Chief Executive), Humberside 11.e ----
// Deciders per category: Avon and Somerset 3.3.2, 9.1 and Humberside 5.b.ii (visits by the Chief Executive).
export const decisionMaker: Rule = (register) => {
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const category = requestOf(c)?.value.category;
    const allowed = category ? decidersFor(register.config, category) : register.config.deciders;
    for (const e of c.entries)
      if (e.value.kind === 'decision' && !allowed.includes(e.value.decided_by))
        out.push(at('decision-maker', 'error', c, e, 'decided_by', `decided by "${e.value.decided_by}", a role register.yaml does not allow to decide ${category ?? ''} requests`, `allowed: ${allowed.join(', ')}; if another role decided: ${correctCommand(c, e.value.id, 'decided_by=<role>')}`));
  }
  return out;
};

/** Requests that are not candidate contact: the incumbent's statutory business, or a member of the public's. */
export function outsideEqualTreatment(req: RequestEntry): boolean {
  return req.statutory !== undefined || req.as_public;
}

// ---- refusal-reason: Hampshire 3.4 (reasons given); FOI Act s.17 (exemption named) ----
export const refusalReason: Rule = (register) => {
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const req = requestOf(c);
    for (const e of c.entries) {
      const v = e.value;
      if (v.kind !== 'decision') continue;
      if ((OUTCOMES_NEEDING_REASONS as readonly string[]).includes(v.outcome) && v.reasons.length === 0)
        out.push(at('refusal-reason', 'error', c, e, 'outcome', `outcome ${v.outcome} carries no reasons`, `the candidate must be told why (Hampshire 3.4): ${correctCommand(c, v.id, '"reasons=[<the reason given>]"')}`));
      if (v.exemptions.length > 0 && !MAY_CITE_EXEMPTION.has(v.outcome))
        out.push(at('refusal-reason', 'error', c, e, 'exemptions', `exemption${v.exemptions.length > 1 ? 's' : ''} ${v.exemptions.join(', ')} named, but the outcome ${v.outcome} relies on none`, `an exemption is relied on only to withhold (FOI Act s.17): ${correctCommand(c, v.id, 'outcome=partial')}, or --set "exemptions=[]"`));
      if (req?.value.foi && (v.outcome === 'refuse' || v.outcome === 'partial') && v.exemptions.length === 0)
        out.push(at('refusal-reason', 'error', c, e, 'exemptions', `an FOI ${v.outcome === 'refuse' ? 'refusal' : 'partial refusal'} names no exemption`, `name the section relied on (FOI Act s.17): ${correctCommand(c, v.id, '"exemptions=[s40(2)]"')}; if the information is not held: --set outcome=not-held`));
    }
  }
  return out;
};

// ---- foi-deadline (error) and response-overdue (warning) ----
export const deadlines: Rule = (register, { asOf }) => {
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const req = requestOf(c);
    if (!req) continue;
    const state = caseState(c);
    if (state === 'clarifying') continue; // the clock waits for the candidate (FOI Act s.1(3))
    const due = dueDate(register, c);
    if (!due) continue;
    const answered = answeredOn(c);
    const foi = req.value.foi;
    const code = foi ? 'foi-deadline' : 'response-overdue';
    const severity: Severity = foi ? 'error' : 'warning';
    if (answered && answered > due.date) {
      const last = responses(c).at(-1);
      out.push(at(code, severity, c, last, 'sent_on', `answered on ${answered}, after the deadline of ${due.date} (${due.rule})`));
    } else if (!answered && asOf > due.date) {
      out.push(
        at(code, severity, c, req, 'received', `${state === 'open' ? 'undecided' : 'unanswered'} on ${asOf}, past the deadline of ${due.date} (${due.rule})`, state === 'open' ? `evenhand decide ${c.id} --outcome <outcome> --by <role>` : `evenhand respond ${c.id} --channel email --text-file <reply.txt>`),
      );
    }
  }
  return out;
};

// ---- unpublished: Kent 5, Norfolk 2.2, Hampshire 3.8: every response is published unless withheld with a reason ----
export const unpublished: Rule = (register) => {
  const out: Finding[] = [];
  for (const c of register.cases.values())
    for (const e of c.entries)
      if (e.value.kind === 'response' && e.value.publish === false)
        out.push(at('unpublished', 'error', c, e, 'publish', 'response is neither published nor withheld with a reason', `${correctCommand(c, e.value.id, 'publish=true')} (or --set "publish={withheld: <reason>}")`));
  return out;
};

// ---- equal-treatment: Norfolk 2.1 ("agreeing to regular meetings with one candidate would necessitate
// meeting with all"), Humberside 5.b.iv, Hampshire 3.7 (the incumbent is not favoured) ----
const OFFERED_CATEGORIES = new Set(['visit', 'meeting', 'briefing']);
// Prospective candidates count where policy.prospective_are_candidates (Hampshire 1; Humberside 5.b.v);
// an agent's request counts for the candidate they act for (Kent 4).
export const equalTreatment: Rule = (register) => {
  const out: Finding[] = [];
  const candidates = [...register.candidates.values()].map((c) => c.value);
  for (const c of register.cases.values()) {
    const req = requestOf(c);
    if (!req || !OFFERED_CATEGORIES.has(req.value.category) || outsideEqualTreatment(req.value)) continue;
    const decision = latestDecision(c);
    if (!decision || !GRANTING.has(decision.value.outcome)) continue;
    const response = responses(c).at(-1);
    if (!response) continue;
    const date = response.value.sent_on;
    const served = candidateServed(register.candidates, req.value.candidate);
    const offered = new Set([...response.value.offered_to, ...(served ? [served.id] : [])]);
    const prospective = register.config.policy.prospective_are_candidates;
    const missing = standingOn(candidates, date, prospectiveUntil(register.config)).filter((d) => !offered.has(d.id));
    const all = [...response.value.offered_to, ...missing.map((m) => m.id)];
    if (missing.length)
      out.push(
        at('equal-treatment', 'error', c, response, 'offered_to', `a ${req.value.category} was granted but not offered to ${missing.length} candidate${missing.length > 1 ? 's' : ''} ${prospective ? 'standing or prospective' : 'declared'} on ${date}: ${missing.map(named).join(', ')}`, `offer the same to every candidate, then record it: ${correctCommand(c, response.value.id, `"offered_to=[${all.join(', ')}]"`)}`),
      );
  }
  return out;
};

// ---- pre-election-media (policy.media): Avon and Somerset 10.1, 12.1.7 (forbidden once the period
// starts); Kent 5 (forbidden); Hampshire 3.3 (considered case by case); Norfolk 2.5 (allowed). The
// day judged is the event's (event_on), else the day it was decided: a photo decided on 19 March
// for 1 April is inside a period that starts on 22 March. ----
export const preElectionMedia: Rule = (register) => {
  const policy = register.config.policy.media;
  if (policy === 'allowed') return [];
  const out: Finding[] = [];
  const start = preElectionStart(register);
  const poll = register.config.election.poll_date;
  for (const c of register.cases.values()) {
    const req = requestOf(c);
    if (!req || req.value.category !== 'media') continue;
    for (const e of c.entries) {
      const v = e.value;
      if (v.kind !== 'decision' || !GRANTING.has(v.outcome)) continue;
      const day = req.value.event_on ?? v.decided_on;
      const inPeriod = day >= start && day <= poll;
      const which = req.value.event_on ? `for ${day}` : `on ${day}`;
      if (policy === 'forbidden')
        out.push(at('pre-election-media', 'error', c, e, 'outcome', `a media, photo or filming request was granted (${which}), which this register forbids at any time`, 'staff must not be filmed or photographed as part of any campaign (Kent 5)'));
      else if (policy === 'forbidden-in-pre-election' && inPeriod)
        out.push(at('pre-election-media', 'error', c, e, 'outcome', `a media, photo or filming request was granted ${which}, in the pre-election period (from ${start})`, 'staff and officers must not be filmed or photographed for any campaign once it starts (Avon and Somerset 10.1)'));
      else if (policy === 'case-by-case' && inPeriod && v.reasons.length === 0 && v.mitigations.length === 0)
        out.push(at('pre-election-media', 'warning', c, e, 'reasons', `a media, photo or filming request was granted ${which}, in the pre-election period, with no reason or mitigation recorded`, 'record why it was judged acceptable (Hampshire 3.3: considered by the SPOC)'));
    }
  }
  return out;
};

// ---- imagery (policy.imagery): Norfolk 2.4, Humberside 17, Avon and Somerset 11.1: never for campaign
// use; Kent 5: with the consent of the Chief Executive (policy.imagery_consent_by) ----
export const imagery: Rule = (register) => {
  const { imagery: policy, imagery_consent_by: consent } = register.config.policy;
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    if (requestOf(c)?.value.category !== 'imagery') continue;
    for (const e of c.entries) {
      const v = e.value;
      if (v.kind !== 'decision' || !GRANTING.has(v.outcome)) continue;
      if (policy === 'forbidden')
        out.push(at('imagery', 'error', c, e, 'outcome', 'police imagery or livery was granted for campaign use', 'the imagery and livery must not be used in any political material (Norfolk 2.4)'));
      else if (!consent.includes(v.decided_by))
        out.push(at('imagery', 'error', c, e, 'decided_by', `police imagery was granted by "${v.decided_by}", who may not consent to its use`, `consent is for: ${consent.join(', ') || 'no role (set policy.imagery_consent_by)'} (Kent 5)`));
    }
  }
  return out;
};

// ---- undeclared: Avon and Somerset 3.3.5; Hampshire 3.6 ----
export const undeclared: Rule = (register) => {
  if (register.config.policy.undeclared !== 'treat-as-public') return [];
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const req = requestOf(c);
    if (!req) continue;
    // Resolved when the case is handled as a member of the public's (request --as-public), or is the
    // incumbent's statutory business; spares the incumbent where the protocol says so (policy).
    if (req.value.as_public || req.value.statutory !== undefined) continue;
    const cand = candidateServed(register.candidates, req.value.candidate);
    if (!cand) continue;
    if (cand.incumbent && register.config.policy.undeclared_exempts_incumbent) continue;
    const received = req.value.received.slice(0, 10);
    const declaredThen = cand.declared_on !== undefined && cand.declared_on <= received && cand.status !== 'prospective';
    if (!declaredThen)
      out.push(at('undeclared', 'warning', c, req, 'candidate', `${named(cand)} had not declared on ${received}, yet this is handled as a candidate request`, 'register.yaml says undeclared people are treated as members of the public (Avon and Somerset 3.3.5): record it with request --as-public'));
  }
  return out;
};

// ---- written-confirmation: Avon and Somerset 6.1.2 ----
export const writtenConfirmation: Rule = (register) => {
  if (!register.config.policy.written_confirmation_required) return [];
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const req = requestOf(c);
    if (!req || (req.value.channel !== 'phone' && req.value.channel !== 'in-person')) continue;
    const confirmation = c.entries.find((e) => e.value.kind === 'confirmation');
    const reply = responses(c)[0];
    if (!confirmation)
      out.push(at('written-confirmation', 'warning', c, req, 'channel', `a ${req.value.channel} request with no written confirmation recorded`, `evenhand confirm ${c.id} --sent <date>`));
    // "confirmed back to the requester in writing before a reply is issued" (6.1.2).
    else if (reply && entryDate(confirmation.value) > reply.value.sent_on)
      out.push(at('written-confirmation', 'error', c, confirmation, 'sent_on', `the written confirmation (${entryDate(confirmation.value)}) went after the reply (${reply.value.sent_on})`, 'Avon and Somerset 6.1.2: confirm the request in writing before a reply is issued'));
  }
  return out;
};

// ---- political: Kent 4 ----
export const political: Rule = (register) => {
  if (register.config.policy.political_requests !== 'forward-unlogged') return [];
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const req = requestOf(c);
    if (req?.value.category === 'political')
      out.push(at('political', 'warning', c, req, 'category', 'a political request was logged, but register.yaml says forward-unlogged', 'Kent 4: forward it to the PCC personally and do not log it'));
  }
  return out;
};

// ---- uncommitted: a command killed between write and commit, or a file made or edited by hand ----
// Each kind gets its own advice: `git add` + `git commit` would sweep every leftover into one
// commit in no format of evenhand's, which `audit` then rejects (issue 10).
const CASE_OF = /^cases\/(?:\d{4}-\d{2}\/)?([^/]+)\//;

export function uncommittedAdvice(file: string, changed: boolean): { message: string; hint: string } {
  const entry = /^cases\/.+\.ya?ml$/.test(file) && !file.includes('/attachments/');
  const caseId = CASE_OF.exec(file)?.[1];
  if (changed) {
    if (file === 'register.yaml')
      return { message: 'register.yaml has been changed and the change is not committed', hint: 'settings are changed by hand: commit it on its own, `git commit -m "register.yaml: <what changed>" -- register.yaml`, or undo it with `git restore register.yaml`' };
    if (file.startsWith('candidates/'))
      return { message: 'this candidate file was changed (or deleted) since it was committed', hint: `put it back with \`git restore ${file}\`, then make the change with \`evenhand candidate update …\`` };
    return {
      message: entry ? 'this entry was changed (or deleted) since it was committed: entries are never edited' : 'this file was changed (or deleted) since it was committed',
      hint: `put it back with \`git restore ${file}\`${entry ? `, then change the record with a correction: \`evenhand correct <entry id> --case ${caseId ?? '<case>'} --reason "…" --set <field>=<value>\`` : ''}`,
    };
  }
  if (file.startsWith('cases/') && file.includes('/attachments/'))
    return {
      message: 'this attachment is not committed: an interrupted `respond` may have left it',
      hint: '`evenhand recover` commits it with the response that names it; one no response names is reported for you to delete',
    };
  if (entry || /^candidates\/[^/]+\.ya?ml$/.test(file))
    return {
      message: 'this file is not committed: an interrupted command may have left it, or it was made by hand',
      hint: '`evenhand recover` commits a complete, valid entry as the command would have (one commit per entry) and reports one that is not; see first with `evenhand recover --dry-run`',
    };
  return { message: 'this file is not committed and is not an entry', hint: 'move it out of the register, or delete it' };
}

export const uncommitted: Rule = (_register, { uncommitted: files, modified }) =>
  files === null
    ? [{ code: 'uncommitted', severity: 'warning', file: 'register.yaml', message: 'the register is not in a git repository, so it has no audit trail', hint: 'run `git init` and commit the register' }]
    : (files ?? []).map((file) => ({
        code: 'uncommitted',
        severity: 'warning' as const,
        file,
        case: CASE_OF.exec(file)?.[1],
        ...uncommittedAdvice(file, (modified ?? []).includes(file)),
      }));

// ---- the election timetable sanity check: a declaration dated after nominations closed ----
export const declarations: Rule = (register) => {
  const e = register.config.election;
  const close = electionTimetable(e.poll_date, e.nation, e.extra_non_working_days).nominations_close.slice(0, 10);
  const out: Finding[] = [];
  for (const c of register.candidates.values())
    if (c.value.declared_on && c.value.declared_on > close)
      out.push({ code: 'declaration', severity: 'warning', file: c.file, line: c.lines.declared_on, path: 'declared_on', message: `declared on ${c.value.declared_on}, after nominations closed (${close} 16:00)` });
  return out;
};

export const RULES: Rule[] = [
  chronology,
  decisionMaker,
  refusalReason,
  deadlines,
  unpublished,
  equalTreatment,
  preElectionMedia,
  imagery,
  undeclared,
  writtenConfirmation,
  political,
  uncommitted,
  declarations,
  // Two decisions, two responses, a decision after the response: src/domain/conflicts.ts.
  (register) => conflictingEntries(register),
];

export function checkRegister(register: Register, options: CheckOptions): Finding[] {
  const findings = [...register.findings];
  // Rules judge only well-formed data; schema and reference problems are already reported.
  if (!register.config) return findings;
  for (const rule of [...RULES, ...(options.extraRules ?? [])]) pushAll(findings, rule(register, options));
  return findings;
}

/** Cases the check calls overdue as of a date (for `list --status overdue`). */
export function overdueCases(register: Register, asOf: string): string[] {
  return [...new Set(deadlines(register, { asOf }).map((f) => f.case!))];
}

