// Reading the register's git history for `evenhand audit`: ONE `git log` process over the whole
// history, parsed in one linear pass (never one git process per file), so a register of 10,000
// cases audits in seconds (issue 5; docs/decisions/0005-audit-and-sync.md).
import { randomBytes } from 'node:crypto';
import { git, hasCommits, repoRoot } from './git.js';
import { UserError, EXIT } from '../domain/errors.js';
import type { FileChange, HistoryCommit } from '../domain/audit.js';
import type { AnchorFacts } from '../domain/anchors.js';

export interface ReadHistoryOptions {
  /** Only commits after this revision (`<rev>..HEAD`). */
  since?: string;
  /** Ask git for each commit's signature status (%G?). This runs gpg per signed commit, so only on request. */
  signatures?: boolean;
}

/** Field and record separators carry a per-run nonce, so no commit message or file name can forge them. */
function markers(): { field: string; record: string; end: string } {
  const nonce = randomBytes(6).toString('hex');
  return { field: `\x1f${nonce}\x1f`, record: `\x1e${nonce}\x1e`, end: `\x1d${nonce}\x1d` };
}

const FIELDS = ['%H', '%P', '%an', '%ae', '%aI', '%cI', '%G?', '%s', '%b'] as const;

function logFormat(m: ReturnType<typeof markers>, signatures: boolean): string {
  const esc = (s: string) => s.replace(/[\x1d\x1e\x1f]/g, (c) => `%x${c.charCodeAt(0).toString(16)}`);
  const fields = FIELDS.map((f) => (f === '%G?' && !signatures ? '' : f));
  return `${esc(m.record)}${fields.join(esc(m.field))}${esc(m.end)}`;
}

/**
 * Parse `git log -z --name-status` output made with logFormat. Pure and linear in the size of the
 * text: split on the record marker, then on the end marker; what follows the end marker is the
 * NUL-separated list of `status, path` pairs.
 */
export function parseLog(text: string, m: { field: string; record: string; end: string }): HistoryCommit[] {
  const commits: HistoryCommit[] = [];
  const chunks = text.split(m.record);
  for (let i = 1; i < chunks.length; i++) {
    const chunk = chunks[i];
    const endAt = chunk.indexOf(m.end);
    if (endAt < 0) throw new Error('unexpected git log output (no end marker)');
    const f = chunk.slice(0, endAt).split(m.field);
    if (f.length !== FIELDS.length) throw new Error(`unexpected git log output (${f.length} fields)`);
    const [sha, parents, authorName, authorEmail, authorDate, commitDate, signature, subject, body] = f;
    const changes: FileChange[] = [];
    const tokens = chunk.slice(endAt + m.end.length).split('\0');
    let t = 0;
    while (t < tokens.length) {
      const status = tokens[t].replace(/^\n+/, '');
      if (status === '') {
        t++;
        continue;
      }
      const path = tokens[t + 1];
      if (path === undefined) break;
      changes.push({ status, path });
      t += 2;
    }
    commits.push({
      sha,
      parents: parents ? parents.split(' ') : [],
      authorName,
      authorEmail,
      authorDate,
      commitDate,
      signature: signature || undefined,
      subject,
      body,
      changes,
    });
  }
  return commits;
}

/**
 * Make sure the clone holds the whole history. A shallow clone (CI's default) shows its oldest
 * commit adding every file at once: auditing it would be a partial, misleading trail. Try to
 * deepen it; if that fails, refuse.
 */
export async function ensureFullHistory(dir: string): Promise<{ deepened: boolean }> {
  const isShallow = async () => (await git(dir, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  if (!(await isShallow())) return { deepened: false };
  const fetched = await fetchWholeHistory(dir);
  if (!(await isShallow())) return { deepened: true };
  const why = (fetched.stderr.trim().split('\n').pop() ?? '').trim();
  throw new UserError(
    `this clone is shallow: it holds only the latest part of the history, so the audit trail would be incomplete; ` +
      `\`git fetch --unshallow\` failed${why ? ` (${why})` : ''}`,
    EXIT.findings,
    'fetch the full history with `git fetch --unshallow` from a remote that has it (in GitHub Actions, use actions/checkout with `fetch-depth: 0`), then run evenhand audit again',
  );
}

/**
 * `git fetch --unshallow` from the branch's remote, landing in refs of evenhand's own that are then
 * dropped: the remote-tracking refs stay where they were, so a force-pushed rewrite is never taken
 * in by this fetch (`evenhand sync` compares them with what it fetches: src/store/sync.ts).
 */
async function fetchWholeHistory(dir: string) {
  const remotes = (await git(dir, ['remote'])).stdout.split('\n').filter(Boolean);
  const branch = (await git(dir, ['symbolic-ref', '--short', '-q', 'HEAD'], { allowFailure: true })).stdout.trim();
  const upstream = branch ? (await git(dir, ['config', '--get', `branch.${branch}.remote`], { allowFailure: true })).stdout.trim() : '';
  const remote = remotes.includes(upstream) ? upstream : remotes.includes('origin') ? 'origin' : remotes[0];
  if (!remote) return { code: 1, stdout: '', stderr: 'no remote to fetch the history from' };
  const landing = 'refs/evenhand/unshallow';
  const r = await git(dir, ['fetch', '--quiet', '--unshallow', '--no-tags', '--no-write-fetch-head', '--refmap=', remote, `refs/heads/*:${landing}/*`], { allowFailure: true });
  const refs = (await git(dir, ['for-each-ref', '--format=delete %(refname)', `${landing}/`], { allowFailure: true })).stdout;
  if (refs.trim()) await git(dir, ['update-ref', '--stdin'], { input: refs, allowFailure: true });
  return r;
}

/** Every commit of HEAD's history, oldest first, with the files each changed in the register folder (paths relative to it). */
export async function readHistory(registerDir: string, opts: ReadHistoryOptions = {}): Promise<HistoryCommit[]> {
  if (!(await repoRoot(registerDir)))
    throw new UserError(`the register at ${registerDir} is not in a git repository, so it has no audit trail`, EXIT.findings, 'registers are created by `evenhand init`, which runs git init');
  if (!(await hasCommits(registerDir))) return [];
  const m = markers();
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    '--reverse',
    // Parents before children even when clones merged: an entry's adding commit comes before any change to it.
    '--topo-order',
    // A rename is a delete and an add: both count.
    '--no-renames',
    // A merge shows only what it changed itself (an "evil merge"), not what it brought in.
    '--diff-merges=dense-combined',
    '--name-status',
    // Run in the register folder: only its files, with paths relative to it. Deliberately no
    // pathspec: a pathspec makes git three times slower on a 10,000-case register and brings
    // history simplification, which could hide a side branch that added and removed a file.
    '--relative',
    '-z',
    '--no-color',
    '--no-show-signature',
    `--format=${logFormat(m, Boolean(opts.signatures))}`,
  ];
  if (opts.since) args.push(`${opts.since}..HEAD`);
  args.push('--');
  const r = await git(registerDir, args, { allowFailure: true });
  if (r.code !== 0) {
    if (opts.since && /unknown revision|bad revision|ambiguous argument/.test(r.stderr))
      throw new UserError(`--since ${opts.since}: no such commit or revision in this repository`, EXIT.usage, 'give a commit id, tag or branch, e.g. --since v1 or --since HEAD~10');
    throw new Error(`git log failed (exit ${r.code}): ${r.stderr.trim()}`);
  }
  // Commits that touched nothing in the register (code commits, when it lives in a larger repository)
  // are kept, without changes: the audit follows dates and ancestry through them.
  return parseLog(r.stdout, m);
}

/**
 * The last commit that touched the register folder (not HEAD: a register kept inside a larger
 * repository gets the same answer whatever else is committed), or null outside git or before the
 * first commit. A published log carries it (docs/decisions/0012-history-anchors.md).
 */
export async function registerCommit(registerDir: string): Promise<string | null> {
  const r = await git(registerDir, ['log', '-1', '--format=%H', '--', '.'], { allowFailure: true });
  return r.code === 0 && /^[0-9a-f]{40,64}$/.test(r.stdout.trim()) ? r.stdout.trim() : null;
}

/** What git says about a published log's commit (src/domain/anchors.ts): a few git processes, whatever the register's size. */
export async function anchorFacts(registerDir: string, commit: string): Promise<AnchorFacts> {
  const exists = (await git(registerDir, ['cat-file', '-e', `${commit}^{commit}`], { allowFailure: true })).code === 0;
  if (!exists) return { exists: false, inHistory: false };
  const ancestor = await git(registerDir, ['merge-base', '--is-ancestor', commit, 'HEAD'], { allowFailure: true });
  if (ancestor.code !== 0) {
    // Commits only it holds, less those HEAD holds again with the same change (moved by a rebase).
    const lost = await git(registerDir, ['log', '--reverse', '--format=%h %s', '--cherry-pick', '--right-only', `HEAD...${commit}`, '--', '.'], { allowFailure: true });
    return { exists, inHistory: false, lost: lost.stdout.split('\n').filter(Boolean) };
  }
  // Run in the register folder: ls-tree and diff --relative give paths relative to it, and only its files.
  const [date, tree, diff] = await Promise.all([
    git(registerDir, ['log', '-1', '--format=%cI', commit]),
    git(registerDir, ['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--name-only', commit, '--', '.']),
    git(registerDir, ['-c', 'core.quotePath=false', 'diff', '--name-status', '--no-renames', '--no-ext-diff', '-z', '--relative', commit, 'HEAD']),
  ]);
  const tokens = diff.stdout.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 2) if (tokens[i]) changes.push({ status: tokens[i], path: tokens[i + 1] });
  return { exists, inHistory: true, date: date.stdout.trim(), files: tree.stdout.split('\0').filter(Boolean), changes };
}
