// Humberside OPCC & Police, PCC election 2 May 2024 (/work/shared/protocols/004_4ff36de7ea71bf1a.txt),
// walked through from its preset: one register for the OPCC, the force and partners (11.b), visits
// only for registered candidates on 12 April (16), meetings on 25 March (14), answers shared with
// all (14), responses from the Chief Executive or Deputy Monitoring Officer (11.e), the incumbent's
// answers always shared (5.c.ii) and statutory business kept out (19.e).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caseDir } from '../helpers.js';
import { scenario, SCENARIO_TIMEOUT } from './scenario.js';

describe('humberside-2024 end to end', () => {
  it('catches what the protocol forbids and passes what it allows', { timeout: SCENARIO_TIMEOUT }, async () => {
    const s = await scenario('humberside-2024', '2024-01-02T09:00:00Z');
    const d0 = '2024-01-02';
    const alex = await s.candidate(d0, 'Alex Morgan', ['--status', 'declared', '--declared-on', '2024-04-05', '--incumbent']);
    const bea = await s.candidate(d0, 'Bea Okafor', ['--status', 'declared', '--declared-on', '2024-04-05']);
    const cal = await s.candidate(d0, 'Cal Singh', ['--status', 'prospective']);
    const ce = ['--by', 'chief-executive'];

    // 5.b.v, 1: prospective candidates count, so a meeting granted to the incumbent before anyone declared is not exempt.
    const incumbentMeeting = await s.kase('2024-02-01', alex, ['--channel', 'email', '--category', 'meeting', '--event-on', '2024-03-25'], [
      ['2024-02-02', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-02-02'],
      ['2024-02-05', 'respond', '--sent', '2024-02-05', '--channel', 'email', '--text', 'A meeting on 25 March.', ...ce],
    ]);
    // 14: the one-hour meetings on 25 March are open to any prospective candidate, offered to all.
    const qaMeeting = await s.kase('2024-02-05', cal, ['--channel', 'email', '--category', 'meeting', '--event-on', '2024-03-25'], [
      ['2024-02-06', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-02-06', '--offer-to-all'],
      ['2024-02-07', 'respond', '--sent', '2024-02-07', '--channel', 'email', '--text', 'Meetings on 25 March for every candidate.', ...ce, '--offered-to', alex, '--offered-to', bea],
    ]);
    // 16: visits on 12 April, registered candidates only; the visit is the force's to answer (11.b).
    const visit = await s.kase('2024-04-06', bea, ['--channel', 'email', '--category', 'visit', '--event-on', '2024-04-12', '--org', 'force'], [
      ['2024-04-08', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-04-08'],
      ['2024-04-08', 'respond', '--sent', '2024-04-08', '--channel', 'email', '--text', 'Welcome on 12 April.', ...ce, '--org', 'force', '--offered-to', alex, '--offered-to', cal],
    ]);
    const unregisteredVisit = await s.kase('2024-04-06', cal, ['--channel', 'email', '--category', 'visit', '--event-on', '2024-04-12'], [
      ['2024-04-08', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-04-08'],
      ['2024-04-08', 'respond', '--sent', '2024-04-08', '--channel', 'email', '--text', 'Welcome on 12 April.', ...ce, '--offered-to', alex, '--offered-to', bea],
    ]);
    const otherDayVisit = await s.kase('2024-04-06', alex, ['--channel', 'email', '--category', 'visit', '--event-on', '2024-04-15']);
    // 5.b.ii: visits are for the CEO OPCC to decide.
    const byChiefConstable = await s.cli('2024-04-08', ['decide', otherDayVisit, '--outcome', 'provide', '--by', 'chief-constable']);
    expect(byChiefConstable.code).toBe(2);
    expect(byChiefConstable.stderr).toContain('is not one of: chief-executive');
    await s.ev('2024-04-08', ['decide', otherDayVisit, '--outcome', 'provide', ...ce, '--on', '2024-04-08']);
    await s.ev('2024-04-08', ['respond', otherDayVisit, '--sent', '2024-04-08', '--channel', 'email', '--text', 'Welcome on 15 April.', ...ce, '--offered-to', bea, '--offered-to', cal]);

    // 14: answers go to every candidate (send-to-all); by default to all standing that day.
    const shared = await s.kase('2024-04-08', bea, ['--channel', 'email', '--category', 'information', '--org', 'force'], [
      ['2024-04-08', 'refer', '--to', 'force performance team', '--org', 'force', '--for', 'officer numbers'],
      ['2024-04-09', 'decide', '--outcome', 'provide', '--by', 'chief-constable', '--on', '2024-04-09'],
      ['2024-04-10', 'respond', '--sent', '2024-04-10', '--channel', 'email', '--text', 'There are 1,900 officers.', '--by', 'deputy-monitoring-officer'],
    ]);
    // Before nominations close (5 April) the prospective candidate is owed the answer too.
    const notShared = await s.kase('2024-04-02', alex, ['--channel', 'email', '--category', 'budget'], [
      ['2024-04-03', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-04-03'],
    ]);
    // 11.e: a response from anyone else is refused.
    const wrongSender = await s.cli('2024-04-03', ['respond', notShared, '--sent', '2024-04-03', '--channel', 'email', '--text', 'x', '--by', 'chief-constable']);
    expect(wrongSender.code).toBe(1);
    expect(wrongSender.stderr).toContain('does not allow to send responses');
    await s.ev('2024-04-03', ['respond', notShared, '--sent', '2024-04-03', '--channel', 'email', '--text', '£2m.', ...ce, '--circulated-to', bea]);
    // 5.c.ii: the incumbent's requests are all shared.
    const withheld = await s.kase('2024-04-09', alex, ['--channel', 'email', '--category', 'information'], [
      ['2024-04-10', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-04-10'],
      ['2024-04-11', 'respond', '--sent', '2024-04-11', '--channel', 'email', '--text', 'Figures.', ...ce, '--withhold', 'sensitive'],
    ]);
    // 19.e: the incumbent's statutory business is not candidate contact.
    const statutory = await s.kase('2024-04-10', alex, ['--channel', 'email', '--category', 'meeting', '--statutory', 'Police and crime panel: the precept'], [
      ['2024-04-10', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-04-10'],
      ['2024-04-11', 'respond', '--sent', '2024-04-11', '--channel', 'email', '--text', 'Agenda attached.', ...ce],
    ]);
    // 19.f: no filming in the pre-election period (from the notice of election, 26 March), judged on the event's day.
    const mediaInPeriod = await s.kase('2024-03-20', bea, ['--channel', 'email', '--category', 'media', '--event-on', '2024-04-20'], [
      ['2024-03-21', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-03-21'],
      ['2024-03-22', 'respond', '--sent', '2024-03-22', '--channel', 'email', '--text', 'Yes.', ...ce],
    ]);
    const mediaBefore = await s.kase('2024-02-20', bea, ['--channel', 'email', '--category', 'media', '--event-on', '2024-03-01'], [
      ['2024-02-21', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-02-21'],
      ['2024-02-22', 'respond', '--sent', '2024-02-22', '--channel', 'email', '--text', 'Yes.', ...ce],
    ]);
    // 17.a: police imagery in campaign material should not be allowed.
    const imagery = await s.kase('2024-02-20', bea, ['--channel', 'email', '--category', 'imagery'], [
      ['2024-02-21', 'decide', '--outcome', 'provide', ...ce, '--on', '2024-02-21'],
      ['2024-02-22', 'respond', '--sent', '2024-02-22', '--channel', 'email', '--text', 'Yes.', ...ce],
    ]);

    const c = await s.check('2024-04-30');
    expect(c.codes(incumbentMeeting)).toEqual(['equal-treatment']);
    expect(c.codes(qaMeeting)).toEqual([]);
    expect(c.codes(visit)).toEqual([]);
    expect(c.codes(unregisteredVisit)).toEqual(['fixed-event']);
    expect(c.findings.find((f) => f.case === unregisteredVisit)?.message).toContain('for registered candidates only');
    expect(c.codes(otherDayVisit)).toEqual(['fixed-event']);
    expect(c.codes(shared)).toEqual([]);
    expect(c.codes(notShared)).toEqual(['answer-not-shared']);
    expect(c.findings.find((f) => f.case === notShared)?.message).toContain(cal);
    expect(c.codes(withheld)).toEqual(['withheld-incumbent']);
    expect(c.codes(statutory)).toEqual([]);
    expect(c.codes(mediaInPeriod)).toEqual(['pre-election-media']);
    expect(c.codes(mediaBefore)).toEqual([]);
    expect(c.codes(imagery)).toEqual(['imagery']);
    expect(c.findings.filter((f) => f.case === null)).toEqual([]);

    // The answer was circulated by default to every candidate standing that day but the asker: after
    // nominations closed, the one still prospective is not standing.
    const sharedDir = join(s.reg, caseDir(shared));
    const show = JSON.parse((await s.cli('2024-04-30', ['show', shared, '--json'])).stdout);
    const response = show.entries.find((e: { kind: string }) => e.kind === 'response');
    expect(response.fields.circulated_to).toEqual([alex]);
    expect(show.entries.map((e: { kind: string }) => e.kind)).toEqual(['request', 'referral', 'decision', 'response']);
    expect(parse(await readFile(join(sharedDir, 'request.yaml'), 'utf8')).organisation).toBe('force');

    // The public log names the organisation that answered, never a person; statutory business is not in it.
    const site = await s.build('2024-04-30');
    expect(await site.read(`cases/${visit}.html`)).toContain('by the Humberside Police');
    const log = JSON.parse(await site.read('disclosure-log.json'));
    expect(log.cases.map((x: { reference: string }) => x.reference)).not.toContain(statutory);
    expect(log.cases.map((x: { reference: string }) => x.reference)).toContain(shared);
  });
});
