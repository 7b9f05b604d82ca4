// Issue 13, "Prompts that validate as you go": each answer judged as it is typed and asked again
// on the spot, UK dates, the offer-to-all follow-up, the inline text prompt without $EDITOR, and
// Ctrl-C exiting 130. Driven through tmux; skipped only where tmux is not installed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDir, listCaseIds, makeRegister, run, setup } from './helpers.js';
import { hasTmux, openTerminal, pathWithGitOnly } from './terminal.js';

describe.skipIf(!hasTmux)('prompts at the keyboard', () => {
  it('asks again for an impossible date at once, keeps the answers, reads UK dates and takes the text inline', async () => {
    const { reg, alex } = await makeRegister();
    const t = openTerminal(`-r ${reg} request --candidate ${alex} --category budget --channel email`, { path: pathWithGitOnly() });
    try {
      await t.waitFor(/Received/);
      t.keys('C-u'); // clear the default (now)
      t.type('30/02/2024');
      t.keys('Enter');
      await t.waitFor(/30 February 2024 does not exist: February 2024 has 29 days/);
      expect(t.screen()).not.toMatch(/Subject/); // asked again before anything else
      // What was typed is still there to mend.
      expect(t.screen()).toMatch(/30\/02\/2024/);
      for (let i = 0; i < 10; i++) t.keys('BSpace');
      t.type('29/04/2024 16:30');
      t.keys('Enter');
      await t.waitFor(/Monday 29 April 2024, 16:30/);
      await t.waitFor(/Subject/);
      t.type('Overtime');
      t.keys('Enter');
      await t.waitFor(/line with only a full stop/);
      t.type('How much was spent on overtime?');
      t.keys('Enter');
      t.type('And on rest days?');
      t.keys('Enter');
      t.type('.');
      t.keys('Enter');
      await t.waitFor(/Wording for publication/);
      t.keys('Enter');
      await t.waitFor(/Freedom of Information/);
      t.keys('n', 'Enter');
      await t.waitFor(/EXIT=0/);
    } finally {
      t.close();
    }
    const [id] = await listCaseIds(reg);
    const text = await readFile(join(reg, caseDir(id), 'request.yaml'), 'utf8');
    expect(text).toContain('received: 2024-04-29T16:30');
    expect(text).toContain('subject: Overtime');
    expect(text).toMatch(/How much was spent on overtime\?\n\s+And on rest days\?/);
  });

  it('asks who an offer-to-all went to, every declared candidate ticked to start with', async () => {
    const { reg, alex, bea, cal } = await makeRegister();
    // The case the prompt is about: state, through the setup runner.
    const req = await setup(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '25/04/2024', '--channel', 'email', '--category', 'visit', '--subject', 'Visit', '--text', 'May I visit the control room?']);
    expect(req.code, req.stderr).toBe(0);
    const id = JSON.parse(req.stdout).id as string;
    const dec = await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'Chief Executive', '--offer-to-all', '--on', 'yesterday']);
    expect(dec.code, dec.stderr).toBe(0);
    const t = openTerminal(`-r ${reg} respond ${id} --channel email --text 'A visit is offered to every candidate.'`);
    try {
      await t.waitFor(/The same offer went to/);
      expect(t.screen()).toMatch(/◉ Alex Morgan/);
      expect(t.screen()).toMatch(/◉ Bea Okafor/);
      expect(t.screen()).toMatch(/◯ Cal Singh/); // prospective: not standing
      t.keys('Enter');
      await t.waitFor(/EXIT=0/);
    } finally {
      t.close();
    }
    const check = await run(['-r', reg, 'check', '--json']);
    const findings = JSON.parse(check.stdout).findings as { code: string }[];
    expect(findings.filter((f) => f.code === 'equal-treatment')).toEqual([]);
    const show = await run(['-r', reg, 'show', id, '--json']);
    expect(show.stdout).toContain(alex);
    expect(show.stdout).toContain(bea);
    expect(show.stdout).not.toContain(`"${cal}"`);
  });

  it('exits 130 on Ctrl-C at a prompt and writes nothing', async () => {
    const { reg } = await makeRegister();
    const t = openTerminal(`-r ${reg} request`);
    try {
      await t.waitFor(/Which candidate\?/);
      t.keys('C-c');
      await t.waitFor(/EXIT=130/);
      expect(t.screen()).toMatch(/cancelled; nothing was written/);
    } finally {
      t.close();
    }
    expect(await listCaseIds(reg)).toEqual([]);
  });

  it('refuses before asking anything when the case is already answered', async () => {
    const { reg, alex } = await makeRegister();
    // An answered case (state, through the setup runner); the prompt under test is the second answer.
    const req = await setup(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '25/04/2024', '--channel', 'email', '--category', 'budget', '--subject', 'Spend', '--text', 'What was spent?']);
    const id = JSON.parse(req.stdout).id as string;
    await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive']);
    const first = await setup(['-r', reg, 'respond', id, '--channel', 'email', '--text', 'Here it is.']);
    expect(first.code, first.stderr).toBe(0);
    const t = openTerminal(`-r ${reg} respond ${id}`);
    try {
      await t.waitFor(/EXIT=1/);
      expect(t.screen()).toMatch(/already answered/);
      expect(t.screen()).not.toMatch(/Sent by/);
    } finally {
      t.close();
    }
  });
});
