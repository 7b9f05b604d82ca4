// Rules that follow a protocol's own settings in register.yaml (issue 12): who sends responses,
// how answers reach every candidate, withholding, fixed-date events, channels, required
// notifications, organisations, requesters who are not candidates, statutory business.
// Each is a pure function (register, options) → findings, like the rules in checks.ts.
import { candidateServed, standingOn } from './candidates.js';
import { prospectiveUntil } from './standing.js';
import { latestDecision, responses } from './case-state.js';
import { at, GRANTING, outsideEqualTreatment, type Rule } from './checks.js';
import type { Finding } from './findings.js';
import { senderProblem, withholdReasonProblem } from './workflow.js';

// ---- response-sender: Humberside 11.e (the Chief Executive or the Deputy Monitoring Officer); Norfolk 2.2 ----
export const responseSender: Rule = (register) => {
  if (!register.config.responders) return [];
  const out: Finding[] = [];
  for (const c of register.cases.values())
    for (const e of responses(c)) {
      const problem = senderProblem(register.config, e.value.sent_by);
      if (problem) out.push(at('response-sender', 'error', c, e, 'sent_by', problem, 'register.yaml responders (Humberside 11.e)'));
    }
  return out;
};

/** Categories whose answers are information to share; media, imagery and political requests are not. */
const SHARED_CATEGORIES = new Set(['information', 'budget', 'visit', 'meeting', 'briefing', 'other']);

// ---- answer-not-shared (policy.share_answers: send-to-all): Humberside 14 "all questions and answers
// ... shared with all candidates", 16; Hampshire 3.2 "information shared with one candidate should be
// provided to other candidates" ----
export const answersShared: Rule = (register) => {
  if (register.config.policy.share_answers !== 'send-to-all') return [];
  const out: Finding[] = [];
  const candidates = [...register.candidates.values()].map((c) => c.value);
  for (const c of register.cases.values()) {
    const req = c.request?.value;
    if (!req || outsideEqualTreatment(req) || !SHARED_CATEGORIES.has(req.category)) continue;
    const decision = latestDecision(c);
    const response = responses(c).at(-1);
    if (!decision || !GRANTING.has(decision.value.outcome) || !response) continue;
    const served = candidateServed(register.candidates, req.candidate);
    const shared = new Set([...response.value.circulated_to, ...response.value.offered_to, ...(served ? [served.id] : [])]);
    const date = response.value.sent_on;
    const missing = standingOn(candidates, date, prospectiveUntil(register.config)).filter((m) => !shared.has(m.id));
    if (missing.length)
      out.push(
        at('answer-not-shared', 'error', c, response, 'circulated_to', `the answer was not sent to ${missing.length} candidate${missing.length > 1 ? 's' : ''} standing on ${date}: ${missing.map((m) => m.id).join(', ')}`, 'register.yaml says every answer goes to every candidate (share_answers: send-to-all); record it with respond --circulated-to, or a correction'),
      );
  }
  return out;
};

// ---- withheld-incumbent (Humberside 5.c.ii: the incumbent's requests all recorded and shared) and
// withhold-reason (Kent 5: all responses go in the Disclosure Log; policy.withhold_reasons) ----
export const withholding: Rule = (register) => {
  const out: Finding[] = [];
  const policy = register.config.policy;
  for (const c of register.cases.values()) {
    const req = c.request?.value;
    if (!req || req.statutory !== undefined) continue;
    for (const e of responses(c)) {
      const publish = e.value.publish;
      if (publish === true) continue;
      if (policy.incumbent_answers_published && candidateServed(register.candidates, req.candidate)?.incumbent)
        out.push(at('withheld-incumbent', 'error', c, e, 'publish', "the incumbent's answer is withheld from the log, but register.yaml says the incumbent's requests are always shared", 'Humberside 5.c.ii: publish it (a correction setting publish: true)'));
      const why = typeof publish === 'object' ? withholdReasonProblem(register.config, publish.withheld) : undefined;
      if (why) out.push(at('withhold-reason', 'error', c, e, 'publish', why, 'Kent 5: all responses are included in the Disclosure Log'));
    }
  }
  return out;
};

// ---- fixed-event: Humberside 16 (visits for registered candidates only, on 12 April 2024) and 14 (meetings on 25 March) ----
export const fixedEvents: Rule = (register) => {
  const events = register.config.events;
  if (events.length === 0) return [];
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const req = c.request;
    if (!req || outsideEqualTreatment(req.value)) continue;
    const category = req.value.category;
    const held = events.filter((ev) => (ev.categories as readonly string[]).includes(category));
    const decision = latestDecision(c);
    if (held.length === 0 || !decision || !GRANTING.has(decision.value.outcome)) continue;
    const days = held.map((ev) => `${ev.on} (${ev.name})`).join(', ');
    const day = req.value.event_on;
    const event = held.find((ev) => ev.on === day);
    if (!day) out.push(at('fixed-event', 'error', c, req, 'category', `a ${category} was granted with no event date recorded; this register holds them only on ${days}`, 'record the day with request --event-on (or a correction setting event_on)'));
    else if (!event) out.push(at('fixed-event', 'error', c, decision, 'outcome', `a ${category} was granted for ${day}, outside the fixed date${held.length > 1 ? 's' : ''} ${days}`, 'offer the fixed date instead (Humberside 14, 16)'));
    else if (event.registered_only) {
      const served = candidateServed(register.candidates, req.value.candidate);
      const registered = served?.status === 'declared' && served.declared_on !== undefined && served.declared_on <= event.on;
      if (!registered)
        out.push(at('fixed-event', 'error', c, decision, 'outcome', `${event.name} on ${event.on} is for registered candidates only, and ${served?.id ?? req.value.candidate} had not registered by then`, 'Humberside 16: visits for registered candidates only'));
    }
  }
  return out;
};

// ---- response-channel: Avon and Somerset 6.1.2 "All responses will be via email" ----
export const responseChannel: Rule = (register) => {
  const allowed = register.config.policy.response_channels as readonly string[];
  if (allowed.length === 0) return [];
  const out: Finding[] = [];
  for (const c of register.cases.values())
    for (const e of responses(c))
      if (!allowed.includes(e.value.channel))
        out.push(at('response-channel', 'error', c, e, 'channel', `a response sent by ${e.value.channel}; register.yaml sends responses only by ${allowed.join(', ')}`, 'Avon and Somerset 6.1.2: all responses via email'));
  return out;
};

// ---- notification-missing: Norfolk 2.2 (the Constabulary notifies the Chief Executive), 2.3 (visit
// requests notified to the Chief Constable and Chief Executive); Avon and Somerset 8.1.2 (the PARO
// told the briefing date) ----
export const requiredNotifications: Rule = (register) => {
  const rules = register.config.notifications;
  if (rules.length === 0) return [];
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const req = c.request;
    if (!req || req.value.statutory !== undefined) continue;
    for (const rule of rules) {
      if (rule.via && !rule.via.includes(req.value.via)) continue;
      if (rule.categories && !rule.categories.includes(req.value.category)) continue;
      const decision = latestDecision(c);
      if (rule.when === 'granted' && !(decision && GRANTING.has(decision.value.outcome))) continue;
      if (!c.entries.some((e) => e.value.kind === 'notification' && e.value.to === rule.to))
        out.push(at('notification-missing', 'error', c, req, rule.categories ? 'category' : 'via', `no notification to ${rule.to} recorded, which register.yaml requires for ${[rule.categories?.join('/'), rule.via ? `requests via ${rule.via.join('/')}` : undefined].filter(Boolean).join(' ')} requests`, `evenhand notify ${c.id} --to ${rule.to}`));
    }
  }
  return out;
};

// ---- organisation: one register for several organisations (Humberside 11.b; Norfolk 2.2) ----
export const organisations: Rule = (register) => {
  const ids = new Set(register.config.organisations.map((o) => o.id));
  const out: Finding[] = [];
  const unknown = (id: string) => `unknown organisation "${id}"`;
  const hint = `use one of register.yaml organisations: ${[...ids].join(', ') || '(none listed)'}`;
  for (const c of register.cases.values()) {
    const req = c.request;
    if (req?.value.organisation !== undefined && !ids.has(req.value.organisation)) out.push(at('organisation', 'error', c, req, 'organisation', unknown(req.value.organisation), hint));
    else if (req && ids.size > 0 && req.value.organisation === undefined)
      out.push(at('organisation', 'warning', c, req, 'organisation', 'register.yaml lists organisations, but this case does not say which one handles it', 'request --org <id> (or a correction setting organisation)'));
    for (const e of c.entries) {
      const v = e.value;
      if ((v.kind === 'response' || v.kind === 'referral') && v.organisation !== undefined && !ids.has(v.organisation)) out.push(at('organisation', 'error', c, e, 'organisation', unknown(v.organisation), hint));
    }
  }
  return out;
};

// ---- requester: agents act for a candidate on the roster (Kent 4; Avon and Somerset 4.1.5 supporters) ----
export const requesters: Rule = (register) => {
  const out: Finding[] = [];
  for (const r of register.candidates.values()) {
    const v = r.value;
    const push = (message: string, hint: string) => out.push({ code: 'requester', severity: 'error', file: r.file, line: r.lines.acts_for ?? r.lines.kind, path: 'acts_for', message, hint });
    if (v.kind === 'agent' && !v.acts_for) push('an agent who acts for no candidate', 'candidate add --kind agent --acts-for <candidate id>');
    else if (v.acts_for && v.kind !== 'agent') push(`a ${v.kind} cannot act for a candidate; only an agent does`, 'remove acts_for, or set kind: agent');
    else if (v.acts_for && register.candidates.get(v.acts_for)?.value.kind !== 'candidate') push(`acts for "${v.acts_for}", who is not a candidate on the roster`, 'use a candidate id from `evenhand candidate list`');
  }
  return out;
};

// ---- statutory: only the sitting Commissioner has statutory business (Avon and Somerset 12.1.6; Humberside 5.c.iii, 19.e) ----
export const statutoryBusiness: Rule = (register) => {
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const req = c.request;
    if (req?.value.statutory === undefined) continue;
    const who = register.candidates.get(req.value.candidate)?.value;
    if (!(who?.kind === 'candidate' && who.incumbent))
      out.push(at('statutory', 'error', c, req, 'statutory', `recorded as statutory business, but ${req.value.candidate} is not the incumbent`, 'only the sitting Commissioner has statutory business; log it as a candidate request'));
  }
  return out;
};

export const PROTOCOL_RULES: Rule[] = [responseSender, answersShared, withholding, fixedEvents, responseChannel, requiredNotifications, organisations, requesters, statutoryBusiness];
