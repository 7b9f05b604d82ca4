// Avon and Somerset OPCC & Constabulary, PCC election 6 May 2021
// (/work/shared/protocols/003_1ad3cfe6bc7eb19f.txt), walked through from its preset: undeclared
// people treated as the public (1.1, 3.3.5), phone requests confirmed in writing before the reply
// and responses by email only (6.1.2), visits decided by the Chief Executive (3.3.2, 9.1), no
// filming once the pre-election period starts on 22 March (10.1, 12.1.1), the returning officer
// told the briefing date (8.1.2), the incumbent's statutory business (12.1.6).
import { describe, expect, it } from 'vitest';
import { scenario, SCENARIO_TIMEOUT } from './scenario.js';

describe('avon-somerset-2021 end to end', () => {
  it('catches what the protocol forbids and passes what it allows', { timeout: SCENARIO_TIMEOUT }, async () => {
    const s = await scenario('avon-somerset-2021', '2021-01-04T09:00:00Z');
    const d0 = '2021-01-04';
    const alex = await s.candidate(d0, 'Alex Morgan', ['--status', 'declared', '--declared-on', '2021-04-08', '--incumbent']);
    const bea = await s.candidate(d0, 'Bea Okafor', ['--status', 'declared', '--declared-on', '2021-04-08']);
    const cal = await s.candidate(d0, 'Cal Singh', ['--status', 'prospective']);
    const ce = ['--by', 'chief-executive'];
    const email = (day: string, extra: string[] = []): [string, string, ...string[]] => [day, 'respond', '--sent', day, '--channel', 'email', '--text', 'An answer.', ...extra];
    const decide = (day: string, extra: string[] = []): [string, string, ...string[]] => [day, 'decide', '--outcome', 'provide', ...ce, '--on', day, ...extra];

    // 1.1, 3.3.5: someone only interested in standing is a member of the public: --as-public resolves the warning.
    const interested = await s.kase('2021-02-01', cal, ['--channel', 'email', '--category', 'information']);
    const asPublic = await s.kase('2021-02-01', cal, ['--channel', 'email', '--category', 'information', '--as-public']);
    // 12.1.6: the sitting PCC before declaring is not a member of the public; their statutory business is kept out.
    const incumbent = await s.kase('2021-02-01', alex, ['--channel', 'email', '--category', 'information']);
    const statutory = await s.kase('2021-02-02', alex, ['--channel', 'email', '--category', 'meeting', '--statutory', 'Chief Constable accountability meeting'], [decide('2021-02-02'), email('2021-02-03')]);
    const notIncumbent = await s.kase('2021-02-02', bea, ['--channel', 'email', '--category', 'meeting', '--statutory', 'Not hers to claim']);
    // 6.1.2: a phone request is confirmed in writing before the reply; every response by email.
    const phoneOk = await s.kase('2021-04-12', bea, ['--channel', 'phone', '--category', 'information'], [['2021-04-12', 'confirm', '--sent', '2021-04-12', '--channel', 'email'], decide('2021-04-13'), email('2021-04-13')]);
    const phoneLate = await s.kase('2021-04-12', bea, ['--channel', 'phone', '--category', 'information'], [decide('2021-04-13'), email('2021-04-13'), ['2021-04-14', 'confirm', '--sent', '2021-04-14', '--channel', 'email']]);
    const letter = await s.kase('2021-04-12', bea, ['--channel', 'email', '--category', 'information'], [decide('2021-04-13'), ['2021-04-13', 'respond', '--sent', '2021-04-13', '--channel', 'letter', '--text', 'An answer.']]);
    // 3.3.2, 9.1: visits are the Chief Executive's to decide.
    const visit = await s.kase('2021-04-12', bea, ['--channel', 'email', '--category', 'visit', '--event-on', '2021-04-20']);
    const byChiefConstable = await s.cli('2021-04-13', ['decide', visit, '--outcome', 'provide', '--by', 'chief-constable']);
    expect(byChiefConstable.code).toBe(2);
    expect(byChiefConstable.stderr).toContain('is not one of: chief-executive');
    // 10.1: filming decided on 19 March for 1 April is inside the period that starts on 22 March; for 20 March it is not.
    const mediaInPeriod = await s.kase('2021-03-18', alex, ['--channel', 'email', '--category', 'media', '--event-on', '2021-04-01'], [decide('2021-03-19'), email('2021-03-19')]);
    const mediaBefore = await s.kase('2021-03-18', alex, ['--channel', 'email', '--category', 'media', '--event-on', '2021-03-20'], [decide('2021-03-19'), email('2021-03-19')]);
    // 8.1.2: the PARO is told the briefing date; 3.3.4: the same offer to every candidate, prospective ones included.
    const briefing = await s.kase('2021-04-09', alex, ['--channel', 'email', '--category', 'briefing', '--event-on', '2021-04-16'], [
      decide('2021-04-09', ['--offer-to-all']),
      ['2021-04-09', 'notify', '--to', 'returning-officer', '--by', 'chief-executive', '--note', 'briefing on 16 April'],
      email('2021-04-09', ['--offered-to', bea, '--offered-to', cal]),
    ]);
    // Before nominations close (8 April) the prospective candidate counts too.
    const briefingUntold = await s.kase('2021-04-06', alex, ['--channel', 'email', '--category', 'briefing', '--event-on', '2021-04-16'], [decide('2021-04-06'), email('2021-04-06', ['--offered-to', bea])]);

    const c = await s.check('2021-04-20');
    expect(c.codes(interested, true)).toEqual(['undeclared']);
    expect(c.codes(asPublic, true)).toEqual([]);
    expect(c.codes(incumbent, true)).toEqual([]);
    expect(c.codes(statutory)).toEqual([]);
    expect(c.codes(notIncumbent, true)).toEqual(['statutory']);
    expect(c.codes(phoneOk)).toEqual([]);
    expect(c.codes(phoneLate)).toEqual(['written-confirmation']);
    expect(c.findings.find((f) => f.case === phoneLate)?.severity).toBe('error');
    expect(c.codes(letter)).toEqual(['response-channel']);
    expect(c.codes(visit, true)).toEqual([]);
    expect(c.codes(mediaInPeriod)).toEqual(['pre-election-media']);
    expect(c.codes(mediaBefore)).toEqual([]);
    expect(c.codes(briefing)).toEqual([]);
    // Not told to the PARO, and not offered to the prospective candidate either.
    expect(c.codes(briefingUntold)).toEqual(['equal-treatment', 'notification-missing']);
    expect(c.findings.filter((f) => f.case === null)).toEqual([]);
  });
});
