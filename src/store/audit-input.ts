// What the audit reads, cold or resumed from its cache (issue 14; docs/decisions/0027-incremental-audit.md).
// Cold: `git log` streams while node reads the entry files; commits wait (a bounded number, git held
// back beyond it) until the files are read, then each is audited as it comes. Resumed: only the
// commits after the cached tip, and only the case folders git or the cache has a doubt about.
// Anything unusual about the history or the work tree means cold.
import { HistoryAuditor, consultedFiles, type AuditState, type EntryOnDisk, type HistoryCommit } from '../domain/audit.js';
import {
  AUDIT_CACHE_VERSION,
  compactForAudit,
  diskView,
  foldersToRead,
  isLinearExtension,
  patchSnapshot,
  snapshotOf,
  type AuditCache,
} from '../domain/audit-resume.js';
import { packAuditCache, unpackAuditCache, type PackedAuditCache } from '../domain/audit-cache-pack.js';
import type { Finding } from '../domain/findings.js';
import { streamHistory, workTreeDoubts } from './history.js';
import { listCaseFolders, readEntriesOnDisk } from './register-store.js';
import { workTreeChanges } from './work-tree.js';
import { pushAll } from '../domain/push-all.js';

/**
 * Bytes of `git log` output held while the entry files are read; beyond it git waits (memory stays
 * bounded). Twice a 10,000-case history (30,000 commits, 15 MB): when git waited for the
 * files the two stopped overlapping (paired runs: the audit 1.3× slower than reading it all at
 * once). Held as bytes, off the JavaScript heap, and parsed once the files are read (ADR 0035).
 */
const MAX_HELD_BYTES = 32 * 1024 * 1024;
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
  const mine = state.seen.get(tip);
  return { ...state, seen: new Map(mine ? [[tip, mine]] : []) };
}

const errorFiles = (findings: Finding[]) => findings.filter((f) => f.severity === 'error' && f.file).map((f) => f.file!);

/**
 * Case folders read at a time: what is kept of each entry is compacted before the next slice is
 * read, and git's output is read in between. Small, so that git never waits long on a full pipe,
 * and a file's text is dropped before the collector has twice moved past it:
 * with 2,000 folders (6,000 files) a slice's texts were promoted to the old generation, as
 * garbage, a whole register's worth of text at 100,000 cases (ADR 0035).
 */
const SLICE = 50;

/**
 * Every entry file on disk, as readEntriesOnDisk reads them, a slice of case folders at a time, each
 * slice compacted (compactForAudit) before the next is read: otherwise every value read keeps its
 * whole file's text alive until the end (300,000 files at 100,000 cases).
 */
async function readEntriesInSlices(registerDir: string): Promise<Awaited<ReturnType<typeof readEntriesOnDisk>>> {
  const findings: Finding[] = [];
  const folders = await listCaseFolders(registerDir, findings);
  const entries = new Map<string, EntryOnDisk>();
  // One pool for the whole register: a value repeated across slices is still one string.
  const pool = new Map<string, string>();
  for (let i = 0; i < folders.length; i += SLICE) {
    // Let the event loop read git's output between slices: an await alone yields to promises, not
    // to I/O, and `git log` stopped on a full pipe until every file was read (ADR 0035).
    if (i > 0) await new Promise((r) => setImmediate(r));
    const part = await readEntriesOnDisk(registerDir, folders.slice(i, i + SLICE));
    compactForAudit(part.entries.values(), [], pool);
    for (const [k, v] of part.entries) entries.set(k, v);
    pushAll(findings, part.findings);
  }
  return { entries, caseIds: new Set(folders.map((f) => f.id)), folders, findings };
}

/** Read everything: the whole history (or since `since`) and every entry file. */
export async function readCold(registerDir: string, tip: string | null, opts: AuditReadOptions): Promise<AuditInput> {
  const signatures = Boolean(opts.requireSigned);
  let auditor: HistoryAuditor | undefined;
  const diskRead = readEntriesInSlices(registerDir).then((disk) => {
    auditor = new HistoryAuditor(disk.entries, { requireSigned: opts.requireSigned, invalidFiles: new Set(errorFiles(disk.findings)) });
    return disk;
  });
  // Asked after the files are read, so that a file changed meanwhile shows as changed (and is read again next time).
  const afterRead = diskRead.then(() => Promise.all([workTreeChanges(registerDir), opts.cache && !opts.since ? workTreeDoubts(registerDir) : undefined]));
  if (tip)
    await streamHistory(registerDir, tip, { since: opts.since, signatures, hold: { until: diskRead, bytes: MAX_HELD_BYTES } }, async (batch) => {
      // Only once the files are read (or failed to be: then the audit fails below).
      const a = auditor ?? (await diskRead, auditor!);
      for (const c of batch) a.push(c);
    });
  const disk = await diskRead;
  const [changes, doubts] = await afterRead;
  const uncommitted = changes ? [...changes.added, ...changes.modified].sort() : [];
  const input: AuditInput = { auditor: auditor!, onDisk: disk.entries, caseIds: disk.caseIds, uncommitted };
  if (tip && doubts && changes)
    input.cache = packAuditCache({
      version: AUDIT_CACHE_VERSION,
      tip,
      signatures,
      replaced: doubts.replaced,
      state: forCache(auditor!.state, tip),
      disk: snapshotOf(disk.folders, disk.entries.values(), errorFiles(disk.findings)),
      untrusted: [...uncommitted, ...doubts.untracked],
    });
  return input;
}

/**
 * Resume from the cached audit: undefined (audit cold) unless HEAD's history is the cached one
 * plus a line of new commits on top, nothing hides a change from git, and every entry file the
 * cached audit's checks read still reads the same.
 */
export async function readResumed(registerDir: string, tip: string, packed: PackedAuditCache | undefined, opts: AuditReadOptions): Promise<AuditInput | undefined> {
  const signatures = Boolean(opts.requireSigned);
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
