// Resuming an audit from a cached one (issue 14; docs/decisions/0027-incremental-audit.md). Pure:
// the store says what git and the disk hold; this decides whether the cached audit of a prefix of
// the history still stands, and what of the disk must be read again. Every doubt means a cold
// audit: the cache only ever saves work, it never changes an answer.
import { classifyPath, type AuditState, type EntryOnDisk, type HistoryCommit, type TimelineRow } from './audit.js';
import type { SubjectFields } from './entry-subject.js';
import { ownString } from './own-strings.js';

/** Bump when the layout of AuditCache changes (the cache store also rejects another build's cache). */
export const AUDIT_CACHE_VERSION = 1;

export interface CaseFolder {
  id: string;
  folder: string;
}

/** What the audit read of one case folder: its entries, and the files in it that are not valid entries. */
export interface FolderFacts {
  id: string;
  entries: EntryOnDisk[];
  invalid: string[];
}

/** The entry files on disk as the audit read them, folder by folder. */
export interface DiskSnapshot {
  folders: Map<string, FolderFacts>;
  /** Invalid paths found while listing the folders themselves (links in place of a folder). */
  listing: string[];
}

export interface AuditCache {
  version: number;
  /** The commit the cached audit read up to (HEAD then): its whole history is in `state`. */
  tip: string;
  /** Whether commits' signatures were read (--require-signed): another run's state differs. */
  signatures: boolean;
  /** Replaced commits and grafts then (`git replace` rewrites a history without changing ids). */
  replaced: string;
  state: AuditState;
  disk: DiskSnapshot;
  /**
   * Paths whose disk form was not shown to be what HEAD holds when they were read (uncommitted,
   * untracked or ignored then, or read after git was asked): read again next time, whatever git says.
   */
  untrusted: string[];
}

/** The audit's view of the disk from a snapshot: entries by file, case ids, invalid files. */
export function diskView(snapshot: DiskSnapshot): { entries: Map<string, EntryOnDisk>; caseIds: Set<string>; invalidFiles: Set<string> } {
  const entries = new Map<string, EntryOnDisk>();
  const caseIds = new Set<string>();
  const invalidFiles = new Set(snapshot.listing);
  for (const f of snapshot.folders.values()) {
    caseIds.add(f.id);
    for (const e of f.entries) entries.set(e.file, e);
    for (const p of f.invalid) invalidFiles.add(p);
  }
  return { entries, caseIds, invalidFiles };
}

/** The case folder (as listed on disk) a register path is in, if any. */
export function caseFolderOf(path: string): string | undefined {
  const cls = classifyPath(path);
  if (!('case' in cls)) return undefined;
  const parts = path.split('/');
  // cases/<month>/<case>/… or cases/<case>/…
  return parts[1] === cls.case ? parts.slice(0, 2).join('/') : parts.slice(0, 3).join('/');
}

/**
 * The case folders whose entry files HistoryAuditor.push reads for this commit: those of the entries
 * it adds (a merge reads none). Nothing else about a commit's checks depends on the disk.
 */
export function foldersReadBy(c: Pick<HistoryCommit, 'parents' | 'changes'>): string[] {
  if (c.parents.length > 1) return [];
  const out: string[] = [];
  for (const ch of c.changes)
    if (ch.status[0] === 'A' && classifyPath(ch.path).type === 'entry') out.push(ch.path.slice(0, ch.path.lastIndexOf('/')));
  return out;
}

/** Group a full read of the disk by case folder. `invalid` are the files of error findings. */
export function snapshotOf(folders: CaseFolder[], entries: Iterable<EntryOnDisk>, invalid: Iterable<string>): DiskSnapshot {
  const byFolder = new Map<string, FolderFacts>(folders.map((f) => [f.folder, { id: f.id, entries: [], invalid: [] }]));
  const folderOf = (file: string) => byFolder.get(file.slice(0, file.lastIndexOf('/'))) ?? byFolder.get(caseFolderOf(file) ?? '');
  for (const e of entries) folderOf(e.file)?.entries.push(e);
  const listing: string[] = [];
  for (const p of invalid) {
    const f = folderOf(p);
    if (f) f.invalid.push(p);
    else listing.push(p);
  }
  return { folders: byFolder, listing };
}

/**
 * Whether `commits` (oldest first) are exactly the history from `from` to `tip`: one line of
 * single-parent commits on top of `from`. Only then does a full `git log --topo-order --reverse`
 * list the cached prefix first, in the order it was audited, and these after it; anything else
 * (a merge, a rewrite, a reset, another branch) is audited cold.
 */
export function isLinearExtension(from: string, tip: string, commits: Pick<HistoryCommit, 'sha' | 'parents'>[]): boolean {
  let prev = from;
  for (const c of commits) {
    if (c.parents.length !== 1 || c.parents[0] !== prev) return false;
    prev = c.sha;
  }
  return prev === tip;
}

/** The case folders to read again: holding a path git or the cache doubts, or new on disk. And those gone. */
export function foldersToRead(snapshot: DiskSnapshot, now: CaseFolder[], doubted: Iterable<string>): { read: CaseFolder[]; gone: string[] } {
  const listed = new Map(now.map((f) => [f.folder, f]));
  const read = new Map<string, CaseFolder>();
  for (const f of now) if (snapshot.folders.get(f.folder)?.id !== f.id) read.set(f.folder, f);
  for (const p of doubted) {
    const folder = caseFolderOf(p);
    const f = folder === undefined ? undefined : listed.get(folder);
    if (f) read.set(f.folder, f);
  }
  const gone = [...snapshot.folders.keys()].filter((k) => !listed.has(k));
  return { read: [...read.values()], gone };
}

/** What a check read of an entry file: its facts and whether it is invalid. */
function factsKey(entries: Map<string, EntryOnDisk>, invalid: Set<string>, path: string): string {
  return JSON.stringify([entries.get(path) ?? null, invalid.has(path)]);
}

/**
 * Replace the folders read again (and drop those gone) in the snapshot; undefined when a file the
 * cached audit's checks read now reads differently (its findings would change: audit cold).
 */
export function patchSnapshot(
  snapshot: DiskSnapshot,
  consulted: Set<string>,
  gone: string[],
  fresh: DiskSnapshot,
): DiskSnapshot | undefined {
  const touched = [...gone, ...fresh.folders.keys()];
  const before = diskView({ folders: new Map(touched.flatMap((k) => { const f = snapshot.folders.get(k); return f ? [[k, f] as const] : []; })), listing: [] });
  const after = diskView({ folders: fresh.folders, listing: [] });
  for (const path of new Set([...before.entries.keys(), ...before.invalidFiles, ...after.entries.keys(), ...after.invalidFiles]))
    if (consulted.has(path) && factsKey(before.entries, before.invalidFiles, path) !== factsKey(after.entries, after.invalidFiles, path)) return undefined;
  const folders = new Map(snapshot.folders);
  for (const k of gone) folders.delete(k);
  for (const [k, f] of fresh.folders) folders.set(k, f);
  return { folders, listing: fresh.listing };
}

/** The shared subject-field objects of each pool of strings (compactForAudit), for as long as the pool lives. */
const subjectPools = new WeakMap<Map<string, string>, Map<string, SubjectFields>>();

/**
 * Make what the audit keeps for every entry small (at 100,000 cases it keeps 300,000): values that
 * repeat (kinds, names, channels, dates) become one string each, and the rest stop pointing into the
 * text they were read from (a value sliced from a file keeps the whole file in memory). In place.
 * `copy` false: the strings are not slices (they came through a message), so only repeats are shared.
 */
export function compactForAudit(entries: Iterable<EntryOnDisk>, rows: Iterable<TimelineRow> = [], pool = new Map<string, string>(), copy = true): void {
  // Strings that came through a worker's message are copies already: only sharing is left to do.
  const flat = copy ? ownString : (s: string) => s;
  const fields = subjectPools.get(pool) ?? new Map<string, SubjectFields>();
  subjectPools.set(pool, fields);
  const shared = (s: string): string => {
    const known = pool.get(s);
    if (known !== undefined) return known;
    const own = flat(s);
    pool.set(own, own);
    return own;
  };
  for (const e of entries) {
    e.case = shared(e.case);
    e.kind = shared(e.kind);
    e.recorded_by = shared(e.recorded_by);
    e.recorded_at = shared(e.recorded_at);
    e.id = flat(e.id);
    // Most entries of a kind say the same things in their subject (a category and a channel, an
    // outcome): one object for each such set, read-only from here on (300,000 objects at 100,000 cases).
    if (e.subject_fields) {
      const key = `\u0000${JSON.stringify(e.subject_fields)}`;
      const known = fields.get(key);
      if (known) e.subject_fields = known;
      else {
        for (const [k, v] of Object.entries(e.subject_fields)) if (typeof v === 'string') (e.subject_fields as Record<string, unknown>)[k] = shared(v);
        fields.set(key, e.subject_fields);
      }
    }
    // A correction's fields come from the full parse, which slices them from the text too.
    if (e.corrects !== undefined) e.corrects = flat(e.corrects);
    if (e.reason !== undefined) e.reason = flat(e.reason);
    if (copy && e.set !== undefined) e.set = structuredClone(e.set);
  }
  for (const r of rows) {
    const c = r.commit;
    c.authorName = shared(c.authorName);
    c.authorEmail = shared(c.authorEmail);
    c.authorDate = shared(c.authorDate);
    c.commitDate = shared(c.commitDate);
  }
}
