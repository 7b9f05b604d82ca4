// The .git ref reader against real git: whatever git says HEAD is, readHead says too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findGitDir } from './repo-state.js';
import { readHead } from './git-refs.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@x', GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).trim();

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evenhand-refs-'));
  dirs.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}
function commit(dir: string, name: string): string {
  writeFileSync(join(dir, name), name);
  git(dir, 'add', name);
  git(dir, 'commit', '-q', '-m', name);
  return git(dir, 'rev-parse', 'HEAD');
}
async function head(dir: string) {
  return readHead((await findGitDir(dir))!);
}

describe('readHead', () => {
  it('an unborn branch: the branch, no commit', async () => {
    const dir = repo();
    expect(await head(dir)).toEqual({ kind: 'branch', ref: 'refs/heads/main', commit: null });
  });

  it('a loose branch ref', async () => {
    const dir = repo();
    const id = commit(dir, 'a');
    expect(await head(dir)).toEqual({ kind: 'branch', ref: 'refs/heads/main', commit: id });
  });

  it('a branch only in packed-refs, and a loose ref that overrides its packed value', async () => {
    const dir = repo();
    const first = commit(dir, 'a');
    git(dir, 'tag', 'v1');
    git(dir, 'pack-refs', '--all', '--prune');
    expect(await head(dir)).toEqual({ kind: 'branch', ref: 'refs/heads/main', commit: first });
    const second = commit(dir, 'b'); // written loose, packed-refs still says `first`
    expect(second).not.toBe(first);
    expect(await head(dir)).toEqual({ kind: 'branch', ref: 'refs/heads/main', commit: second });
  });

  it('a branch whose name is a prefix of another packed branch is not confused with it', async () => {
    const dir = repo();
    const first = commit(dir, 'a');
    git(dir, 'branch', 'main-old');
    commit(dir, 'b');
    git(dir, 'pack-refs', '--all', '--prune');
    expect(await head(dir)).toEqual({ kind: 'branch', ref: 'refs/heads/main', commit: git(dir, 'rev-parse', 'main') });
    expect(git(dir, 'rev-parse', 'main-old')).toBe(first);
  });

  it('a detached HEAD', async () => {
    const dir = repo();
    const first = commit(dir, 'a');
    commit(dir, 'b');
    git(dir, 'checkout', '-q', '--detach', first);
    expect(await head(dir)).toEqual({ kind: 'detached', commit: first });
  });

  it('a linked worktree (.git is a file): its own HEAD, the shared branches', async () => {
    const dir = repo();
    commit(dir, 'a');
    const wt = join(dir, '..', `${dir.split('/').pop()}-wt`);
    dirs.push(wt);
    git(dir, 'worktree', 'add', '-q', '-b', 'side', wt);
    const sideFirst = git(wt, 'rev-parse', 'HEAD');
    expect(await head(wt)).toEqual({ kind: 'branch', ref: 'refs/heads/side', commit: sideFirst });
    const next = commit(wt, 'w');
    git(dir, 'pack-refs', '--all', '--prune');
    expect(await head(wt)).toEqual({ kind: 'branch', ref: 'refs/heads/side', commit: next });
    expect((await head(dir)).kind).toBe('branch');
  });

  it('a HEAD it cannot read is unknown, never a guess', async () => {
    const dir = repo();
    commit(dir, 'a');
    writeFileSync(join(dir, '.git', 'HEAD'), 'not a ref\n');
    expect((await head(dir)).kind).toBe('unknown');
  });
});
