// The protocol rules on a register built in memory: the cases the CLI refuses to write (so the
// scenario tests cannot reach them) but a hand-edited or older register can hold.
import { describe, expect, it } from 'vitest';
import { imagery } from './checks.js';
import { organisations, requesters, responseSender, withholding } from './protocol-rules.js';
import type { CaseRecord, Register } from './register-model.js';
import { Candidate, DecisionEntry, RegisterConfig, RequestEntry, ResponseEntry } from './schemas.js';

const rec = { recorded_by: 'SPOC', recorded_at: '2024-04-10T10:00:00Z' };
const loaded = <T>(value: T, file: string) => ({ value, file, lines: {} as Record<string, number> });

function register(config: Record<string, unknown>, roster: Record<string, unknown>[], cases: { request: Record<string, unknown>; decision?: Record<string, unknown>; response?: Record<string, unknown> }[]): Register {
  const base = { body: 'B', election: { name: 'E', poll_date: '2024-05-02' }, spoc: { name: 'SPOC' } };
  const candidates = new Map(roster.map((c) => { const v = Candidate.parse(c); return [v.id, loaded(v, `candidates/${v.id}.yaml`)]; }));
  const records = new Map<string, CaseRecord>();
  cases.forEach((c, i) => {
    const id = `2024-0410-aa0${i}`;
    const request = RequestEntry.parse({ id, kind: 'request', received: '2024-04-10', channel: 'email', category: 'information', subject: 's', text: 't', ...rec, ...c.request });
    const entries = [
      ...(c.decision ? [loaded(DecisionEntry.parse({ id: 'decision-d001', kind: 'decision', case: id, outcome: 'provide', decided_by: 'chief-executive', decided_on: '2024-04-10', ...rec, ...c.decision }), 'd')] : []),
      ...(c.response ? [loaded(ResponseEntry.parse({ id: 'response-r001', kind: 'response', case: id, sent_on: '2024-04-10', channel: 'email', text: 'a', ...rec, ...c.response }), 'r')] : []),
    ];
    records.set(id, { id, folder: `cases/2024-04/${id}`, request: loaded(request, 'q'), entries });
  });
  return { config: RegisterConfig.parse({ ...base, ...config }), configFile: 'register.yaml', candidates, cases: records, findings: [] };
}

const alex = { id: 'c-aaaa', name: 'Alex Morgan', status: 'declared', declared_on: '2024-04-05', incumbent: true };
const codes = (f: { code: string; severity: string }[]) => f.map((x) => `${x.code}:${x.severity}`);

describe('protocol rules', () => {
  it('organisation: an unknown one is an error; none where several are listed, a warning', () => {
    const r = register({ organisations: [{ id: 'opcc', name: 'OPCC' }, { id: 'force', name: 'Force' }] }, [alex], [
      { request: { candidate: 'c-aaaa', organisation: 'opcc' }, decision: {}, response: { organisation: 'force' } },
      { request: { candidate: 'c-aaaa', organisation: 'council' } },
      { request: { candidate: 'c-aaaa' }, decision: {}, response: { organisation: 'partners' } },
    ]);
    expect(codes(organisations(r, { asOf: '2024-04-30' }))).toEqual(['organisation:error', 'organisation:warning', 'organisation:error']);
  });

  it('requester: an agent acts for a candidate on the roster, and only an agent acts for one', () => {
    const r = register({}, [alex, { id: 'c-bbbb', name: 'Ag Ent', kind: 'agent' }, { id: 'c-cccc', name: 'The Party', kind: 'party', acts_for: 'c-aaaa' }, { id: 'c-dddd', name: 'Ok Agent', kind: 'agent', acts_for: 'c-aaaa' }, { id: 'c-eeee', name: 'Bad Agent', kind: 'agent', acts_for: 'c-dddd' }], []);
    expect(requesters(r, { asOf: '2024-04-30' }).map((f) => f.file)).toEqual(['candidates/c-bbbb.yaml', 'candidates/c-cccc.yaml', 'candidates/c-eeee.yaml']);
  });

  it('response-sender: with responders set, a response names one of them', () => {
    const cfg = { responders: ['chief-executive'] };
    const r = register(cfg, [alex], [{ request: { candidate: 'c-aaaa' }, decision: {}, response: {} }, { request: { candidate: 'c-aaaa' }, decision: {}, response: { sent_by: 'chief-executive' } }]);
    expect(codes(responseSender(r, { asOf: '2024-04-30' }))).toEqual(['response-sender:error']);
    expect(responseSender(register({}, [alex], [{ request: { candidate: 'c-aaaa' }, decision: {}, response: {} }]), { asOf: '2024-04-30' })).toEqual([]);
  });

  it('imagery with-consent: granted only by a role that may consent', () => {
    const cfg = { deciders: ['chief-executive', 'chief-constable'], policy: { imagery: 'with-consent', imagery_consent_by: ['chief-executive'] } };
    const r = register(cfg, [alex], [
      { request: { candidate: 'c-aaaa', category: 'imagery' }, decision: { decided_by: 'chief-constable' } },
      { request: { candidate: 'c-aaaa', category: 'imagery' }, decision: { decided_by: 'chief-executive' } },
    ]);
    expect(imagery(r, { asOf: '2024-04-30' }).map((f) => f.case)).toEqual(['2024-0410-aa00']);
  });

  it('withhold-reason and withheld-incumbent read the policy', () => {
    const withheld = (reason: string) => ({ request: { candidate: 'c-bbbb' }, decision: {}, response: { publish: { withheld: reason } } });
    const roster = [alex, { id: 'c-bbbb', name: 'Bea Okafor', status: 'declared', declared_on: '2024-04-05' }];
    const strict = register({ policy: { withhold_reasons: ['personal data'] } }, roster, [withheld('personal data: a victim'), withheld('personal'), withheld('personal data')]);
    expect(withholding(strict, { asOf: '2024-04-30' }).map((f) => f.case)).toEqual(['2024-0410-aa01']);
    const incumbent = register({ policy: { incumbent_answers_published: true } }, roster, [{ ...withheld('x'), request: { candidate: 'c-aaaa' } }, withheld('y')]);
    expect(codes(withholding(incumbent, { asOf: '2024-04-30' }))).toEqual(['withheld-incumbent:error']);
  });
});
