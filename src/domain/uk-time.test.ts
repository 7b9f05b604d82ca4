import { describe, expect, it } from 'vitest';
import { ukDateTime, ukOffsetMinutes } from './uk-time.js';

/** What ICU's tz database says, the reference the rule must agree with. */
const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function intl(d: Date): { date: string; time: string } {
  const p = Object.fromEntries(
    LONDON.formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

describe('UK date and time without Intl', () => {
  it('switches to BST at 01:00 UTC on the last Sunday of March and back on the last Sunday of October', () => {
    expect(ukOffsetMinutes(new Date('2024-03-31T00:59:59Z'))).toBe(0);
    expect(ukOffsetMinutes(new Date('2024-03-31T01:00:00Z'))).toBe(60);
    expect(ukOffsetMinutes(new Date('2024-10-27T00:59:59Z'))).toBe(60);
    expect(ukOffsetMinutes(new Date('2024-10-27T01:00:00Z'))).toBe(0);
    // Just before midnight UTC in summer it is already tomorrow in the UK.
    expect(ukDateTime(new Date('2024-05-01T23:30:00Z'))).toEqual({ date: '2024-05-02', time: '00:30' });
    expect(ukDateTime(new Date('2024-12-31T23:30:00Z'))).toEqual({ date: '2024-12-31', time: '23:30' });
  });

  it('agrees with the tz database every 7 hours from 1990 to 2040 and at every switch', () => {
    const mismatches: string[] = [];
    const check = (t: number) => {
      const d = new Date(t);
      const a = ukDateTime(d);
      const b = intl(d);
      if (a.date !== b.date || a.time !== b.time) mismatches.push(`${d.toISOString()}: ${a.date} ${a.time} vs ${b.date} ${b.time}`);
    };
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2040, 0, 1); t += 7 * 3600_000) check(t);
    for (let y = 1996; y <= 2037; y++)
      for (const m of [2, 9]) {
        const last = new Date(Date.UTC(y, m + 1, 0));
        const switchAt = Date.UTC(y, m, last.getUTCDate() - last.getUTCDay(), 1);
        for (const dt of [-60_000, -1, 0, 1, 60_000]) check(switchAt + dt);
      }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
