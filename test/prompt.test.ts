// In a terminal, values not given as flags are asked for (issue 2). Driven through tmux, which
// gives the CLI a real terminal; skipped only where tmux is not installed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeRegister, NOW, caseDir, listCaseIds } from './helpers.js';

const hasTmux = ['/usr/bin/tmux', '/usr/local/bin/tmux'].some(existsSync);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!hasTmux)('prompts in a terminal', () => {
  it('asks for the candidate, category, date, channel, subject and FOI, then logs the request', async () => {
    const { reg } = await makeRegister();
    const session = `evenhand-${process.pid}-${Date.now()}`;
    const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-pt', session);
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 100; i++) {
        if (re.test(screen())) return;
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${re}; screen:\n${screen()}`);
    };
    const cmd = `EVENHAND_NOW=${NOW} EVENHAND_USER='Test SPOC' GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.org ${process.execPath} ${BIN} -r ${reg} request --text 'How many officers?' ; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', cmd);
    try {
      await waitFor(/Which candidate\?/);
      tmux('send-keys', '-t', session, 'Down', 'Enter'); // the roster is sorted by file: pick the second
      await waitFor(/Category/);
      tmux('send-keys', '-t', session, 'Down', 'Enter'); // budget
      await waitFor(/Received/);
      tmux('send-keys', '-t', session, '2024-04-09', 'Enter');
      await waitFor(/How did it arrive\?/);
      tmux('send-keys', '-t', session, 'Enter'); // email
      await waitFor(/Subject/);
      tmux('send-keys', '-t', session, 'Overtime', 'Enter');
      await waitFor(/Wording for publication/);
      tmux('send-keys', '-t', session, 'Enter');
      await waitFor(/Freedom of Information/);
      tmux('send-keys', '-t', session, 'y', 'Enter');
      await waitFor(/^\d{4}-\d{4}-[0-9a-z]{4}$/m);
    } finally {
      tmux('kill-session', '-t', session);
    }
    const [id] = await listCaseIds(reg);
    const text = await readFile(join(reg, caseDir(id), 'request.yaml'), 'utf8');
    expect(text).toContain('category: budget');
    expect(text).toContain('received: 2024-04-09');
    expect(text).toContain('subject: Overtime');
    expect(text).toContain('foi: true');
    const candidates = (await readdir(join(reg, 'candidates'))).sort();
    expect(text).toContain(`candidate: ${candidates[1].replace('.yaml', '')}`);
  });
});
