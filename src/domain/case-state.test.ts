import { describe, expect, it } from 'vitest';
import { applyCorrections, caseState } from './case-state.js';
import type { CaseRecord, Loaded } from './register-model.js';
import type { CaseEntry, RequestEntry } from './schemas.js';

const at = '2024-04-01T10:00:00Z';
const req: Loaded<RequestEntry> = {
  file: 'cases/2024-0401-aaaa/request.yaml',
  lines: {},
  value: { id: '2024-0401-aaaa', kind: 'request', candidate: 'c-a001', requester_role: 'candidate', received: '2024-04-01', channel: 'email', via: 'opcc', category: 'information', foi: false, subject: 's', text: 't', private: [], recorded_by: 'x', recorded_at: at },
};
const e = (value: Record<string, unknown>): Loaded<CaseEntry> => ({ file: `cases/2024-0401-aaaa/${value.id}.yaml`, lines: {}, value: { case: '2024-0401-aaaa', recorded_by: 'x', recorded_at: at, ...value } as CaseEntry });
const decision = (id: string, outcome: string, on: string) => e({ id, kind: 'decision', outcome, decided_by: 'chief-executive', decided_on: on, reasons: [], exemptions: [], mitigations: [], offer_to_all: false });
const response = (id: string, on: string) => e({ id, kind: 'response', sent_on: on, channel: 'email', text: 'r', private: [], attachments: [], offered_to: [], publish: true });
const record = (...entries: Loaded<CaseEntry>[]): CaseRecord => ({ id: '2024-0401-aaaa', request: req, entries });

describe('caseState', () => {
  it('follows request → decision → response', () => {
    expect(caseState(record())).toBe('open');
    expect(caseState(record(decision('decision-aaaa', 'provide', '2024-04-02')))).toBe('decided');
    expect(caseState(record(decision('decision-aaaa', 'provide', '2024-04-02'), response('response-aaaa', '2024-04-03')))).toBe('answered');
  });

  it('a clarify decision waits for the candidate; their answer reopens the case', () => {
    const clarify = decision('decision-aaaa', 'clarify', '2024-04-02');
    const asked = response('response-aaaa', '2024-04-02');
    expect(caseState(record(clarify, asked))).toBe('clarifying');
    const answer = e({ id: 'clarification-aaaa', kind: 'clarification', received: '2024-04-05', text: 'this', private: [] });
    expect(caseState(record(clarify, asked, answer))).toBe('open');
    expect(caseState(record(clarify, asked, answer, decision('decision-bbbb', 'provide', '2024-04-08'), response('response-bbbb', '2024-04-09')))).toBe('answered');
  });
});

describe('applyCorrections', () => {
  it('applies a correction to the entry it names and keeps the correction visible', () => {
    const fix = e({ id: 'correction-aaaa', kind: 'correction', corrects: 'response-aaaa', reason: 'typo', set: { public_text: 'Corrected.' } });
    const { record: r, findings } = applyCorrections(record(decision('decision-aaaa', 'provide', '2024-04-02'), response('response-aaaa', '2024-04-03'), fix));
    expect(findings).toEqual([]);
    const resp = r.entries.find((x) => x.value.id === 'response-aaaa')!.value;
    expect(resp.kind === 'response' && resp.public_text).toBe('Corrected.');
    expect(r.entries.map((x) => x.value.kind)).toContain('correction');
  });

  it('refuses a correction that names no entry, changes an id, or makes the entry invalid', () => {
    const bad = [
      e({ id: 'correction-aaaa', kind: 'correction', corrects: 'response-zzzz', reason: 'r', set: { text: 'x' } }),
      e({ id: 'correction-bbbb', kind: 'correction', corrects: '2024-0401-aaaa', reason: 'r', set: { id: '2024-0401-bbbb' } }),
      e({ id: 'correction-cccc', kind: 'correction', corrects: '2024-0401-aaaa', reason: 'r', set: { category: 'gossip' } }),
    ];
    const { record: r, findings } = applyCorrections(record(...bad));
    expect(findings.map((f) => f.path)).toEqual(['corrects', 'set', 'set.category']);
    expect(r.request!.value.category).toBe('information');
  });
});
