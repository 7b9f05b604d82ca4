// Kent OPCC, pre-election guidance (November 2019; /work/shared/protocols/002_e7f14842621184d4.txt),
// walked through from its preset: clearly political requests forwarded and not logged (4);
// candidates, parties, groups and agents treated even-handedly (4) with their identities redacted;
// staff never filmed for a campaign (5); police imagery with the Chief Executive's consent (5); all
// responses in the Disclosure Log, withheld only for an allowed reason (5).
import { describe, expect, it } from 'vitest';
import { scenario, SCENARIO_TIMEOUT } from './scenario.js';

describe('kent-2019 end to end', () => {
  it('catches what the protocol forbids and passes what it allows', { timeout: SCENARIO_TIMEOUT }, async () => {
    const s = await scenario('kent-2019', '2024-01-02T09:00:00Z');
    const d0 = '2024-01-02';
    const alex = await s.candidate(d0, 'Alex Morgan', ['--status', 'declared', '--declared-on', '2024-04-05', '--incumbent']);
    const bea = await s.candidate(d0, 'Bea Okafor', ['--status', 'declared', '--declared-on', '2024-04-05']);
    const cal = await s.candidate(d0, 'Cal Singh', ['--status', 'prospective']);
    // 4: requesters who are not candidates: an agent writing for Bea, and a party.
    const dee = await s.candidate(d0, 'Deepa Vantongeren', ['--kind', 'agent', '--acts-for', bea, '--email', 'deepa.v@agents.example']);
    const party = await s.candidate(d0, 'Kentish Commonwealth', ['--kind', 'party']);
    const noCandidate = await s.cli(d0, ['candidate', 'add', '--name', 'Loose Agent', '--kind', 'agent']);
    expect(noCandidate.code).toBe(2);
    const ce = ['--by', 'chief-executive'];
    const decide = (day: string): [string, string, ...string[]] => [day, 'decide', '--outcome', 'provide', ...ce, '--on', day];
    const respond = (day: string, ...extra: string[]): [string, string, ...string[]] => [day, 'respond', '--sent', day, '--channel', 'email', '--text', 'An answer.', ...extra];

    // 4: a clearly political request is forwarded to the PCC personally and not logged.
    const political = await s.cli('2024-04-08', ['request', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'political', '--subject', 'Endorse me', '--text', 'Please endorse me.', '--json']);
    expect(JSON.parse(political.stdout)).toMatchObject({ id: null, logged: false });

    // 4: equal treatment is judged per candidate: the agent's meeting counts for Bea; a party's for no candidate.
    const agentMeeting = await s.kase('2024-04-08', dee, ['--channel', 'email', '--category', 'meeting', '--event-on', '2024-04-20', '--requester-role', 'agent'], [decide('2024-04-09'), respond('2024-04-09', '--offered-to', alex, '--offered-to', cal)]);
    // Before nominations close (5 April), when the prospective candidate counts too.
    const partyMeeting = await s.kase('2024-04-02', party, ['--channel', 'email', '--category', 'meeting', '--event-on', '2024-04-20'], [decide('2024-04-03'), respond('2024-04-03', '--offered-to', alex)]);
    // The agent's identity is redacted like a candidate's.
    const agentInfo = await s.kase('2024-04-08', dee, ['--channel', 'email', '--category', 'information', '--text', 'Deepa Vantongeren here (deepa.v@agents.example) for my candidate: how many PCSOs are there?'], [decide('2024-04-09'), respond('2024-04-09')]);
    // 5: staff must not be filmed or photographed as part of any campaign, before the period too.
    const media = await s.kase('2024-02-01', alex, ['--channel', 'email', '--category', 'media', '--event-on', '2024-02-20'], [decide('2024-02-02'), respond('2024-02-02')]);
    // 5: imagery with the Chief Executive's consent.
    const imagery = await s.kase('2024-04-08', bea, ['--channel', 'email', '--category', 'imagery'], [decide('2024-04-09'), respond('2024-04-09')]);
    // 5: all responses go in the Disclosure Log: withheld only for an allowed reason, never the incumbent's.
    const withheld = await s.kase('2024-04-08', bea, ['--channel', 'email', '--category', 'information'], [decide('2024-04-09')]);
    const badReason = await s.cli('2024-04-09', ['respond', withheld, '--sent', '2024-04-09', '--channel', 'email', '--text', 'x', '--withhold', 'too embarrassing']);
    expect(badReason.code).toBe(1);
    expect(badReason.stderr).toContain('is not a reason this register allows');
    await s.ev('2024-04-09', ['respond', withheld, '--sent', '2024-04-09', '--channel', 'email', '--text', 'Names.', '--withhold', 'personal data: names an officer']);
    const incumbentWithheld = await s.kase('2024-04-08', alex, ['--channel', 'email', '--category', 'information'], [decide('2024-04-09'), respond('2024-04-09', '--withhold', 'personal data: a victim')]);

    const c = await s.check('2024-04-12');
    expect(await s.cli('2024-04-12', ['list', '--json']).then((r) => JSON.parse(r.stdout).cases.length)).toBe(7);
    expect(c.codes(agentMeeting)).toEqual([]);
    expect(c.codes(partyMeeting)).toEqual(['equal-treatment']);
    expect(c.findings.find((f) => f.case === partyMeeting)?.message).toMatch(new RegExp(`${bea}.*${cal}|${cal}.*${bea}`));
    expect(c.codes(agentInfo)).toEqual([]);
    expect(c.codes(media)).toEqual(['pre-election-media']);
    expect(c.codes(imagery)).toEqual([]);
    expect(c.codes(withheld)).toEqual([]);
    expect(c.codes(incumbentWithheld)).toEqual(['withheld-incumbent']);
    expect(c.findings.filter((f) => f.case === null), JSON.stringify(c.findings.filter((f) => f.case === null))).toEqual([]);

    const site = await s.build('2024-04-12');
    const page = await site.read(`cases/${agentInfo}.html`);
    expect(page).toContain('how many PCSOs are there?');
    expect(page).not.toContain('Vantongeren');
    expect(page).not.toContain('deepa.v@agents.example');
  });
});
