// Is this repository in a state where a new commit lands on the branch, alone? A commit made on a
// detached HEAD is lost when the user switches back (only the reflog keeps it); one made during a
// rebase, merge, cherry-pick or revert is mixed into that operation, or replayed, dropped or
// squashed by it; one made during a bisect lands on whatever commit is being tested. Every write
// command and `sync` ask here first (issue 10). Decided by reading a few files in the git folder,
// not by running git: the append path is benchmarked (docs/decisions/0008, 0010).
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError, EXIT } from '../domain/errors.js';

/**
 * The git folder of the repository holding `cwd`, found by walking up (a `.git` folder, or a `.git`
 * file naming the folder, as in linked worktrees and submodules), or null when there is none.
 */
export async function findGitDir(cwd: string): Promise<string | null> {
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
    if (dirname(dir) === dir) return null;
  }
}

/** The git folder holding `cwd`, or a clear refusal: a register outside git has no audit trail. */
export async function requireGitDir(registerDir: string): Promise<string> {
  const dir = await findGitDir(registerDir);
  if (dir) return dir;
  throw new UserError(
    `the register at ${registerDir} is not in a git repository, so nothing can be recorded: every entry is kept as a git commit (its audit trail); nothing was written`,
    EXIT.findings,
    `make it one: \`git -C ${registerDir} init\` then commit the register (\`git add -A && git commit -m "register"\`); a new register made by \`evenhand init\` is set up this way`,
  );
}

/** Shared folders (objects, refs, bisect state) of a linked worktree live in its common dir. */
function commonDirOf(gitDir: string): string {
  try {
    return resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    return gitDir;
  }
}

export interface BlockingState {
  /** What the repository is doing, in words. */
  state: string;
  /** Exactly how to leave that state. */
  leave: string;
}

/**
 * Why a commit now would be lost or mixed into something else, or null when the branch is ready.
 * Each test is one stat or one small read in the git folder.
 */
export function blockingState(gitDir: string): BlockingState | null {
  const has = (f: string) => existsSync(join(gitDir, f));
  const common = commonDirOf(gitDir);
  if (has('rebase-merge') || has('rebase-apply')) {
    const interactive = has('rebase-merge/interactive');
    const am = has('rebase-apply/applying');
    if (am)
      return {
        state: 'a `git am` (applying patches) is in progress',
        leave: 'finish it with `git am --continue` (or `git am --skip`), or give it up with `git am --abort`, then run the command again',
      };
    return {
      state: `a git rebase${interactive ? ' (interactive, stopped part-way)' : ''} is in progress, and a commit now would be replayed, squashed or dropped by it`,
      leave: 'finish it with `git rebase --continue` (after fixing what `git status` shows), or undo it with `git rebase --abort`, then run the command again',
    };
  }
  if (has('MERGE_HEAD'))
    return {
      state: 'a git merge is in progress, and a commit now would become the merge',
      leave: 'finish it with `git commit` once the conflicts are resolved (`git status` lists them), or undo it with `git merge --abort`, then run the command again',
    };
  if (has('CHERRY_PICK_HEAD') || has('sequencer/todo'))
    return {
      state: 'a git cherry-pick is in progress',
      leave: 'finish it with `git cherry-pick --continue`, or undo it with `git cherry-pick --abort`, then run the command again',
    };
  if (has('REVERT_HEAD'))
    return {
      state: 'a git revert is in progress',
      leave: 'finish it with `git revert --continue`, or undo it with `git revert --abort`, then run the command again',
    };
  if (has('BISECT_LOG') || existsSync(join(common, 'BISECT_LOG')))
    return {
      state: 'a git bisect is in progress, so HEAD is whichever old commit is being tested',
      leave: 'end it with `git bisect reset` (which goes back to your branch), then run the command again',
    };
  let head = '';
  try {
    head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
  } catch {
    return { state: `${gitDir}/HEAD cannot be read`, leave: 'check the repository with `git status`' };
  }
  if (!head.startsWith('ref:')) {
    const branch = branchLeft(gitDir);
    return {
      state: `HEAD is detached (at ${head.slice(0, 12)}), so a commit now would belong to no branch and be lost when you switch back`,
      leave: branch
        ? `go back to the branch you left: \`git switch ${branch}\` (\`git branch\` lists them), then run the command again`
        : 'go back to the register\'s branch first, e.g. `git switch main` (`git branch` lists them), then run the command again',
    };
  }
  return null;
}

/** The branch HEAD was detached from, from HEAD's reflog (read only when refusing). */
function branchLeft(gitDir: string): string | undefined {
  try {
    const log = readFileSync(join(gitDir, 'logs', 'HEAD'), 'utf8');
    const moves = [...log.matchAll(/\tcheckout: moving from (\S+) to \S+$/gm)];
    for (let i = moves.length - 1; i >= 0; i--) if (!/^[0-9a-f]{40,64}$/.test(moves[i][1])) return moves[i][1];
  } catch {
    /* no reflog */
  }
  return undefined;
}

/** Refuse (exit 1, naming the state and the way out) when a commit now would be lost or mixed. */
export function assertReadyToCommit(gitDir: string, what = 'nothing was written'): void {
  const blocked = blockingState(gitDir);
  if (blocked) throw new UserError(`${blocked.state}; ${what}`, EXIT.findings, blocked.leave);
}

/** The check every write command makes before it writes anything: in git, on a branch, nothing in progress. */
export async function assertRegisterWritable(registerDir: string): Promise<string> {
  const gitDir = await requireGitDir(registerDir);
  assertReadyToCommit(gitDir);
  return gitDir;
}

/** An operating-system refusal to write (read-only folder, no permission, full disk) as a clear error. */
export function writeRefusal(err: unknown, where: string): UserError | null {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const path = (err as NodeJS.ErrnoException | undefined)?.path ?? where;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new UserError(
      `cannot write ${path}: ${code === 'EROFS' ? 'the file system is read-only' : 'permission denied (the folder is read-only for you)'}; nothing was recorded`,
      EXIT.findings,
      `evenhand needs to write in the register folder and in its .git folder: check their permissions (\`ls -ld ${dirname(path)}\`) or run as the user who owns the register`,
    );
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new UserError(`cannot write ${path}: the disk is full; nothing was recorded`, EXIT.findings, 'free some space, then run the command again');
  return null;
}
