// Issue 13, "check as of a date": the register as it stood at the end of the day — entries
// recorded after it are not there (no "future date" errors for them) — with deadlines judged on it.
import { describe, expect, it } from 'vitest';
import { makeRegister, run, setup } from './helpers.js';

interface Found {
  code: string;
  case: string | null;
  message: string;
}

describe('check --as-of', () => {
  it('judges the register as it stood that day, not as it stands now', async () => {
    const { reg, alex, bea } = await makeRegister();
    const at = (now: string) => ({ env: { EVENHAND_NOW: now } });
    const request = async (candidate: string, received: string, now: string) => {
      const r = await setup(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', received, '--channel', 'email', '--category', 'information', '--subject', 'Figures', '--text', 'What are the figures?', '--foi'], at(now));
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).id as string;
    };
    const early = await request(alex, '08/04/2024', '2024-04-08T10:00:00Z');
    const second = await request(bea, '09/04/2024', '2024-04-09T10:00:00Z');
    // Decided and answered late, on 20 May; a third request comes on 21 May.
    expect((await setup(['-r', reg, 'decide', early, '--outcome', 'provide', '--by', 'chief-executive'], at('2024-05-20T09:00:00Z'))).code).toBe(0);
    expect((await setup(['-r', reg, 'respond', early, '--channel', 'email', '--text', 'The figures.'], at('2024-05-20T10:00:00Z'))).code).toBe(0);
    const late = await request(bea, '21/05/2024', '2024-05-21T10:00:00Z');

    const asOf = await run(['-r', reg, 'check', '--json', '--as-of', '10/05/2024'], at('2024-05-22T10:00:00Z'));
    const then = JSON.parse(asOf.stdout) as { as_of: string; findings: Found[] };
    expect(then.as_of).toBe('2024-05-10');
    expect(then.findings.filter((f) => f.code === 'chronology')).toEqual([]);
    expect(then.findings.some((f) => f.case === late)).toBe(false);
    // On 10 May both FOI requests were undecided and past their deadlines.
    const overdue = then.findings.filter((f) => f.code === 'foi-deadline');
    expect(overdue.map((f) => f.case).sort()).toEqual([early, second].sort());
    expect(overdue.find((f) => f.case === early)?.message).toMatch(/^undecided on 2024-05-10, past the deadline/);
    const human = await run(['-r', reg, 'check', '--as-of', '2024-05-10'], at('2024-05-22T10:00:00Z'));
    expect(human.stdout).toMatch(/in 2 cases \(as of 2024-05-10\)\n$/);

    // Today, the first case is answered (late) and the third is there.
    const now = JSON.parse((await run(['-r', reg, 'check', '--json'], at('2024-05-22T10:00:00Z'))).stdout) as { findings: Found[] };
    expect(now.findings.find((f) => f.case === early && f.code === 'foi-deadline')?.message).toMatch(/^answered on 2024-05-20, after the deadline/);
  });
});
