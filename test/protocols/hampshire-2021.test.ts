// Hampshire OPCC & Constabulary, PCC election 6 May 2021 (/work/shared/protocols/000_bfe64eef9ad90449.txt),
// walked through from its preset: the SPOC assesses and answers (3.2-3.4), data from the force
// asked through named officers (3.4), every enquiry labelled "PCC Election Candidate Request"
// (3.4, 7.2), prospective candidates and the incumbent treated as candidates (1, 3.7), media
// requests considered by the SPOC (3.3).
import { describe, expect, it } from 'vitest';
import { gitIn } from '../helpers.js';
import { scenario, SCENARIO_TIMEOUT } from './scenario.js';

const LABEL = 'PCC Election Candidate Request';

describe('hampshire-2021 end to end', () => {
  it('catches what the protocol forbids and passes what it allows', { timeout: SCENARIO_TIMEOUT }, async () => {
    const s = await scenario('hampshire-2021', '2021-01-04T09:00:00Z');
    const d0 = '2021-01-04';
    const alex = await s.candidate(d0, 'Alex Morgan', ['--status', 'declared', '--declared-on', '2021-04-08', '--incumbent']);
    const bea = await s.candidate(d0, 'Bea Okafor', ['--status', 'declared', '--declared-on', '2021-04-08']);
    const cal = await s.candidate(d0, 'Cal Singh', ['--status', 'prospective']);
    const spoc = ['--by', 'spoc'];
    const decide = (day: string, ...extra: string[]): [string, string, ...string[]] => [day, 'decide', '--outcome', 'provide', ...spoc, '--on', day, ...extra];
    const respond = (day: string, ...extra: string[]): [string, string, ...string[]] => [day, 'respond', '--sent', day, '--channel', 'email', '--text', 'An answer.', ...spoc, ...extra];

    // 3.4: the SPOC asks the force for data through named officers, assesses, and sends the information.
    const info = await s.kase('2021-01-20', alex, ['--channel', 'email', '--category', 'information', '--subject', 'Burglaries last year'], [
      ['2021-01-20', 'refer', '--to', 'Superintendent (force election lead)', '--org', 'force', '--for', 'burglaries recorded in 2020'],
      decide('2021-01-22'),
    ]);
    const sent = await s.cli('2021-01-25', ['respond', info, '--sent', '2021-01-25', '--channel', 'email', '--text', 'There were 6,100 burglaries.', ...spoc, '--org', 'force']);
    expect(sent.code, sent.stderr).toBe(0);
    // 3.4, 7.2: the label heads the text to send, the commit subjects and `show`.
    expect(sent.stdout).toContain(`Subject: ${LABEL}: Burglaries last year\n\nThere were 6,100 burglaries.`);
    const subjects = (await gitIn(s.reg, ['log', '--format=%s', '-4'])).trim().split('\n');
    expect(subjects.every((l) => l.endsWith(`[${LABEL}]`))).toBe(true);
    expect((await s.cli('2021-01-25', ['show', info])).stdout.split('\n')[0]).toBe(LABEL);
    // 3.4: the SPOC decides, no one else.
    const byOther = await s.cli('2021-01-25', ['decide', info, '--outcome', 'provide', '--by', 'chief-executive']);
    expect(byOther.code).toBe(2);

    // 1, 3.7: a meeting granted to the incumbent before anyone declared must be offered to every (prospective) candidate.
    const incumbentMeeting = await s.kase('2021-02-01', alex, ['--channel', 'email', '--category', 'meeting', '--event-on', '2021-02-10'], [decide('2021-02-02'), respond('2021-02-02')]);
    const meetingForAll = await s.kase('2021-02-01', bea, ['--channel', 'email', '--category', 'meeting', '--event-on', '2021-02-10'], [decide('2021-02-02', '--offer-to-all'), respond('2021-02-02', '--offered-to', alex, '--offered-to', cal)]);
    // 3.3: media requests in the pre-election period (from 29 March 2021) are considered by the SPOC: a grant says why.
    const considered = await s.kase('2021-04-12', cal, ['--channel', 'email', '--category', 'media', '--event-on', '2021-04-20'], [
      decide('2021-04-13', '--reason', 'News crew filming; the officers are content to be filmed'),
      respond('2021-04-13'),
    ]);
    const unconsidered = await s.kase('2021-04-12', cal, ['--channel', 'email', '--category', 'media', '--event-on', '2021-04-20'], [decide('2021-04-13'), respond('2021-04-13')]);

    const c = await s.check('2021-04-20');
    expect(c.codes(info)).toEqual([]);
    expect(c.codes(incumbentMeeting)).toEqual(['equal-treatment']);
    expect(c.findings.find((f) => f.case === incumbentMeeting)?.message).toContain(cal);
    expect(c.codes(meetingForAll)).toEqual([]);
    expect(c.codes(considered)).toEqual([]);
    expect(c.codes(unconsidered)).toEqual(['pre-election-media']);
    expect(c.findings.find((f) => f.case === unconsidered)?.severity).toBe('warning');
    expect(c.findings.filter((f) => f.case === null)).toEqual([]);

    // 3.8: published on the website, labelled; the answering organisation named, no person.
    const site = await s.build('2021-04-20');
    expect(await site.read('index.html')).toContain(LABEL);
    const page = await site.read(`cases/${info}.html`);
    expect(page).toContain('by the Hampshire Constabulary');
    expect(page).not.toContain('Superintendent');
  });
});
