// Issue 13, "Say at write time what check will say": the check's own rules run on the case as it
// would be after the write. Errors refuse it (nothing written) unless --depart-from-protocol says
// why, and then check reports exactly what the refusal said; warnings are printed and written.
import { describe, expect, it } from 'vitest';
import { gitIn, makeRegister, run, setup } from './helpers.js';

interface Found {
  code: string;
  severity: string;
  case: string | null;
  message: string;
}

/** The case a test writes to, prepared through the setup runner. */
async function newRequest(reg: string, candidate: string, category: string, extra: string[] = []) {
  const r = await setup(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '22/04/2024', '--channel', 'email', '--category', category, '--subject', 'S', '--text', 'T', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).id as string;
}

async function checkFindings(reg: string, id: string): Promise<Found[]> {
  return (JSON.parse((await run(['-r', reg, 'check', '--json'])).stdout).findings as Found[]).filter((f) => f.case === id);
}

describe('write-time check: one rule engine with check', () => {
  it('refuses a partial FOI answer naming no exemption, then records it as a departure that check keeps reporting in the same words', async () => {
    const { reg, alex } = await makeRegister();
    const id = await newRequest(reg, alex, 'information', ['--foi']);
    const head = await gitIn(reg, ['rev-parse', 'HEAD']);
    const args = ['-r', reg, 'decide', id, '--outcome', 'partial', '--by', 'chief-executive', '--reason', 'Some figures identify officers'];
    const refused = await run(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('decision refused; nothing was written. check would report:');
    expect(refused.stderr).toContain('error refusal-reason: exemptions: an FOI partial refusal names no exemption');
    expect(refused.stderr).toContain('--depart-from-protocol');
    expect(await gitIn(reg, ['rev-parse', 'HEAD'])).toBe(head);

    const departed = await run([...args, '--depart-from-protocol', 'Exemption to be confirmed by legal services']);
    expect(departed.code, departed.stderr).toBe(0);
    expect(departed.stderr).toContain('recorded as a departure from the protocol ("Exemption to be confirmed by legal services")');
    const found = await checkFindings(reg, id);
    expect(found).toEqual([expect.objectContaining({ code: 'refusal-reason', severity: 'error', message: 'an FOI partial refusal names no exemption' })]);
    expect((await run(['-r', reg, 'show', id])).stdout).toContain('Exemption to be confirmed by legal services');
  });

  it('refuses an exemption on an outcome that withholds nothing, and a media grant in the pre-election period', async () => {
    const { reg, alex } = await makeRegister();
    const foi = await newRequest(reg, alex, 'information', ['--foi']);
    const exempt = await run(['-r', reg, 'decide', foi, '--outcome', 'provide', '--by', 'chief-executive', '--exemption', 's40(2)']);
    expect(exempt.code).toBe(1);
    expect(exempt.stderr).toContain('exemption s40(2) named, but the outcome provide relies on none');
    const media = await newRequest(reg, alex, 'media');
    const granted = await run(['-r', reg, 'decide', media, '--outcome', 'provide', '--by', 'chief-executive']);
    expect(granted.code).toBe(1);
    expect(granted.stderr).toContain('error pre-election-media: outcome: a media, photo or filming request was granted on 2024-04-30');
    expect((await run(['-r', reg, 'decide', media, '--outcome', 'refuse', '--by', 'chief-executive', '--reason', 'Pre-election period'])).code).toBe(0);
  });

  it('refuses a visit answered without the offer to all, and takes it once everyone declared is offered', async () => {
    const { reg, alex, bea } = await makeRegister();
    const id = await newRequest(reg, alex, 'visit');
    expect((await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--offer-to-all'])).code).toBe(0);
    const one = await run(['-r', reg, 'respond', id, '--channel', 'email', '--text', 'Visit on 1 May.']);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain(`error equal-treatment: offered_to: a visit was granted but not offered to 1 candidate standing or prospective on 2024-04-30: Bea Okafor (${bea})`);
    const all = await run(['-r', reg, 'respond', id, '--channel', 'email', '--text', 'Visit on 1 May.', '--offered-to', bea]);
    expect(all.code, all.stderr).toBe(0);
    expect(await checkFindings(reg, id)).toEqual([]);
  });

  it('says, and writes, what is a warning or a fact: an undeclared requester, a late FOI answer', async () => {
    const { reg, cal, alex } = await makeRegister({ initArgs: ['--undeclared', 'treat-as-public'] });
    const r = await run(['-r', reg, 'request', '--json', '--candidate', cal, '--received', '22/04/2024', '--channel', 'email', '--category', 'budget', '--subject', 'S', '--text', 'T']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: check will report: warning undeclared: candidate: Cal Singh');
    const late = await run(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '20/03/2024', '--channel', 'email', '--category', 'budget', '--subject', 'S', '--text', 'T', '--foi']);
    const id = JSON.parse(late.stdout).id as string;
    expect((await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive'])).code).toBe(0);
    const answered = await run(['-r', reg, 'respond', id, '--channel', 'email', '--text', 'The figures.']);
    expect(answered.code, answered.stderr).toBe(0);
    expect(answered.stderr).toMatch(/warning: check will report: error foi-deadline: sent_on: answered on 2024-04-30, after the deadline of 2024-04-\d\d/);
  });
});
