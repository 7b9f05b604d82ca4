// Drives the CLI in a real terminal through tmux, as a person at the keyboard would.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, NOW } from './helpers.js';

export const hasTmux = ['/usr/bin/tmux', '/usr/local/bin/tmux'].some(existsSync);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A PATH holding git alone: no nano, no vi, so the inline text prompt is what a user without $EDITOR sees. */
export function pathWithGitOnly(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evenhand-path-'));
  symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(dir, 'git'));
  return dir;
}

export interface Terminal {
  keys(...keys: string[]): void;
  /** Type text literally (no key names). */
  type(text: string): void;
  screen(): string;
  waitFor(re: RegExp): Promise<void>;
  close(): void;
}

/** Runs `evenhand <args>` in a tmux session; the shell then prints EXIT=<code> and waits. */
export function openTerminal(args: string, opts: { path?: string } = {}): Terminal {
  const session = `evenhand-kb-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmux = (...a: string[]) => execFileSync('tmux', a, { encoding: 'utf8' });
  const vars = [
    `EVENHAND_NOW=${NOW}`,
    "EVENHAND_USER='Test SPOC'",
    'GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.org',
    `PATH=${opts.path ?? process.env.PATH}`,
  ].join(' ');
  const cmd = `env -u EDITOR -u VISUAL ${vars} ${process.execPath} ${BIN} ${args}; echo EXIT=$?; sleep 60`;
  tmux('new-session', '-d', '-s', session, '-x', '150', '-y', '40', cmd);
  const screen = () => tmux('capture-pane', '-pt', session);
  return {
    keys: (...keys) => void tmux('send-keys', '-t', session, ...keys),
    type: (text) => void tmux('send-keys', '-t', session, '-l', text),
    screen,
    async waitFor(re) {
      for (let i = 0; i < 150; i++) {
        if (re.test(screen())) return;
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${re}; screen:\n${screen()}`);
    },
    close: () => {
      try {
        tmux('kill-session', '-t', session);
      } catch {
        /* already gone */
      }
    },
  };
}
