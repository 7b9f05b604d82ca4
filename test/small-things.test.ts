// Issue 13, "Small things seen": colour in check, candidates named in findings, hints that are the
// exact command (and work when run), correct finding the case from an entry id, confirm warnings,
// the timetable's "and", check --help's path, EVENHAND_USER in --help.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildRegister, copyFixture, makeRegister, run, setup, setupId, sharedFixture } from './helpers.js';

/** A register with a visit answered to Alex alone (refused at write time unless recorded knowingly; check keeps reporting it). Built once per run, copied per test. */
async function visitAnsweredToOne() {
  const f = await sharedFixture('small things: a visit answered to one', async (dir) => {
    const ids = await buildRegister(dir);
    const reg = join(dir, 'register');
    const id = await setupId(['-r', reg, 'request', '--json', '--candidate', ids.alex, '--received', '20/04/2024', '--channel', 'email', '--category', 'visit', '--subject', 'Visit', '--text', 'May I visit?']);
    expect((await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '22/04/2024'])).code).toBe(0);
    const r2 = await setup(['-r', reg, 'respond', id, '--channel', 'email', '--text', 'Yes, on 1 May.', '--sent', '23/04/2024', '--depart-from-protocol', 'Offer to the others still to be sent']);
    expect(r2.code, r2.stderr).toBe(0);
    return { ...ids, id };
  });
  const dir = await copyFixture(f);
  return { dir, reg: join(dir, 'register'), ...f.data };
}

describe('small things', () => {
  it('names candidates in findings and gives the exact command as the hint, which works as given', async () => {
    const { reg, bea, id } = await visitAnsweredToOne();
    const check = JSON.parse((await run(['-r', reg, 'check', '--json'])).stdout) as { findings: { code: string; message: string; hint: string }[] };
    const unequal = check.findings.find((f) => f.code === 'equal-treatment')!;
    expect(unequal.message).toContain(`Bea Okafor (${bea})`);
    const command = /evenhand correct (\S+) --case (\S+) --reason "<why>" --set "(offered_to=\[.*\])"/.exec(unequal.hint);
    expect(command, unequal.hint).not.toBeNull();
    expect(command![2]).toBe(id);
    // The entry id alone finds its case (no --case needed).
    const corrected = await run(['-r', reg, 'correct', command![1], '--reason', 'offered to Bea Okafor by email on 23 April', '--set', command![3]]);
    expect(corrected.code, corrected.stderr).toBe(0);
    const after = JSON.parse((await run(['-r', reg, 'check', '--json'])).stdout) as { findings: { code: string }[] };
    expect(after.findings.filter((f) => f.code === 'equal-treatment')).toEqual([]);
  });

  it('colours check output when asked for a terminal, plain in a pipe and with NO_COLOR', async () => {
    const { reg } = await visitAnsweredToOne();
    const plain = await run(['-r', reg, 'check']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain('\u001b[');
    const coloured = await run(['-r', reg, 'check'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[31m\u001b[1merror equal-treatment:');
    expect(coloured.stdout).toMatch(/\u001b\[1mcase \d{4}-\d{4}-\w{4}\u001b\[22m/);
    const noColor = await run(['-r', reg, 'check'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  it('warns when a confirmation is for an email request, a second one, or after the reply', async () => {
    const { reg, id } = await visitAnsweredToOne();
    const first = await run(['-r', reg, 'confirm', id]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('warning: the request came by email, already in writing');
    expect(first.stderr).toContain('warning: the reply was sent on 2024-04-23');
    const second = await run(['-r', reg, 'confirm', id]);
    expect(second.stderr).toMatch(/warning: case \S+ was already confirmed in writing \(confirmation-\w+ on 2024-04-30\)/);
  });

  it('timetable --explain never starts a line with "and"', async () => {
    const { reg } = await makeRegister({ initArgs: ['--poll-date', '2024-11-21'] });
    const r = await run(['-r', reg, 'timetable', '--explain']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/these days are not working days under the election rules:\n {2}\d+ Saturdays and Sundays\n$/);
    const easter = await makeRegister();
    expect((await run(['-r', easter.reg, 'timetable', '--explain'])).stdout).toMatch(/Easter Monday.*\n {2}and \d+ Saturdays and Sundays\n$/);
  });

  it('shows month folders in check --help and EVENHAND_USER in --help', async () => {
    expect((await run(['check', '--help'])).stdout).toContain('cases/2024-03/2024-0325-k7q2/request.yaml:7');
    expect((await run(['--help'])).stdout).toMatch(/EVENHAND_USER +who is recording/);
  });
});
