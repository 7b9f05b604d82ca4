// One commit per entry: it adds exactly the entry's file (and its attachments), nothing else
// the user may have staged. Retries while git's own index.lock is held by someone else.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { git, GitError } from './git.js';
import { withLock } from './lock.js';

export interface CommitSpec {
  /** Folder to run git in (the register folder). */
  cwd: string;
  /** Paths relative to cwd. */
  paths: string[];
  subject: string;
  body?: string;
  trailers: Record<string, string>;
  /** The instant recorded in the entry; the commit carries the same date. */
  date: Date;
  /** Used as the commit identity when git has none configured (a fresh CI machine). */
  fallbackName: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function commitMessage(spec: Pick<CommitSpec, 'subject' | 'body' | 'trailers'>): string {
  const trailers = Object.entries(spec.trailers)
    .map(([k, v]) => `${k}: ${v.replace(/\s+/g, ' ')}`)
    .join('\n');
  return `${spec.subject}\n\n${spec.body ? `${spec.body}\n\n` : ''}${trailers}\n`;
}

const IDENTITY_MISSING = /Please tell me who you are|unable to auto-detect email address|empty ident name/;

async function gitRetrying(cwd: string, args: string[], env: Record<string, string>, input?: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await git(cwd, args, { env, input });
      return;
    } catch (err) {
      const locked = err instanceof GitError && /index\.lock|cannot lock ref|Unable to create .*\.lock/.test(err.result.stderr);
      if (!locked || attempt >= 40) throw err;
      await sleep(20 + Math.random() * 80);
    }
  }
}

/**
 * The lock file lives inside .git so it never shows in the work tree. Found by walking up in
 * JavaScript (a `.git` folder, or a `.git` file naming the folder, as in worktrees): one git
 * process fewer on every append.
 */
export async function gitDirOf(cwd: string): Promise<string> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, '.git');
    try {
      const s = await stat(candidate);
      if (s.isDirectory()) return candidate;
      const m = /^gitdir:\s*(.+)$/m.exec(await readFile(candidate, 'utf8'));
      if (m) return resolve(dir, m[1].trim());
    } catch {
      /* not here: keep walking */
    }
    if (dirname(dir) === dir) break;
  }
  const r = await git(cwd, ['rev-parse', '--absolute-git-dir']);
  return r.stdout.trim();
}

export async function commitPaths(spec: CommitSpec, gitDir?: string): Promise<void> {
  const dir = gitDir ?? (await gitDirOf(spec.cwd));
  const iso = spec.date.toISOString();
  const env = { GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso };
  const message = commitMessage(spec);
  await withLock(join(dir, 'evenhand.lock'), async () => {
    // `git commit --only <paths>` guarantees the commit holds exactly our files even when someone
    // has staged other changes, but it rebuilds the index from HEAD: about a third slower at 10,000
    // cases. When nothing else is staged (the usual case, checked cheaply via the cache-tree) a plain
    // commit of the index is the same commit.
    const othersStaged = (await git(spec.cwd, ['diff', '--cached', '--quiet'], { allowFailure: true })).code !== 0;
    await gitRetrying(spec.cwd, ['add', '--', ...spec.paths], env);
    const commitArgs = othersStaged
      ? ['commit', '-q', '--no-verify', '-F', '-', '--only', '--', ...spec.paths]
      : ['commit', '-q', '--no-verify', '-F', '-'];
    try {
      await gitRetrying(spec.cwd, commitArgs, env, message);
    } catch (err) {
      if (!(err instanceof GitError && IDENTITY_MISSING.test(err.result.stderr))) throw err;
      const identity = ['-c', `user.name=${spec.fallbackName}`, '-c', 'user.email=evenhand@localhost'];
      await gitRetrying(spec.cwd, [...identity, ...commitArgs], env, message);
    }
  });
}
