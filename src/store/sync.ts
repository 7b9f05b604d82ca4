// Many offices, one register (Humberside 11.b: one register for the OPCC, the force and partners).
// `evenhand sync` fetches, rebases the local entry commits onto the shared branch and pushes,
// retrying when another office pushed first. Every entry is a new file with a unique id, so the
// rebase never conflicts; when it does, someone edited a file by hand: the rebase is undone and
// the user told what to do. Design: docs/decisions/0005-audit-and-sync.md.
import { join } from 'node:path';
import { git, hasCommits, repoRoot, type GitResult } from './git.js';
import { gitDirOf } from './commit.js';
import { withLock } from './lock.js';
import { assertReadyToCommit } from './repo-state.js';
import { UserError, EXIT } from '../domain/errors.js';

export const SYNC_ATTEMPTS = 5;

export interface SyncOptions {
  remote?: string;
  attempts?: number;
  /** Injected for tests; defaults to a real timer and Math.random. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each retry, so the command can say why it waits. */
  onRetry?: (attempt: number, waitMs: number, why: string) => void;
}

export interface SyncResult {
  remote: string;
  branch: string;
  remoteBranch: string;
  /** Commits that came from the remote. */
  pulled: number;
  /** Local commits pushed. */
  pushed: number;
  attempts: number;
  /** The remote had no such branch: this sync created it. */
  created: boolean;
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** git's ways of saying "someone else pushed first". */
const PUSH_RACE =
  /\[rejected\]|non-fast-forward|fetch first|failed to update ref|failed to lock|cannot lock ref|stale info|but expected|incorrect old value/i;

function firstLines(r: GitResult): string {
  return (r.stderr.trim() || r.stdout.trim()).split('\n').slice(0, 4).join(' / ');
}

async function currentBranch(root: string): Promise<string> {
  const r = await git(root, ['symbolic-ref', '--short', '-q', 'HEAD'], { allowFailure: true });
  const b = r.stdout.trim();
  if (r.code !== 0 || !b)
    throw new UserError('HEAD is detached: sync needs a branch to share', EXIT.usage, 'switch to the register branch first, e.g. `git switch main`');
  return b;
}

async function chooseRemote(root: string, branch: string, wanted?: string): Promise<{ remote: string; remoteBranch: string; hasUpstream: boolean }> {
  const remotes = (await git(root, ['remote'])).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  if (remotes.length === 0)
    throw new UserError(
      'this register has no remote to sync with',
      EXIT.usage,
      'add the shared repository once: `git remote add origin <url>`, then run `evenhand sync`',
    );
  const cfg = async (key: string) => (await git(root, ['config', '--get', key], { allowFailure: true })).stdout.trim();
  const upstreamRemote = await cfg(`branch.${branch}.remote`);
  const upstreamMerge = (await cfg(`branch.${branch}.merge`)).replace(/^refs\/heads\//, '');
  let remote = wanted;
  if (remote !== undefined) {
    if (!remotes.includes(remote)) throw new UserError(`no remote called "${remote}"`, EXIT.usage, `remotes here: ${remotes.join(', ')}`);
  } else if (upstreamRemote && remotes.includes(upstreamRemote)) remote = upstreamRemote;
  else if (remotes.length === 1) remote = remotes[0];
  else if (remotes.includes('origin')) remote = 'origin';
  else
    throw new UserError(
      `branch ${branch} has no upstream and there are several remotes (${remotes.join(', ')})`,
      EXIT.usage,
      'say which one: `evenhand sync --remote <name>`',
    );
  const hasUpstream = remote === upstreamRemote && upstreamMerge !== '';
  return { remote, remoteBranch: hasUpstream ? upstreamMerge : branch, hasUpstream };
}

/** Refuse to rebase over uncommitted work: it is not ours to move. */
async function assertClean(root: string, registerPrefix: string, gitDir: string): Promise<void> {
  // The same test every write command makes (src/store/repo-state.ts): detached HEAD, a rebase,
  // merge, cherry-pick, revert or bisect in progress.
  assertReadyToCommit(gitDir, 'nothing was synced');
  const r = await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  const inRegister: string[] = [];
  const elsewhere: string[] = [];
  const tokens = r.stdout.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.length < 4) continue;
    const xy = t.slice(0, 2);
    const path = t.slice(3);
    if (xy[0] === 'R' || xy[0] === 'C') i++; // the source path follows a rename
    const inside = path.startsWith(registerPrefix);
    const rel = inside ? path.slice(registerPrefix.length) : path;
    // Untracked files count only where the register's data lives (a reply.txt kept beside it does not).
    if (xy !== '??') (inside ? inRegister : elsewhere).push(rel);
    else if (inside && /^(cases|candidates)\/|^register\.yaml$/.test(rel)) inRegister.push(rel);
  }
  if (inRegister.length > 0) {
    const shown = inRegister.slice(0, 8).join(', ') + (inRegister.length > 8 ? ` and ${inRegister.length - 8} more` : '');
    throw new UserError(
      `the register has uncommitted changes (${shown}); nothing was synced`,
      EXIT.findings,
      'entries are committed by evenhand as they are recorded: `evenhand check` says what each file is (`evenhand recover` commits an entry an interrupted command left; an edited entry is put back with `git restore <file>`), then sync',
    );
  }
  if (elsewhere.length > 0)
    throw new UserError(
      `the repository has uncommitted changes outside the register (${elsewhere.slice(0, 5).join(', ')}${elsewhere.length > 5 ? ', …' : ''}); nothing was synced`,
      EXIT.usage,
      'commit or stash them (`git stash`), run `evenhand sync`, then `git stash pop`',
    );
}

async function revCount(root: string, range: string): Promise<number> {
  return Number((await git(root, ['rev-list', '--count', range])).stdout.trim());
}

/** Commits the remote brought: new in HEAD since the sync began, leaving out our own rebased ones (same patch). */
async function countPulled(root: string, startHead: string): Promise<number> {
  return Number((await git(root, ['rev-list', '--count', '--right-only', '--cherry-pick', `${startHead}...HEAD`])).stdout.trim());
}

async function revParse(root: string, ref: string): Promise<string | null> {
  const r = await git(root, ['rev-parse', '--verify', '-q', `${ref}^{commit}`], { allowFailure: true });
  return r.code === 0 ? r.stdout.trim() : null;
}

/**
 * Fetch the shared branch, and accept it only when it still holds everything this clone had from
 * it (the remote-tracking commit): a force-pushed rewrite would otherwise be rebased onto and its
 * dropped entries pushed back as this office's own (issue 10). The fetch lands in a ref of
 * evenhand's own, so a refused one leaves the remote-tracking ref, HEAD and the work tree as they were.
 */
export async function fetchFastForward(root: string, remote: string, remoteBranch: string, tracking: string): Promise<{ exists: boolean }> {
  const shown = `${remote}/${remoteBranch}`;
  const previous = await revParse(root, tracking);
  const landing = `refs/evenhand/fetch/${remote}/${remoteBranch}`;
  // --refmap= : without it git also moves the remote-tracking ref ("opportunistic update"), rewrite or not.
  const fetched = await git(root, ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--refmap=', remote, `+refs/heads/${remoteBranch}:${landing}`], { allowFailure: true });
  try {
    if (fetched.code !== 0) {
      if (!/couldn't find remote ref/i.test(fetched.stderr))
        throw new UserError(`cannot fetch from ${remote}: ${firstLines(fetched)}`, EXIT.findings, `check the network and that \`git fetch ${remote}\` works, then run evenhand sync again`);
      if (previous)
        throw rewritten(shown, previous, null, await lostCommits(root, previous, null));
      return { exists: false };
    }
    const tip = (await revParse(root, landing))!;
    if (previous && previous !== tip) {
      const kept = await git(root, ['merge-base', '--is-ancestor', previous, tip], { allowFailure: true });
      if (kept.code !== 0) throw rewritten(shown, previous, tip, await lostCommits(root, previous, tip));
    }
    await git(root, ['update-ref', '-m', `evenhand sync: fetch ${shown}`, tracking, tip]);
    return { exists: true };
  } finally {
    await git(root, ['update-ref', '-d', landing], { allowFailure: true });
  }
}

/** The commits this clone had from the remote that its branch no longer holds: short id and subject, oldest first. */
async function lostCommits(root: string, previous: string, tip: string | null): Promise<string[]> {
  const range = tip ? [previous, '--not', tip] : [previous];
  const r = await git(root, ['log', '--reverse', '--format=%h %s', ...range, '--'], { allowFailure: true });
  return r.stdout.split('\n').filter(Boolean);
}

function rewritten(shown: string, previous: string, tip: string | null, lost: string[]): UserError {
  const list = lost.slice(0, 20).map((l) => `\n  ${l}`).join('') + (lost.length > 20 ? `\n  … and ${lost.length - 20} more` : '');
  const what = tip
    ? `${shown} no longer holds ${lost.length} commit${lost.length === 1 ? '' : 's'} this clone had from it: its history was rewritten (a force-push) from ${previous.slice(0, 7)} to ${tip.slice(0, 7)}`
    : `${shown} is gone from the remote, with the ${lost.length} commit${lost.length === 1 ? '' : 's'} this clone had from it`;
  const compare = tip ? `git log --oneline --left-right ${previous.slice(0, 7)}...${tip.slice(0, 7)}` : `git log --oneline ${previous.slice(0, 7)}`;
  return new UserError(
    `${what}. Nothing was changed here: no rebase, no push, and ${shown} still points at ${previous.slice(0, 7)}. Missing:${list}`,
    EXIT.findings,
    `the register is append-only: find out who rewrote ${shown} and why before syncing again. The missing commits are safe in this clone; \`${compare}\` shows what differs. ` +
      'Protect the shared branch against force-pushes (receive.denyNonFastForwards, or branch protection: docs/github-actions.md)',
  );
}

/**
 * Rebase the local commits onto upstream. git keeps each commit's author date (the instant the entry
 * was recorded, which audit compares with recorded_at) and gives it today's commit date: the moment
 * it joined the shared history, so commit dates stay in order (docs/decisions/0012-history-anchors.md).
 */
async function rebaseOnto(root: string, upstream: string, remoteBranchName: string): Promise<void> {
  const r = await git(root, ['-c', 'rebase.autoStash=false', 'rebase', '--quiet', '--no-autosquash', upstream], {
    allowFailure: true,
  });
  if (r.code === 0) return;
  const conflicted = (await git(root, ['diff', '--name-only', '--diff-filter=U'], { allowFailure: true })).stdout.split('\n').filter(Boolean);
  await git(root, ['rebase', '--abort'], { allowFailure: true });
  if (conflicted.length === 0)
    throw new UserError(
      `could not put your local commits after ${remoteBranchName}: ${firstLines(r)}. The rebase was undone and nothing was pushed`,
      EXIT.findings,
      'do what git asks above (for example move an untracked file out of the way), then run `evenhand sync` again',
    );
  throw new UserError(
    `your local commits conflict with ${remoteBranchName} in ${conflicted.join(', ')}: both sides changed the same file. ` +
      'The rebase was undone; your repository is as it was and nothing was pushed',
    EXIT.findings,
    `evenhand never edits an entry file, so one was edited by hand: see who with \`git log ${upstream} -- ${conflicted[0]}\`. ` +
      `Resolve it with \`git rebase ${upstream}\`, fix each file, \`git add\` it, \`git rebase --continue\`, then \`evenhand sync\` and \`evenhand audit\``,
  );
}

export async function syncWithRemote(registerDir: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const root = await repoRoot(registerDir);
  if (!root) throw new UserError(`the register at ${registerDir} is not in a git repository`, EXIT.usage, 'registers are created by `evenhand init`, which runs git init');
  if (!(await hasCommits(root))) throw new UserError('nothing to sync: this repository has no commits yet', EXIT.usage, 'create the register with `evenhand init` first');
  const gitDir = await gitDirOf(root);
  const prefix = (await git(registerDir, ['rev-parse', '--show-prefix'])).stdout.trim();
  assertReadyToCommit(gitDir, 'nothing was synced');
  const branch = await currentBranch(root);
  const { remote, remoteBranch, hasUpstream } = await chooseRemote(root, branch, opts.remote);
  const tracking = `refs/remotes/${remote}/${remoteBranch}`;
  const shown = `${remote}/${remoteBranch}`;
  const attempts = opts.attempts ?? SYNC_ATTEMPTS;
  const sleep = opts.sleep ?? sleepReal;
  const random = opts.random ?? Math.random;
  const lockPath = join(gitDir, 'evenhand.lock');

  await assertClean(root, prefix, gitDir);
  const startHead = (await git(root, ['rev-parse', 'HEAD'])).stdout.trim();
  let lastRace = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const { exists: remoteExists } = await fetchFastForward(root, remote, remoteBranch, tracking);

    let pushed = 0;
    if (remoteExists) {
      // The same lock as evenhand's writes (src/store/commit.ts): no entry is committed mid-rebase.
      await withLock(lockPath, async () => {
        await assertClean(root, prefix, gitDir);
        const [ahead, behind] = (await git(root, ['rev-list', '--left-right', '--count', `HEAD...${tracking}`])).stdout.trim().split(/\s+/).map(Number);
        if (behind > 0) {
          if (ahead === 0) await git(root, ['merge', '--quiet', '--ff-only', tracking]);
          else await rebaseOnto(root, tracking, shown);
        }
      });
      pushed = await revCount(root, `${tracking}..HEAD`);
      if (pushed === 0) {
        if (!hasUpstream) await git(root, ['branch', `--set-upstream-to=${shown}`], { allowFailure: true });
        return { remote, branch, remoteBranch, pulled: await countPulled(root, startHead), pushed: 0, attempts: attempt, created: false };
      }
    } else pushed = await revCount(root, 'HEAD');

    const p = await git(root, ['push', '--quiet', '--porcelain', remote, `HEAD:refs/heads/${remoteBranch}`], { allowFailure: true });
    if (p.code === 0) {
      if (!hasUpstream) await git(root, ['branch', `--set-upstream-to=${shown}`], { allowFailure: true });
      const pulled = remoteExists ? await countPulled(root, startHead) : 0;
      return { remote, branch, remoteBranch, pulled, pushed, attempts: attempt, created: !remoteExists };
    }
    const why = `${p.stdout}\n${p.stderr}`;
    if (!PUSH_RACE.test(why))
      throw new UserError(`cannot push to ${remote}: ${firstLines(p)}`, EXIT.findings, `check that you may push to ${remote} (\`git push ${remote}\`), then run evenhand sync again`);
    lastRace = firstLines(p);
    if (attempt < attempts) {
      // Another office pushed between our fetch and our push: back off (with jitter, so two
      // offices retrying do not collide again) and go round.
      const wait = Math.round(150 * 2 ** (attempt - 1) * (0.5 + random()));
      opts.onRetry?.(attempt, wait, lastRace);
      await sleep(wait);
    }
  }
  throw new UserError(
    `other offices kept pushing to ${shown} first; gave up after ${attempts} attempts. Your entries are committed here and nothing is lost`,
    EXIT.findings,
    `run \`evenhand sync\` again in a moment${lastRace ? ` (git said: ${lastRace})` : ''}`,
  );
}
