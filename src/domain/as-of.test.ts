import { describe, expect, it } from 'vitest';
import { caseAsOf } from './as-of.js';
import type { CaseRecord } from './register-model.js';

const loaded = <T>(value: T) => ({ value, file: 'f.yaml', lines: {} });
const record = (): CaseRecord =>
  ({
    id: '2024-0408-aaaa',
    folder: 'cases/2024-04/2024-0408-aaaa',
    request: loaded({ kind: 'request', id: '2024-0408-aaaa', received: '2024-04-08T09:00', recorded_at: '2024-04-08T09:05:00Z' }),
    entries: [
      loaded({ kind: 'decision', id: 'decision-aaaa', decided_on: '2024-04-10', recorded_at: '2024-04-10T10:00:00Z' }),
      // Recorded at 23:30 UTC on 30 April: already 1 May in the UK (BST).
      loaded({ kind: 'correction', id: 'correction-bbbb', corrects: 'decision-aaaa', recorded_at: '2024-04-30T23:30:00Z' }),
    ],
  }) as unknown as CaseRecord;

describe('a case as it stood at the end of a day', () => {
  it('keeps what was recorded by then, in UK dates, and drops what came later', () => {
    expect(caseAsOf(record(), '2024-04-07')).toBeUndefined();
    expect(caseAsOf(record(), '2024-04-09')?.entries).toEqual([]);
    expect(caseAsOf(record(), '2024-04-30')?.entries.map((e) => e.value.id)).toEqual(['decision-aaaa']);
    expect(caseAsOf(record(), '2024-05-01')?.entries.map((e) => e.value.id)).toEqual(['decision-aaaa', 'correction-bbbb']);
  });
});
