// Norfolk OPCC & Constabulary, PCC election 2 May 2024 (/work/shared/protocols/001_3b910cf6143a05f2.txt),
// walked through from its preset: responses by the Chief Constable or the Chief Executive (2.2), a
// request made to the Constabulary notified to the Chief Executive with a copy (2.2), visit
// requests notified to both (2.3), news-media filming allowed even in the campaign (2.5), police
// imagery never in political material (2.4).
import { describe, expect, it } from 'vitest';
import { scenario, SCENARIO_TIMEOUT } from './scenario.js';

describe('norfolk-2024 end to end', () => {
  it('catches what the protocol forbids and passes what it allows', { timeout: SCENARIO_TIMEOUT }, async () => {
    const s = await scenario('norfolk-2024', '2024-01-02T09:00:00Z');
    const d0 = '2024-01-02';
    const alex = await s.candidate(d0, 'Alex Morgan', ['--status', 'declared', '--declared-on', '2024-04-05', '--incumbent']);
    const bea = await s.candidate(d0, 'Bea Okafor', ['--status', 'declared', '--declared-on', '2024-04-05']);
    const step = (cmd: string, ...args: string[]): [string, string, ...string[]] => ['2024-04-09', cmd, ...args];
    const decide = (by = 'chief-executive') => step('decide', '--outcome', 'provide', '--by', by, '--on', '2024-04-09');
    const respond = (by: string, ...extra: string[]) => step('respond', '--sent', '2024-04-09', '--channel', 'email', '--text', 'An answer.', '--by', by, ...extra);
    const told = (to: string, by?: string) => step('notify', '--to', to, ...(by ? ['--by', by] : []), '--on', '2024-04-08');

    // 2.2: made to the Constabulary, the Chief Constable notifies the Chief Executive and forwards a copy.
    const viaForce = await s.kase('2024-04-08', bea, ['--channel', 'email', '--category', 'information', '--via', 'force', '--org', 'force'], [
      told('chief-executive', 'chief-constable'),
      decide('chief-constable'),
      respond('chief-constable', '--org', 'force'),
    ]);
    const viaForceUntold = await s.kase('2024-04-08', bea, ['--channel', 'email', '--category', 'information', '--via', 'force'], [decide()]);
    // 2.2: the response is provided by the Chief Constable or the Chief Executive: one with no sender is refused.
    const noSender = await s.cli('2024-04-09', ['respond', viaForceUntold, '--sent', '2024-04-09', '--channel', 'email', '--text', 'x']);
    expect(noSender.code).toBe(1);
    expect(noSender.stderr).toContain('none is recorded');
    await s.ev('2024-04-09', ['respond', viaForceUntold, '--sent', '2024-04-09', '--channel', 'email', '--text', 'An answer.', '--by', 'chief-executive']);
    // 2.2: made to the OPCC, it is passed to the Chief Constable too; 2.3: visit requests notified to both.
    const visit = await s.kase('2024-04-08', alex, ['--channel', 'email', '--category', 'visit', '--event-on', '2024-04-15'], [
      told('chief-constable'),
      told('chief-executive'),
      decide(),
      respond('chief-executive', '--offered-to', bea),
    ]);
    const visitUntold = await s.kase('2024-04-08', alex, ['--channel', 'email', '--category', 'visit', '--event-on', '2024-04-16'], [told('chief-constable')]);
    // 2.5: filming by the news media is acceptable even during the campaign.
    const media = await s.kase('2024-04-08', bea, ['--channel', 'email', '--category', 'media', '--event-on', '2024-04-20'], [told('chief-constable'), decide(), respond('chief-executive')]);
    // 2.4: imagery and livery must not be used in any political material.
    const imagery = await s.kase('2024-04-08', bea, ['--channel', 'email', '--category', 'imagery'], [told('chief-constable'), decide()]);

    const c = await s.check('2024-04-12');
    expect(c.codes(viaForce)).toEqual([]);
    expect(c.codes(viaForceUntold)).toEqual(['notification-missing']);
    expect(c.findings.find((f) => f.case === viaForceUntold)?.message).toContain('no notification to chief-executive');
    expect(c.codes(visit)).toEqual([]);
    expect(c.codes(visitUntold, true)).toEqual(['notification-missing']);
    expect(c.findings.filter((f) => f.case === visitUntold).map((f) => f.message).join('\n')).toContain('chief-executive');
    expect(c.codes(media)).toEqual([]);
    expect(c.codes(imagery, true)).toEqual(['imagery']);
    expect(c.findings.filter((f) => f.case === null)).toEqual([]);
  });
});
