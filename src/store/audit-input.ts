// What the audit reads, cold or resumed from its cache (issue 14; docs/decisions/0027-incremental-audit.md).
// Cold: `git log` streams while the entry files are read beside it (in a worker thread when there is a
// core for one); each commit is audited once the folders of the entries it adds are read (git waits
// meanwhile: ADR 0040). Resumed: only the
// commits after the cached tip, and only the case folders git or the cache has a doubt about.
// Anything unusual about the history or the work tree means cold.
import { HistoryAuditor, consultedFiles, type AuditState, type EntryOnDisk, type HistoryCommit } from '../domain/audit.js';
import {
  AUDIT_CACHE_VERSION,
  compactForAudit,
  diskView,
  foldersReadBy,
  foldersToRead,
  isLinearExtension,
  patchSnapshot,
  snapshotOf,
  type AuditCache,
} from '../domain/audit-resume.js';
import { packAuditCache, unpackAuditCache, type PackedAuditCache } from '../domain/audit-cache-pack.js';
import { boundHeapGrowthFor } from './heap-growth.js';
import type { Finding } from '../domain/findings.js';
import { streamHistory, workTreeDoubts } from './history.js';
import { listCaseFolders, readEntriesOnDisk } from './register-store.js';
import { workTreeChanges } from './work-tree.js';
import { EntryFeed } from './entry-feed.js';
import { pushAll } from '../domain/push-all.js';

/** More new commits than this since the cached tip: a cold audit costs no more. */
const MAX_RESUMED = 20_000;

export interface AuditInput {
  /** The history audited, ready to finish. */
  auditor: HistoryAuditor;
  onDisk: Map<string, EntryOnDisk>;
  caseIds: Set<string>;
  /** Files in the register not committed as they are on disk. */
  uncommitted: string[];
  /** Set when the audit resumed from the cache: the commit it resumed after, and how many it read. */
  resumed?: { from: string; commits: number };
  /** What to cache for the next audit, packed (absent with --since: a partial history is not cached). */
  cache?: PackedAuditCache;
}

export interface AuditReadOptions {
  since?: string;
  requireSigned?: boolean;
  /** Prepare a cache of this audit (not with --no-cache or --since). */
  cache?: boolean;
}

/**
 * The state to cache. A resume reads only a line of commits on top of `tip` (isLinearExtension), so
 * of the per-commit dates and latest entries only the tip's can ever be asked for again.
 */
function forCache(state: AuditState, tip: string): AuditState {
  forgetAllButTip(state, tip);
  return state;
}

/**
 * Once the whole history is read, drop the per-commit dates and latest entries of every commit but
 * the tip, in place: nothing after the last commit asks for them (finish does not), and at 100,000
 * cases they are 300,000 entries alive while the cache is packed (ADR 0040).
 */
function forgetAllButTip(state: AuditState, tip: string): void {
  const mine = state.seen.get(tip);
  state.seen.clear();
  if (mine) state.seen.set(tip, mine);
}

const errorFiles = (findings: Finding[]) => findings.filter((f) => f.severity === 'error' && f.file).map((f) => f.file!);

/**
 * Read everything: the whole history (or since `since`) and every entry file. The files are read
 * (EntryFeed) while `git log` streams here; each commit is audited as soon as the folders of the
 * entries it adds are read, so nothing waits for the whole reading (ADR 0040).
 */
export async function readCold(registerDir: string, tip: string | null, opts: AuditReadOptions): Promise<AuditInput> {
  const signatures = Boolean(opts.requireSigned);
  const feed = new EntryFeed(registerDir);
  // Asked once the files are read (while git may still be read), so that a file changed meanwhile
  // shows as changed (and is read again next time).
  const afterRead = feed.done.then(() => Promise.all([workTreeChanges(registerDir), opts.cache && !opts.since ? workTreeDoubts(registerDir) : undefined]));
  afterRead.catch(() => {}); // a failed reading is reported through feed.done
  try {
    const auditor = new HistoryAuditor(feed.entries, { requireSigned: opts.requireSigned, invalidFiles: feed.invalidFiles });
    if (tip)
      await streamHistory(registerDir, tip, { since: opts.since, signatures }, async (batch) => {
        // While this waits, git is not read further: it waits on its pipe.
        for (const c of batch) {
          for (const folder of foldersReadBy(c)) if (!feed.ready(folder)) await feed.waitFor(folder);
          auditor.push(c);
        }
      });
    await feed.done;
    const [changes, doubts] = await afterRead;
    const uncommitted = changes ? [...changes.added, ...changes.modified].sort() : [];
    const caseIds = new Set(feed.folders.map((f) => f.id));
    const input: AuditInput = { auditor, onDisk: feed.entries, caseIds, uncommitted };
    if (tip && doubts && changes) {
      input.cache = packAuditCache({
        version: AUDIT_CACHE_VERSION,
        tip,
        signatures,
        replaced: doubts.replaced,
        state: forCache(auditor.state, tip),
        disk: snapshotOf(feed.folders, feed.entries.values(), errorFiles(feed.findings)),
        untrusted: [...uncommitted, ...doubts.untracked],
      });
    }
    return input;
  } finally {
    feed.close();
  }
}

/**
 * Resume from the cached audit: undefined (audit cold) unless HEAD's history is the cached one
 * plus a line of new commits on top, nothing hides a change from git, and every entry file the
 * cached audit's checks read still reads the same.
 */
export async function readResumed(registerDir: string, tip: string, packed: PackedAuditCache | undefined, opts: AuditReadOptions): Promise<AuditInput | undefined> {
  const signatures = Boolean(opts.requireSigned);
  // A resumed audit holds the whole cached audit: bounded as a cold one is (entry-feed.ts), before it is unpacked.
  if (packed?.disk?.folders instanceof Uint32Array) boundHeapGrowthFor(packed.disk.folders.length / 3);
  const cached = opts.since ? undefined : unpackAuditCache(packed);
  if (opts.since || !cached || cached.version !== AUDIT_CACHE_VERSION || cached.signatures !== signatures) return undefined;
  const fresh: HistoryCommit[] = [];
  const history =
    cached.tip === tip
      ? Promise.resolve(true)
      : streamHistory(registerDir, tip, { since: cached.tip, signatures }, (batch) => {
          pushAll(fresh, batch);
          if (fresh.length > MAX_RESUMED) throw new Error('too many new commits to resume');
        }).then(
          () => true,
          () => false, // the cached tip is gone (gc after a rewrite), or too much is new: cold
        );
  const listingFindings: Finding[] = [];
  const [readAll, changes, doubts, folders] = await Promise.all([
    history,
    workTreeChanges(registerDir),
    workTreeDoubts(registerDir),
    listCaseFolders(registerDir, listingFindings),
  ]);
  if (!readAll || !changes || doubts.hidden || doubts.replaced !== cached.replaced || !isLinearExtension(cached.tip, tip, fresh)) return undefined;
  const now = [...changes.added, ...changes.modified, ...doubts.untracked];
  const doubted = [...fresh.flatMap((c) => c.changes.map((ch) => ch.path)), ...now, ...cached.untrusted];
  const { read, gone } = foldersToRead(cached.disk, folders, doubted);
  const reread = await readEntriesOnDisk(registerDir, read);
  const disk = patchSnapshot(cached.disk, consultedFiles(cached.state), gone, snapshotOf(read, reread.entries.values(), [...errorFiles(reread.findings), ...errorFiles(listingFindings)]));
  if (!disk) return undefined;
  // Strings read back from the packed cache are shared already (one table); only those read now are new.
  compactForAudit(reread.entries.values());
  const view = diskView(disk);
  const auditor = new HistoryAuditor(view.entries, { requireSigned: opts.requireSigned, invalidFiles: view.invalidFiles }, cached.state);
  for (const c of fresh) auditor.push(c);
  const uncommitted = [...changes.added, ...changes.modified].sort();
  return {
    auditor,
    onDisk: view.entries,
    caseIds: view.caseIds,
    uncommitted,
    resumed: { from: cached.tip, commits: fresh.length },
    // The folders read now were read after git was asked about them: read them again next time too.
    cache: packAuditCache({ ...cached, tip, state: forCache(auditor.state, tip), disk, untrusted: [...now, ...read.map((f) => f.folder)] }),
  };
}
