import { describe, expect, it } from 'vitest';
import { parseTypedDate, sayDate } from './typed-date.js';

const NOW = { date: '2026-11-27', time: '10:45' };
const read = (t: string, time = true) => parseTypedDate(t, NOW, { time });
const value = (t: string, time = true) => {
  const r = read(t, time);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const refusal = (t: string, time = true) => {
  const r = read(t, time);
  if (r.ok) throw new Error(`accepted ${t} as ${r.value}`);
  return r.message;
};

describe('dates as people type them (UK, day first)', () => {
  it('reads UK day-first dates, with and without a time', () => {
    expect(value('27/11/2026')).toBe('2026-11-27');
    expect(value('3/4/2026')).toBe('2026-04-03');
    expect(value('27/11/2026 10:30')).toBe('2026-11-27T10:30');
    expect(value('27.11.2026 9:05')).toBe('2026-11-27T09:05');
    expect(value('27/11/2026 4pm')).toBe('2026-11-27T16:00');
  });
  it('reads ISO dates and date-times', () => {
    expect(value('2026-11-27')).toBe('2026-11-27');
    expect(value('2026-11-27T10:30')).toBe('2026-11-27T10:30');
    expect(value('2026-11-27 10:30')).toBe('2026-11-27T10:30');
    expect(value('2026-11-27T10:30:15')).toBe('2026-11-27T10:30');
  });
  it('reads today, now and yesterday against the UK date given', () => {
    expect(value('today')).toBe('2026-11-27');
    expect(value('now')).toBe('2026-11-27T10:45');
    expect(value('now', false)).toBe('2026-11-27');
    expect(value('Yesterday 16:30')).toBe('2026-11-26T16:30');
    expect(parseTypedDate('yesterday', { date: '2027-01-01', time: '00:10' }).ok && parseTypedDate('yesterday', { date: '2027-01-01', time: '00:10' })).toMatchObject({ value: '2026-12-31' });
  });
  it('says a date that does not exist does not exist, rather than that the format is wrong', () => {
    expect(refusal('2026-02-30')).toBe('30 February 2026 does not exist: February 2026 has 28 days');
    expect(refusal('29/02/2026')).toContain('does not exist');
    expect(value('29/02/2028')).toBe('2028-02-29');
  });
  it('refuses what it would have to guess, saying the reading it would have used', () => {
    expect(refusal('11/27/2026')).toBe('"11/27/2026" has no month 27: dates are read day first; for Friday 27 November 2026 type 27/11/2026');
    expect(refusal('27/11/26')).toBe('"27/11/26" has a two-digit year: for Friday 27 November 2026 type 27/11/2026');
    expect(refusal('27/11')).toBe('"27/11" has no year: for Friday 27 November 2026 type 27/11/2026');
  });
  it('refuses times where only a date is wanted, impossible times and words it does not know', () => {
    expect(refusal('27/11/2026 10:30', false)).toContain('date only');
    expect(refusal('27/11/2026 25:00')).toContain('not a time');
    expect(refusal('next tuesday')).toMatch(/not a date: e\.g\. 27\/11\/2026/);
    expect(refusal('')).toMatch(/a date is needed/);
  });
  it('says a reading back in words', () => {
    expect(sayDate('2026-11-27')).toBe('Friday 27 November 2026');
    expect(sayDate('2026-11-27T10:30')).toBe('Friday 27 November 2026, 10:30');
  });
});
