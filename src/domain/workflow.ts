// Rules a new entry must meet before it is written (issue 2: "refused with a clear message,
// nothing written"). The same rules are re-checked over the whole register by `evenhand check`.
import type { Finding } from './findings.js';
import { caseState, latestDecision } from './case-state.js';
import { currentRound } from './conflicts.js';
import type { CaseRecord } from './register-model.js';
import { OUTCOMES_NEEDING_REASONS, type DecisionEntry, type RegisterConfig, type RequestEntry, type ResponseEntry } from './schemas.js';

function problem(path: string, message: string, hint?: string): Finding {
  return { code: 'workflow', severity: 'error', path, message, hint };
}

/** A received value may carry a time; compare on the date part. */
export function receivedDate(r: RequestEntry): string {
  return r.received.slice(0, 10);
}

export function validateNewRequest(r: RequestEntry, today: string, nowLocal: string): Finding[] {
  const out: Finding[] = [];
  if (r.received.length > 10 ? r.received > nowLocal : r.received > today)
    out.push(problem('received', `${r.received} is in the future (today is ${today})`, 'give the date the request actually arrived'));
  return out;
}

export function validateNewDecision(c: CaseRecord, d: DecisionEntry, config: RegisterConfig, today: string): Finding[] {
  const out: Finding[] = [];
  const req = c.request?.value;
  if (!req) return [problem('case', `case ${c.id} has no request`)];
  if (d.decided_on > today) out.push(problem('decided_on', `${d.decided_on} is in the future (today is ${today})`));
  if (d.decided_on < receivedDate(req))
    out.push(problem('decided_on', `${d.decided_on} is before the request was received (${receivedDate(req)})`, 'a decision cannot precede its request'));
  // Who may decide (deciders per category), reasons and exemptions are the check's rules
  // (decision-maker, refusal-reason), judged at write time by src/domain/write-check.ts: one rule
  // engine, never a second copy here.
  const prev = latestDecision(c)?.value;
  if (prev && d.decided_on < prev.decided_on)
    out.push(problem('decided_on', `${d.decided_on} is before the case's previous decision (${prev.decided_on})`));
  out.push(...decisionPreconditions(c));
  return out;
}

/** What the case must be for any decision to be recorded: judged before anything is asked. */
export function decisionPreconditions(c: CaseRecord): Finding[] {
  const state = caseState(c);
  if (state === 'answered')
    return [problem('case', `case ${c.id} is already answered`, `to change the record, add a correction: evenhand correct ${c.id} --reason "<why>" --set <field>=<value>`)];
  // One decision stands per round (a clarification starts the next): a second one would contradict
  // it, which is what eight concurrent `decide` once recorded (issue 10; src/domain/conflicts.ts).
  const prev = latestDecision(c)?.value;
  if (prev && (state === 'decided' || state === 'clarifying'))
    return [
      problem(
        'case',
        `case ${c.id} is already decided: ${prev.id} (${prev.outcome}, by ${prev.decided_by} on ${prev.decided_on})${state === 'clarifying' ? ", waiting for the candidate's clarification" : ''}`,
        state === 'clarifying'
          ? `record the clarification with \`evenhand clarification ${c.id} …\` first; to change the decision, correct it: \`evenhand correct ${prev.id} --case ${c.id} --reason "…" --set outcome=<outcome>\``
          : `to change it, correct it: \`evenhand correct ${prev.id} --case ${c.id} --reason "…" --set outcome=<outcome>\``,
      ),
    ];
  return [];
}

/** What the case must be for a response to be recorded: judged before anything is asked. */
export function responsePreconditions(c: CaseRecord): Finding[] {
  const decision = latestDecision(c)?.value;
  if (!decision)
    return [problem('case', `case ${c.id} has no decision yet`, `record one first: evenhand decide ${c.id} --outcome <outcome> --by <role>`)];
  const state = caseState(c);
  if (state === 'answered') return [problem('case', `case ${c.id} is already answered`, `to change the record, add a correction: evenhand correct ${c.id} --reason "<why>" --set <field>=<value>`)];
  if (state === 'open') return [problem('case', `case ${c.id} is waiting for a new decision after the candidate's clarification`, `evenhand decide ${c.id} --outcome <outcome> --by <role>`)];
  // One response per round: the request for clarification may have gone out already (src/domain/conflicts.ts).
  const sent = currentRound(c).response?.value;
  if (state === 'clarifying' && sent)
    return [problem('case', `case ${c.id} already has a response to its decision: ${sent.id} (sent ${sent.sent_on})`, `to change it, correct it: \`evenhand correct ${sent.id} --case ${c.id} --reason "…" --set text=…\``)];
  return [];
}

/** The roles that may decide a request of this category: deciders_by_category where set, else deciders. */
export function decidersFor(config: RegisterConfig, category: RequestEntry['category']): string[] {
  return config.deciders_by_category[category] ?? config.deciders;
}

/** Why a response may not be sent by this role, or undefined (Humberside 11.e: register.yaml responders). */
export function senderProblem(config: RegisterConfig, sentBy: string | undefined): string | undefined {
  if (!config.responders) return undefined;
  if (sentBy === undefined) return `register.yaml says who may send a response (${config.responders.join(', ')}), and none is recorded`;
  if (!config.responders.includes(sentBy)) return `sent by "${sentBy}", a role register.yaml does not allow to send responses (${config.responders.join(', ')})`;
  return undefined;
}

/** Why a response may not be withheld with this reason, or undefined (Kent 5: policy.withhold_reasons). */
export function withholdReasonProblem(config: RegisterConfig, reason: string): string | undefined {
  const allowed = config.policy.withhold_reasons;
  if (allowed.length === 0) return undefined;
  const ok = allowed.some((a) => reason === a || reason.startsWith(`${a}:`));
  return ok ? undefined : `"${reason}" is not a reason this register allows for withholding a response (allowed: ${allowed.join('; ')}, optionally followed by ": detail")`;
}

// Who may send (responders) and why a response may be withheld are the check's rules
// (response-sender, withhold-reason in src/domain/protocol-rules.ts), judged at write time by
// src/domain/write-check.ts.
export function validateNewResponse(c: CaseRecord, r: ResponseEntry, today: string): Finding[] {
  const out: Finding[] = [];
  const decision = latestDecision(c)?.value;
  if (!decision) return responsePreconditions(c);
  if (r.sent_on > today) out.push(problem('sent_on', `${r.sent_on} is in the future (today is ${today})`));
  if (r.sent_on < decision.decided_on)
    out.push(problem('sent_on', `${r.sent_on} is before the decision (${decision.decided_on})`, 'a response goes out after its decision'));
  out.push(...responsePreconditions(c));
  return out;
}

export function findingsMessage(findings: Finding[]): string {
  return findings.map((f) => `${f.path ? `${f.path}: ` : ''}${f.message}${f.hint ? ` (hint: ${f.hint})` : ''}`).join('\n  ');
}

/**
 * Why a written confirmation may be a mistake (issue 13): it is written anyway, with a warning.
 * Avon and Somerset 6.1.2: a phone or in-person request is confirmed back in writing before a reply.
 */
export function confirmationWarnings(c: CaseRecord): string[] {
  const out: string[] = [];
  const req = c.request?.value;
  const earlier = c.entries.filter((e) => e.value.kind === 'confirmation');
  if (earlier.length)
    out.push(`case ${c.id} was already confirmed in writing (${earlier.map((e) => `${e.value.id} on ${(e.value as { sent_on: string }).sent_on}`).join(', ')}); this records another`);
  if (req && req.channel !== 'phone' && req.channel !== 'in-person')
    out.push(`the request came by ${req.channel}, already in writing: confirmation is for phone and in-person requests`);
  const reply = c.entries.find((e) => e.value.kind === 'response');
  if (reply) out.push(`the reply was sent on ${(reply.value as ResponseEntry).sent_on}: a confirmation goes before the reply (Avon and Somerset 6.1.2)`);
  return out;
}
