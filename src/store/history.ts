// Reading the register's git history for `evenhand audit`: ONE `git log` process over the whole
// history (or what is new since a cached audit), streamed and parsed a record at a time (never one
// git process per file, never the whole output in memory), so a register of 100,000 cases audits
// in bounded memory (issue 5, issue 14; docs/decisions/0005-audit-and-sync.md, 0027-incremental-audit.md).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { git, gitStream, repoRoot } from './git.js';
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

type Markers = ReturnType<typeof markers>;

/**
 * Parses `git log -z --name-status` output made with logFormat as it arrives, a record at a time,
 * straight from the bytes: each field is decoded on its own, so no string holds (or, as a slice,
 * keeps alive) the whole output. A record is complete when the next record marker (or the end)
 * is seen; a record longer than a chunk (a commit adding thousands of files) is joined once.
 */
export class LogParser {
  private readonly rec: Buffer;
  private readonly field: Buffer;
  private readonly end: Buffer;
  /** Bytes of the record in progress, and the last few bytes seen (a marker may straddle chunks). */
  private parts: Buffer[] = [];
  private tail = Buffer.alloc(0);
  /** Author names and emails repeat in every commit: one string each. */
  private readonly names = new Map<string, string>();

  constructor(m: Markers) {
    this.rec = Buffer.from(m.record);
    this.field = Buffer.from(m.field);
    this.end = Buffer.from(m.end);
  }

  /** Feed a chunk of output; returns the commits it completed. */
  push(chunk: Buffer): HistoryCommit[] {
    const probe = Buffer.concat([this.tail, chunk]);
    this.tail = probe.subarray(Math.max(0, probe.length - (this.rec.length - 1)));
    this.tail = Buffer.from(this.tail);
    // The marker can only be found at or after the start of the probe; none there: nothing completes.
    if (probe.indexOf(this.rec) < 0) {
      this.parts.push(chunk);
      return [];
    }
    const all = Buffer.concat([...this.parts, chunk]);
    const out: HistoryCommit[] = [];
    let at = all.indexOf(this.rec);
    for (;;) {
      const next = all.indexOf(this.rec, at + this.rec.length);
      if (next < 0) break;
      out.push(this.record(all, at + this.rec.length, next));
      at = next;
    }
    this.parts = [Buffer.from(all.subarray(at))];
    return out;
  }

  /** The end of the output: the last record. */
  finish(): HistoryCommit[] {
    const all = Buffer.concat(this.parts);
    this.parts = [];
    const at = all.indexOf(this.rec);
    return at < 0 ? [] : [this.record(all, at + this.rec.length, all.length)];
  }

  private intern(s: string): string {
    const known = this.names.get(s);
    if (known !== undefined) return known;
    if (this.names.size < 10_000) this.names.set(s, s);
    return s;
  }

  /** One record: the fields up to the end marker, then NUL-separated `status, path` pairs. */
  private record(buf: Buffer, from: number, to: number): HistoryCommit {
    const endAt = buf.indexOf(this.end, from);
    if (endAt < 0 || endAt > to) throw new Error('unexpected git log output (no end marker)');
    const f: string[] = [];
    for (let a = from; ; ) {
      const b = buf.indexOf(this.field, a);
      if (b < 0 || b > endAt) {
        f.push(buf.toString('utf8', a, endAt));
        break;
      }
      f.push(buf.toString('utf8', a, b));
      a = b + this.field.length;
    }
    if (f.length !== FIELDS.length) throw new Error(`unexpected git log output (${f.length} fields)`);
    const [sha, parents, authorName, authorEmail, authorDate, commitDate, signature, subject, body] = f;
    const changes: FileChange[] = [];
    let status: string | undefined;
    for (let t = endAt + this.end.length; t < to; ) {
      let z = buf.indexOf(0, t);
      if (z < 0 || z > to) z = to;
      const token = buf.toString('utf8', t, z);
      t = z + 1;
      if (status === undefined) {
        const st = token.replace(/^\n+/, '');
        if (st !== '') status = st;
      } else {
        changes.push({ status, path: token });
        status = undefined;
      }
    }
    return {
      sha,
      parents: parents ? parents.split(' ') : [],
      authorName: this.intern(authorName),
      authorEmail: this.intern(authorEmail),
      authorDate,
      commitDate,
      signature: signature || undefined,
      subject,
      body,
      changes,
    };
  }
}

/** Parse a whole `git log -z --name-status` output made with logFormat (tests; the audit streams). */
export function parseLog(text: string, m: Markers): HistoryCommit[] {
  const parser = new LogParser(m);
  return [...parser.push(Buffer.from(text)), ...parser.finish()];
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

/** The commit HEAD names, or null before the first commit. Throws outside git. */
export async function headCommit(registerDir: string): Promise<string | null> {
  if (!(await repoRoot(registerDir)))
    throw new UserError(`the register at ${registerDir} is not in a git repository, so it has no audit trail`, EXIT.findings, 'registers are created by `evenhand init`, which runs git init');
  const r = await git(registerDir, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { allowFailure: true });
  return r.code === 0 ? r.stdout.trim() : null;
}

/** git settings that bound the memory of a walk over the whole history (see streamHistory). */
export const PACK_MEMORY = ['-c', 'core.packedGitWindowSize=16m', '-c', 'core.packedGitLimit=64m', '-c', 'core.deltaBaseCacheLimit=32m'];

/**
 * Every commit of `tip`'s history (after `since`, when given: `<since>..<tip>`), oldest first, with
 * the files each changed in the register folder (paths relative to it), handed to `onCommits` a
 * batch at a time as git writes them. While the promise `onCommits` returns is pending, git is
 * held back (nothing more is read), so memory stays bounded whatever the size of the history.
 */
export async function streamHistory(
  registerDir: string,
  tip: string,
  opts: ReadHistoryOptions,
  onCommits: (batch: HistoryCommit[]) => void | Promise<void>,
): Promise<void> {
  const m = markers();
  const args = [
    '-c',
    'core.quotePath=false',
    // git maps its pack in windows of up to 1 GiB and counts every page it touched: at 100,000 cases
    // that made `git log` 785 MiB resident, over the audit's memory target on its own. Small
    // windows under a small limit (and a smaller delta cache) cost no measurable time (ADR 0035).
    ...PACK_MEMORY,
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
    opts.since ? `${opts.since}..${tip}` : tip,
    '--',
  ];
  const { stdout, done } = gitStream(registerDir, args);
  const parser = new LogParser(m);
  try {
    // Commits that touched nothing in the register (code commits, when it lives in a larger repository)
    // are kept, without changes: the audit follows dates and ancestry through them.
    for await (const chunk of stdout) {
      const batch = parser.push(chunk as Buffer);
      if (batch.length) await onCommits(batch);
    }
    const last = parser.finish();
    if (last.length) await onCommits(last);
  } finally {
    stdout.destroy();
  }
  const r = await done;
  if (r.code !== 0) {
    if (opts.since && /unknown revision|bad revision|ambiguous argument/.test(r.stderr))
      throw new UserError(`--since ${opts.since}: no such commit or revision in this repository`, EXIT.usage, 'give a commit id, tag or branch, e.g. --since v1 or --since HEAD~10');
    // A damaged repository (a missing or corrupt object) is the data's fault, not evenhand's: say so.
    throw new UserError(
      `git log failed (exit ${r.code}), so the history cannot be audited: ${r.stderr.trim() || 'no message from git'}`,
      EXIT.findings,
      'the repository may be damaged: run `git fsck --full` to see which objects are missing or corrupt, and restore them from another clone (or `git fetch` them from the shared remote)',
    );
  }
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

/**
 * What could make the entry files on disk differ from what git reports, for the incremental audit
 * (docs/decisions/0027-incremental-audit.md): files under cases/ git does not track (untracked or
 * ignored: `git status` is silent on the latter), files git was told not to look at
 * (assume-unchanged, skip-worktree), and replaced commits (`git replace`, grafts), which change a
 * history without changing its commit ids.
 */
export async function workTreeDoubts(registerDir: string): Promise<{ hidden: boolean; untracked: string[]; replaced: string }> {
  const quiet = ['-c', 'core.quotePath=false', '-c', 'core.fsmonitor=false'];
  const [flags, others, replace, grafts] = await Promise.all([
    git(registerDir, [...quiet, 'ls-files', '-v', '-z', '--', 'cases']),
    git(registerDir, [...quiet, 'ls-files', '--others', '-z', '--', 'cases']),
    git(registerDir, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/replace/']),
    git(registerDir, ['rev-parse', '--git-path', 'info/grafts']),
  ]);
  // `ls-files -v`: a lower-case tag is assume-unchanged, S is skip-worktree.
  const hidden = flags.stdout.split('\0').some((l) => l !== '' && (l[0] === 'S' || (l[0] >= 'a' && l[0] <= 'z')));
  let graftText = '';
  try {
    graftText = readFileSync(resolve(registerDir, grafts.stdout.trim()), 'utf8');
  } catch {
    // no grafts: the usual case
  }
  const env = ['GIT_REPLACE_REF_BASE', 'GIT_NO_REPLACE_OBJECTS', 'GIT_GRAFT_FILE'].map((k) => `${k}=${process.env[k] ?? ''}`).join('\n');
  return { hidden, untracked: others.stdout.split('\0').filter(Boolean), replaced: `${replace.stdout}\n${graftText}\n${env}` };
}
