import { describe, expect, it } from 'vitest';
import { applyCorrections } from './case-state.js';
import { caseConflicts, conflictFinding } from './conflicts.js';
import type { CaseRecord, Loaded } from './register-model.js';
import type { CaseEntry, RequestEntry } from './schemas.js';

const at = '2024-04-01T10:00:00Z';
const req: Loaded<RequestEntry> = {
  file: 'cases/2024-04/2024-0401-aaaa/request.yaml',
  lines: {},
  value: { id: '2024-0401-aaaa', kind: 'request', candidate: 'c-a001', requester_role: 'candidate', received: '2024-04-01', channel: 'email', via: 'opcc', category: 'information', foi: false, subject: 's', text: 't', private: [], recorded_by: 'x', recorded_at: at },
};
const e = (value: Record<string, unknown>): Loaded<CaseEntry> => ({ file: `cases/2024-04/2024-0401-aaaa/${value.id}.yaml`, lines: { id: 2 }, value: { case: '2024-0401-aaaa', recorded_by: 'x', recorded_at: at, ...value } as CaseEntry });
const decision = (id: string, outcome: string, on: string) => e({ id, kind: 'decision', outcome, decided_by: 'chief-executive', decided_on: on, reasons: [], exemptions: [], mitigations: [], offer_to_all: false });
const response = (id: string, on: string) => e({ id, kind: 'response', sent_on: on, channel: 'email', text: 'r', private: [], attachments: [], offered_to: [], publish: true });
const clarification = (id: string, on: string) => e({ id, kind: 'clarification', received: on, text: 'this', private: [] });
const record = (...entries: Loaded<CaseEntry>[]): CaseRecord => ({ id: '2024-0401-aaaa', folder: 'cases/2024-04/2024-0401-aaaa', request: req, entries });

describe('caseConflicts', () => {
  it('a case decided, answered, asked to clarify and answered again has none', () => {
    const c = record(
      decision('decision-aaaa', 'clarify', '2024-04-02'),
      response('response-aaaa', '2024-04-02'),
      clarification('clarification-aaaa', '2024-04-05'),
      decision('decision-bbbb', 'provide', '2024-04-08'),
      response('response-bbbb', '2024-04-09'),
    );
    expect(caseConflicts(c)).toEqual([]);
  });

  it('two decisions, a decision after the response, two responses', () => {
    expect(caseConflicts(record(decision('decision-aaaa', 'provide', '2024-04-02'), decision('decision-bbbb', 'refuse', '2024-04-02'))).map((k) => k.kind)).toEqual(['two-decisions']);
    expect(caseConflicts(record(decision('decision-aaaa', 'provide', '2024-04-02'), response('response-aaaa', '2024-04-03'), decision('decision-bbbb', 'refuse', '2024-04-04'))).map((k) => k.kind)).toEqual([
      'decision-after-response',
    ]);
    const two = caseConflicts(record(decision('decision-aaaa', 'provide', '2024-04-02'), response('response-aaaa', '2024-04-03'), response('response-bbbb', '2024-04-03')));
    expect(two.map((k) => [k.kind, k.entry.value.id, k.with.value.id])).toEqual([['two-responses', 'response-bbbb', 'response-aaaa']]);
    const f = conflictFinding(two[0]);
    expect(f).toMatchObject({ code: 'conflicting-entries', severity: 'error', case: '2024-0401-aaaa', file: 'cases/2024-04/2024-0401-aaaa/response-bbbb.yaml', line: 2 });
    expect(f.hint).toContain('evenhand correct response-bbbb --case 2024-0401-aaaa --reason "Recorded twice; response-aaaa is the response sent" --set withdrawn=true');
  });

  it('a correction that withdraws one of two decisions resolves it, and the withdrawn one is kept apart', () => {
    const withdraw = e({ id: 'correction-aaaa', kind: 'correction', corrects: 'decision-bbbb', reason: 'Decided twice', set: { withdrawn: true } });
    const { record: r, findings } = applyCorrections(record(decision('decision-aaaa', 'provide', '2024-04-02'), decision('decision-bbbb', 'refuse', '2024-04-02'), withdraw));
    expect(findings).toEqual([]);
    expect(caseConflicts(r)).toEqual([]);
    expect(r.entries.map((x) => x.value.id).sort()).toEqual(['correction-aaaa', 'decision-aaaa']);
    expect(r.withdrawn?.map((x) => x.value.id)).toEqual(['decision-bbbb']);
  });
});
