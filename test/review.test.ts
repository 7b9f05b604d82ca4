// `evenhand review` driven in a real terminal (tmux), as a reviewer uses it: read each case with its
// flags, edit the public wording, mark words private, approve. Skipped only where tmux is missing
// (.ci/run installs it; with CI set it must run).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeRegister, NOW, run, setup } from './helpers.js';

const hasTmux = ['/usr/bin/tmux', '/usr/local/bin/tmux'].some(existsSync);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('evenhand review', () => {
  it('without a terminal, says to use approve', async () => {
    const { reg } = await makeRegister();
    const r = await run(['-r', reg, 'review']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/review asks questions, so it needs a terminal/);
    expect(r.stderr).toMatch(/evenhand approve <case>…/);
  });

  it.skipIf(!hasTmux && !process.env.CI)('walks the cases awaiting review: flags, edit, mark private, approve', async () => {
    const { dir, reg, alex, bea } = await makeRegister();
    const ev = async (args: string[]) => JSON.parse((await setup(['-r', reg, ...args, '--json'], { cwd: dir })).stdout).id as string;
    const first = await ev(['request', '--candidate', alex, '--received', '2024-04-22', '--channel', 'email', '--category', 'budget', '--subject', 'Overtime', '--text', 'Dear OPCC, how much was spent on overtime? Thanks, Alex Morgan']);
    const second = await ev(['request', '--candidate', bea, '--received', '2024-04-23', '--channel', 'email', '--category', 'information', '--subject', 'Officers', '--text', 'Ask Dana Frost how many officers there are.']);
    // The "editor": rewrites the text it is given, as a person would in vi.
    const editor = join(dir, 'edit.sh');
    await writeFile(editor, `#!/bin/sh\nprintf 'How much was spent on police overtime?\\n' > "$1"\n`);
    await chmod(editor, 0o755);

    const session = `evenhand-review-${process.pid}-${Date.now()}`;
    const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-pt', session, '-S', '-300');
    /** The screen once `re` matches it; the text from the last `from` marker on, when given. */
    const waitFor = async (re: RegExp, from?: string) => {
      for (let i = 0; i < 300; i++) {
        const s = screen();
        const at = from === undefined ? 0 : s.lastIndexOf(from);
        const part = s.slice(Math.max(0, at));
        if (at >= 0 && re.test(part)) return part;
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${re}; screen:\n${screen()}`);
    };
    const prompt = /This public text:/;
    const env = `EVENHAND_NOW=${NOW} EVENHAND_USER='Rev Iewer' EDITOR=${editor} VISUAL=${editor} GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.org NO_COLOR=1`;
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '60', `${env} ${process.execPath} ${BIN} -r ${reg} review ; sleep 60`);
    try {
      // Case 1: the text as published, redactions marked, flags listed with why.
      let s = await waitFor(prompt, `Case ${first}`);
      expect(s).toContain(`Case ${first} (1 of 2): awaiting review`);
      expect(s).toContain('Question: ⟨Dear OPCC⟩¹, how much was spent on overtime? ⟨Thanks, [candidate]⟩²');
      expect(s).toMatch(/1\. greeting "Dear OPCC" \(question\): a greeting names the person addressed/);
      expect(s).toMatch(/2\. sign-off "Thanks, \[candidate\]" \(question\)/);
      // Edit the public wording of the question.
      tmux('send-keys', '-t', session, 'Down', 'Enter');
      await waitFor(/Which text\?/, `Case ${first}`);
      tmux('send-keys', '-t', session, 'Enter'); // question
      await waitFor(/Why\? \(kept in the record\)/, `Case ${first}`);
      tmux('send-keys', '-t', session, 'Enter'); // the default reason
      // The case is shown again, as corrected.
      s = await waitFor(/police overtime\?[\s\S]*This public text:/, `Case ${first}`);
      expect(s).toContain('Question: How much was spent on police overtime?');
      expect(s).toContain('No flags');
      tmux('send-keys', '-t', session, 'Enter'); // approve
      // Case 2: a third party's name, flagged; mark it private, then approve.
      s = await waitFor(prompt, `Case ${second} (2 of 2)`);
      expect(s).toMatch(/person-name "Dana Frost" \(question\): looks like a person's name: a third party's is personal data \(FOI s\.40\(2\)\)/);
      tmux('send-keys', '-t', session, 'Down', 'Down', 'Enter');
      await waitFor(/Words never to publish/, `Case ${second}`);
      tmux('send-keys', '-t', session, 'Dana Frost', 'Enter');
      await waitFor(/Why\? \(kept in the record\)/, `Case ${second}`);
      tmux('send-keys', '-t', session, 'Enter');
      s = await waitFor(/\[private\] how many officers[\s\S]*This public text:/, `Case ${second}`);
      expect(s).toContain('Question: ⟨Ask⟩¹ [private] how many officers there are.');
      tmux('send-keys', '-t', session, 'Enter'); // approve
      await waitFor(/reviewed: 2 approved, 2 corrections recorded, 0 skipped; 0 cases still await review/);
    } finally {
      tmux('kill-session', '-t', session);
    }

    // What was recorded: two corrections and two approvals, by the reviewer.
    for (const id of [first, second]) {
      const shown = JSON.parse((await run(['-r', reg, 'show', id, '--json'])).stdout);
      expect(shown.review).toMatchObject({ state: 'approved', approval: { by: 'Rev Iewer' } });
      // (The fixed clock gives both entries one timestamp, so their order in the case is by id.)
      expect(shown.entries.map((e: { kind: string }) => e.kind).sort()).toEqual(['approval', 'correction', 'request']);
    }
    const b = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    expect(b.code).toBe(0);
    const json = await readFile(join(dir, 'site', 'disclosure-log.json'), 'utf8');
    expect(json).toContain('How much was spent on police overtime?');
    expect(json).toContain('Ask [private] how many officers there are.');
    expect(json).not.toContain('Dana');
  });
});
