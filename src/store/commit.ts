// One commit per entry: it adds exactly the entry's file (and its attachments), nothing else
// the user may have staged. Retries while git's own index.lock is held by someone else.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { git, GitError } from './git.js';
import { withLock } from './lock.js';
import { UserError, EXIT } from '../domain/errors.js';
import { assertReadyToCommit, requireGitDir, writeRefusal } from './repo-state.js';
import { commonDir, readHead, type HeadState } from './git-refs.js';

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
  /**
   * Where `date` came from: the system clock, or a clock fixed by $EVENHAND_NOW (tests). Every
   * commit says which in its Evenhand-Clock trailer, so `audit` can tell a date someone chose from
   * one the machine gave (docs/decisions/0012-history-anchors.md). Defaults to what the process
   * environment says.
   */
  clock?: 'system' | 'fixed';
}

/** The Evenhand-Clock trailer: `system`, or `fixed <instant>` for a write made under $EVENHAND_NOW. */
export function clockTrailer(spec: Pick<CommitSpec, 'clock' | 'date'>): string {
  const clock = spec.clock ?? (process.env.EVENHAND_NOW ? 'fixed' : 'system');
  return clock === 'fixed' ? `fixed ${spec.date.toISOString()}` : 'system';
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

async function gitOutputRetrying(cwd: string, args: string[], env: Record<string, string>, input?: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await git(cwd, args, { env, input })).stdout;
    } catch (err) {
      const locked = err instanceof GitError && /index\.lock|cannot lock ref|Unable to create .*\.lock/.test(err.result.stderr) && !MOVED.test(err.result.stderr);
      if (!locked) throw err;
      if (attempt >= INDEX_LOCK_ATTEMPTS) {
        const lock = /Unable to create '([^']+\.lock)'/.exec((err as GitError).result.stderr)?.[1];
        throw lock?.endsWith('index.lock') ? indexLockError(lock) : err;
      }
      await sleep(20 + Math.random() * 80);
    }
  }
}

async function gitRetrying(cwd: string, args: string[], env: Record<string, string>, input?: string): Promise<void> {
  await gitOutputRetrying(cwd, args, env, input);
}

/**
 * The git folder of the register's repository (the write lock lives there, so it never shows in
 * the work tree). Found by walking up in JavaScript: one git process fewer on every append.
 * A register outside git is refused with a clear message (src/store/repo-state.ts).
 */
export async function gitDirOf(cwd: string): Promise<string> {
  return requireGitDir(cwd);
}

/**
 * Run `fn` holding evenhand's write lock, once the repository is known to be ready for a commit
 * (on a branch, no rebase/merge/cherry-pick/revert/bisect in progress, no leftover index.lock).
 * Everything a write judges (is the case already answered? does the file exist?) is judged inside
 * `fn`, on what is on disk while no other evenhand process can write (issue 10; ADR 0010).
 */
export async function withWriteLock<T>(cwd: string, fn: (gitDir: string) => Promise<T>): Promise<T> {
  const dir = await requireGitDir(cwd);
  assertReadyToCommit(dir); // before the lock too: refuse at once rather than after queueing
  try {
    return await withLock(join(dir, 'evenhand.lock'), async () => {
      assertReadyToCommit(dir); // and again: a rebase may have started while we queued
      await waitForIndexLock(dir);
      return fn(dir);
    });
  } catch (err) {
    throw writeRefusal(err, dir) ?? err;
  }
}

/**
 * Inside evenhand's lock only another git program (an editor, a GUI, a hand-run command) holds
 * git's index.lock, for a moment; one that stays was left by a git process that crashed.
 */
async function waitForIndexLock(gitDir: string): Promise<void> {
  const lock = join(gitDir, 'index.lock');
  for (let attempt = 0; existsSync(lock); attempt++) {
    if (attempt >= INDEX_LOCK_ATTEMPTS) throw indexLockError(lock);
    await sleep(20 + Math.random() * 80);
  }
}

const INDEX_LOCK_ATTEMPTS = 40;

function indexLockError(lock: string): UserError {
  return new UserError(
    `git's index lock ${lock} is still there after a few seconds; nothing was written. git creates that file while it changes the staging area and deletes it when done: either another git program is busy in this repository, or one crashed and left it behind`,
    EXIT.findings,
    `if no git program is running here (an editor's git panel, a git GUI, a \`git\` in another terminal), delete it: \`rm ${lock}\`, then run the command again`,
  );
}

/** Commit holding the write lock, checking the repository first (for writes that are not entries, e.g. init). */
export async function commitPaths(spec: CommitSpec): Promise<void> {
  await withWriteLock(spec.cwd, (gitDir) => commitPathsLocked(spec, gitDir));
}

/** One commit of exactly spec.paths; the caller holds the write lock (withWriteLock). */
export async function commitPathsLocked(spec: CommitSpec, dir: string): Promise<void> {
  const iso = spec.date.toISOString();
  const env = { GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso };
  const message = commitMessage({ ...spec, trailers: { ...spec.trailers, 'Evenhand-Clock': clockTrailer(spec) } });
  // Three cheap questions: which commit is HEAD (read from the git folder, docs/decisions/0028),
  // is anything else staged (checked via the cache-tree), and what the repository's config says
  // about signing and hooks. diff-index, not `diff --cached`: the porcelain obeys diff.relative and
  // diff.ignoreSubmodules, which would hide staged changes.
  // With GIT_DIR or GIT_COMMON_DIR set (evenhand run from a git hook), git may look elsewhere than the folder found.
  const read: HeadState = process.env.GIT_DIR || process.env.GIT_COMMON_DIR ? { kind: 'unknown', why: 'GIT_DIR is set' } : readHead(dir);
  const headP = read.kind === 'unknown' ? git(spec.cwd, ['rev-parse', '--verify', '-q', 'HEAD'], { allowFailure: true }).then((r) => (r.code === 0 ? r.stdout.trim() : null)) : Promise.resolve(read.commit);
  // The entry's own paths are staged at the same time (one git process less on the way: docs/decisions/0032),
  // so the question leaves them out: anything else staged, anywhere in the repository (:(top)).
  const others = [':(top)', ...spec.paths.map((p) => `:(exclude,literal)${p}`)];
  const [staged, headCommit, config] = await Promise.all([
    // On an unborn branch there is nothing to compare with: the porcelain makes the first commit.
    read.kind !== 'unknown' && read.commit === null ? Promise.resolve({ code: 1 }) : git(spec.cwd, ['diff-index', '--cached', '--quiet', 'HEAD', '--', ...others], { allowFailure: true }),
    headP,
    commitConfig(spec.cwd),
    gitRetrying(spec.cwd, ['update-index', '--add', '--', ...spec.paths], env),
  ]);
  const othersStaged = staged.code !== 0;
  if (!othersStaged && headCommit && !config.signs) {
    await commitWithPlumbing(spec, env, message, headCommit);
    // As `git commit --no-verify` would: the post-commit hook still runs (a mirror, a notification).
    // Without core.hooksPath, git looks for hooks/post-commit in the common git folder: when there
    // is none, `git hook run` would do nothing, and is not started.
    if (config.hooksPath !== undefined || existsSync(join(commonDir(dir), 'hooks', 'post-commit')))
      await git(spec.cwd, ['hook', 'run', '--ignore-missing', 'post-commit'], { allowFailure: true });
    await maybeAutoMaintenance(spec.cwd, dir);
    return;
  }
  // `git commit --only <paths>` guarantees the commit holds exactly our files even when someone
  // has staged other changes, but it rebuilds the index from HEAD. The porcelain also covers a
  // first commit and signing (commit.gpgSign), which `git commit-tree` ignores. The paths are
  // staged already (update-index above); `git add` stages them as the porcelain would.
  await gitRetrying(spec.cwd, ['add', '--', ...spec.paths], env);
  const commitArgs = othersStaged
    ? ['commit', '-q', '--no-verify', '-F', '-', '--only', '--', ...spec.paths]
    : ['commit', '-q', '--no-verify', '-F', '-'];
  await withIdentityFallback(spec, (identity) => gitRetrying(spec.cwd, [...identity, ...commitArgs], env, message));
}

/**
 * commit.gpgSign and core.hooksPath, from one git process (git resolves includes and every
 * config file). A key set with no value (`gpgsign` alone on its line) is true, as git reads it.
 */
async function commitConfig(cwd: string): Promise<{ signs: boolean; hooksPath?: string }> {
  const r = await git(cwd, ['config', '-z', '--get-regexp', '^(commit\\.gpgsign|core\\.hookspath)$'], { allowFailure: true });
  let signs = false;
  let hooksPath: string | undefined;
  for (const item of r.stdout.split('\0')) {
    if (!item) continue;
    const nl = item.indexOf('\n');
    const key = (nl < 0 ? item : item.slice(0, nl)).toLowerCase();
    const value = nl < 0 ? undefined : item.slice(nl + 1);
    if (key === 'commit.gpgsign') signs = value === undefined || /^(true|yes|on|[1-9]\d*)$/i.test(value.trim());
    else if (key === 'core.hookspath') hooksPath = value ?? '';
  }
  return { signs, hooksPath };
}

/** Run a git step that needs an identity; when git has none configured, retry with the fallback. */
async function withIdentityFallback<T>(spec: CommitSpec, step: (identity: string[]) => Promise<T>): Promise<T> {
  try {
    return await step([]);
  } catch (err) {
    if (!(err instanceof GitError && IDENTITY_MISSING.test(err.result.stderr))) throw err;
    return step(['-c', `user.name=${spec.fallbackName}`, '-c', 'user.email=evenhand@localhost']);
  }
}

/**
 * The same commit `git commit` would make, built from plumbing, the paths already staged: write the
 * tree from the index's cache-tree, make the commit object, and move HEAD only if it is still where it was.
 * `git commit` first lstat()s every tracked file to refresh the index: 70 ms of 140 at 10,000
 * cases, and the one part of an append that grows with the register (docs/performance.md).
 */
async function commitWithPlumbing(spec: CommitSpec, env: Record<string, string>, message: string, head: string): Promise<void> {
  const tree = (await gitOutputRetrying(spec.cwd, ['write-tree'], env)).trim();
  const commit = (await withIdentityFallback(spec, (identity) => git(spec.cwd, [...identity, 'commit-tree', tree, '-p', head, '-F', '-'], { env, input: message }))).stdout.trim();
  // With the old value given, update-ref refuses if anyone moved HEAD meanwhile (a plain `git
  // commit` run beside evenhand): the entry stays staged and the error says so.
  try {
    await gitRetrying(spec.cwd, ['update-ref', '-m', `commit: ${spec.subject}`, 'HEAD', commit, head], env);
  } catch (err) {
    if (!(err instanceof GitError && MOVED.test(err.result.stderr))) throw err;
    // A `git commit` run by hand meanwhile commits whatever is staged, our entry included.
    const taken = (await git(spec.cwd, ['cat-file', '-e', `HEAD:./${spec.paths[0]}`], { allowFailure: true })).code === 0;
    const other = (await git(spec.cwd, ['log', '-1', '--format=%h "%s"'], { allowFailure: true })).stdout.trim();
    if (taken)
      throw new UserError(
        `another commit (${other}) landed while the entry was being recorded and took ${spec.paths[0]} with it: the entry is in the history, but not in a commit of its own`,
        EXIT.findings,
        '`evenhand audit` will report that commit; do not record the entry again',
      );
    throw new UserError(`another commit (${other}) landed in this repository while the entry was being recorded, so nothing was recorded`, EXIT.findings, 'run the same command again');
  }
}

/** update-ref's answer when HEAD is no longer the commit it was told to expect. */
const MOVED = /but expected|is at [0-9a-f]+ but/;

/**
 * `git commit` runs `git maintenance run --auto` after every commit to pack loose objects; the
 * plumbing does not. Asking git each time costs a process, so ask only when git's own estimate
 * (loose objects in objects/17, about 1/256 of them) says its default threshold may be near.
 */
async function maybeAutoMaintenance(cwd: string, gitDir: string): Promise<void> {
  let common = gitDir;
  try {
    common = resolve(gitDir, (await readFile(join(gitDir, 'commondir'), 'utf8')).trim());
  } catch {
    /* not a linked worktree */
  }
  const loose = await readdir(join(common, 'objects', '17')).catch(() => [] as string[]);
  if (loose.length > 20) await git(cwd, ['maintenance', 'run', '--auto', '--quiet'], { allowFailure: true });
}
