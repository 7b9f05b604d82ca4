import { describe, expect, it } from 'vitest';
import { newCaseId, newEntryId, normaliseTypedId, randomSuffix } from './ids.js';
import { CaseId } from './schemas.js';

const bytes = (...values: number[]) => () => Uint8Array.from(values);

describe('ids', () => {
  it('a case id is the date received then four Crockford base32 characters', () => {
    expect(newCaseId('2024-03-25T14:30', bytes(0, 10, 31, 17))).toBe('2024-0325-0azh');
    expect(CaseId.safeParse(newCaseId('2024-03-25', bytes(1, 2, 3, 4))).success).toBe(true);
  });

  it('never uses the letters people mishear (i, l, o, u)', () => {
    const seen = new Set<string>();
    for (let b = 0; b < 256; b++) seen.add(randomSuffix(bytes(b), 1));
    expect(seen.size).toBe(32);
    for (const c of 'ilou') expect(seen.has(c)).toBe(false);
  });

  it('sorts by date received', () => {
    const ids = ['2024-12-01', '2024-03-25', '2024-03-05'].map((d) => newCaseId(d, bytes(31, 31, 31, 31)));
    expect([...ids].sort()).toEqual(['2024-0305-zzzz', '2024-0325-zzzz', '2024-1201-zzzz']);
  });

  it('reads back what people type: upper case and look-alike letters', () => {
    expect(normaliseTypedId(' 2024-0325-K7Q2 ')).toBe('2024-0325-k7q2');
    expect(normaliseTypedId('2024-0325-oIl2')).toBe('2024-0325-0112');
    expect(newEntryId('decision', bytes(1, 2, 3, 4))).toBe('decision-1234');
  });
});
