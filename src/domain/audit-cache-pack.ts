// The audit's cache as it is written (ADR 0035, 0040): the same AuditCache (src/domain/audit-resume.ts),
// with every string in one table (a repeated one once), and the many small objects (an entry file's facts, a
// timeline row, an entry commit) as rows of numbers. v8 serialization writes a string each time it
// meets it and every object's keys with it: at 100,000 cases the plain cache was 187 MB, and
// building that buffer was the audit's peak of memory. Pure: packing and unpacking give back an
// equal value (key order and absent keys included); a packed value that does not fit is undefined.
import { AUDIT_CACHE_VERSION, type AuditCache, type DiskSnapshot, type FolderFacts } from './audit-resume.js';
import type { AuditState, CommitInfo, EntryOnDisk, TimelineRow } from './audit.js';

export const PACKED_AUDIT_CACHE_VERSION = 2;

/** What the cache file holds. `state.problems` stays a plain list (test/audit-incremental.test.ts plants one there). */
export interface PackedAuditCache {
  version: number;
  tip: string;
  signatures: boolean;
  replaced: string;
  untrusted: string[];
  strings: string[];
  /** Per commit: sha, subject, authorName, authorEmail, authorDate, commitDate, signature (string index + 1; 0 when absent). */
  commits: Uint32Array;
  state: Pick<AuditState, 'removed' | 'seen' | 'fixedClock' | 'unrecordedClock' | 'clockRecorded' | 'changing' | 'problems'> & {
    /** Pairs: file (string index), commit (row of `commits`). */
    added: Uint32Array;
    /** Pairs: file, commit; and the attachments of the rows that have them. */
    rows: Uint32Array;
    attachments: [row: number, files: string[]][];
  };
  disk: {
    listing: string[];
    /** Per folder: folder, id (string indexes), how many entries (the next ones of `entries`). */
    folders: Uint32Array;
    invalid: [folder: number, files: string[]][];
    /** Per entry: file, case, kind, id, recorded_by, recorded_at, subject fields as JSON (index + 1; 0 when absent). */
    entries: Uint32Array;
    /** A correction's own fields, by entry: the keys it has, as it has them. */
    corrections: [entry: number, fields: Pick<EntryOnDisk, 'corrects' | 'reason' | 'set'>][];
  };
}

const COMMIT_KEYS = ['sha', 'subject', 'authorName', 'authorEmail', 'authorDate', 'commitDate', 'signature'] as const;
const ENTRY_KEYS = ['file', 'case', 'kind', 'id', 'recorded_by', 'recorded_at'] as const;
const CORRECTION_KEYS = ['corrects', 'reason', 'set'] as const;

export function packAuditCache(c: AuditCache): PackedAuditCache {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const optional = (s: string | undefined) => (s === undefined ? 0 : str(s) + 1);
  // A commit's id and its subject are its own (each commit is packed once): put in the table without
  // looking for them first, which kept 600,000 more strings in the map at 100,000 cases (ADR 0040).
  // (Dates, ids and instants repeat: an entry's recorded_at is its commit's author date.)
  const unique = (s: string): number => strings.push(s) - 1;

  // Rows of numbers written straight into typed arrays (sized from the counts): no list of a
  // million numbers on the heap on the way.
  const { added, entries: rows, ...rest } = c.state;
  const commitRows = new Map<object, number>();
  let commitCells = new Uint32Array(COMMIT_KEYS.length * Math.max(16, rows.length));
  const commit = (ref: CommitInfo): number => {
    let i = commitRows.get(ref);
    if (i === undefined) {
      i = commitRows.size;
      commitRows.set(ref, i);
      if ((i + 1) * COMMIT_KEYS.length > commitCells.length) {
        const bigger = new Uint32Array(commitCells.length * 2);
        bigger.set(commitCells);
        commitCells = bigger;
      }
      const at = i * COMMIT_KEYS.length;
      commitCells[at] = unique(ref.sha) + 1;
      commitCells[at + 1] = unique(ref.subject) + 1;
      commitCells[at + 2] = optional(ref.authorName);
      commitCells[at + 3] = optional(ref.authorEmail);
      commitCells[at + 4] = optional(ref.authorDate);
      // Usually the very same string (HistoryAuditor shares it): no second look-up.
      commitCells[at + 5] = ref.commitDate === ref.authorDate ? commitCells[at + 4] : optional(ref.commitDate);
      commitCells[at + 6] = optional(ref.signature);
    }
    return i;
  };

  const addedCells = new Uint32Array(added.size * 2);
  let a = 0;
  for (const [file, ref] of added) {
    addedCells[a++] = str(file);
    addedCells[a++] = commit(ref as CommitInfo);
  }
  // Entries share their subject-field objects (compactForAudit): each is written out once.
  const subjectCells = new Map<object, number>();
  const subjectCell = (fields: object): number => {
    let cell = subjectCells.get(fields);
    if (cell === undefined) subjectCells.set(fields, (cell = str(JSON.stringify(fields)) + 1));
    return cell;
  };
  const rowCells = new Uint32Array(rows.length * 2);
  const attachments: [number, string[]][] = [];
  rows.forEach((r, i) => {
    rowCells[2 * i] = str(r.file);
    rowCells[2 * i + 1] = commit(r.commit);
    if ('attachments' in r) attachments.push([i, r.attachments!]);
  });

  let entryCount = 0;
  for (const facts of c.disk.folders.values()) entryCount += facts.entries.length;
  const ew = ENTRY_KEYS.length + 1;
  const folderCells = new Uint32Array(c.disk.folders.size * 3);
  const entryCells = new Uint32Array(entryCount * ew);
  const invalid: [number, string[]][] = [];
  const corrections: [number, Pick<EntryOnDisk, 'corrects' | 'reason' | 'set'>][] = [];
  let f = 0;
  let e = 0;
  for (const [folder, facts] of c.disk.folders) {
    folderCells[3 * f] = str(folder);
    folderCells[3 * f + 1] = str(facts.id);
    folderCells[3 * f + 2] = facts.entries.length;
    if (facts.invalid.length) invalid.push([f, facts.invalid]);
    for (const entry of facts.entries) {
      const at = e * ew;
      entryCells[at] = str(entry.file);
      entryCells[at + 1] = str(entry.case);
      entryCells[at + 2] = str(entry.kind);
      entryCells[at + 3] = str(entry.id);
      entryCells[at + 4] = str(entry.recorded_by);
      entryCells[at + 5] = str(entry.recorded_at);
      entryCells[at + ENTRY_KEYS.length] = entry.subject_fields === undefined ? 0 : subjectCell(entry.subject_fields);
      const own = CORRECTION_KEYS.filter((k) => k in entry);
      if (own.length) corrections.push([e, Object.fromEntries(own.map((k) => [k, entry[k]]))]);
      e++;
    }
    f++;
  }

  return {
    version: PACKED_AUDIT_CACHE_VERSION,
    tip: c.tip,
    signatures: c.signatures,
    replaced: c.replaced,
    untrusted: c.untrusted,
    strings,
    commits: commitCells.slice(0, commitRows.size * COMMIT_KEYS.length),
    state: { ...rest, added: addedCells, rows: rowCells, attachments },
    disk: { listing: c.disk.listing, folders: folderCells, invalid, entries: entryCells, corrections },
  };
}

/** The AuditCache a packed one holds, or undefined when it is not one (another version, or it does not fit together). */
export function unpackAuditCache(p: PackedAuditCache | undefined): AuditCache | undefined {
  if (!p || p.version !== PACKED_AUDIT_CACHE_VERSION) return undefined;
  try {
    const { strings } = p;
    const str = (i: number): string => {
      const s = strings[i];
      if (typeof s !== 'string') throw new Error('no such string');
      return s;
    };
    const commits: CommitInfo[] = [];
    const width = COMMIT_KEYS.length;
    if (p.commits.length % width) return undefined;
    for (let i = 0; i < p.commits.length; i += width) {
      const ref: Record<string, string> = {};
      COMMIT_KEYS.forEach((k, j) => {
        const v = p.commits[i + j];
        if (v !== 0) ref[k] = str(v - 1);
      });
      commits.push(ref as unknown as CommitInfo);
    }
    const commit = (i: number): CommitInfo => {
      const ref = commits[i];
      if (!ref) throw new Error('no such commit');
      return ref;
    };

    const { added: addedCells, rows: rowCells, attachments, ...rest } = p.state;
    const added = new Map<string, CommitInfo>();
    for (let i = 0; i + 1 < addedCells.length; i += 2) added.set(str(addedCells[i]), commit(addedCells[i + 1]));
    const rows: TimelineRow[] = [];
    for (let i = 0; i + 1 < rowCells.length; i += 2) rows.push({ file: str(rowCells[i]), commit: commit(rowCells[i + 1]) });
    for (const [i, files] of attachments) {
      if (!rows[i]) return undefined;
      rows[i].attachments = files;
    }

    const entries: EntryOnDisk[] = [];
    const subjects = new Map<number, EntryOnDisk['subject_fields']>();
    const ew = ENTRY_KEYS.length + 1;
    if (p.disk.entries.length % ew) return undefined;
    for (let i = 0; i < p.disk.entries.length; i += ew) {
      const e: Record<string, unknown> = {};
      ENTRY_KEYS.forEach((k, j) => (e[k] = str(p.disk.entries[i + j])));
      const subject = p.disk.entries[i + ENTRY_KEYS.length];
      if (subject !== 0) {
        // One object per distinct set, as when it was read (read-only).
        let fields = subjects.get(subject);
        if (fields === undefined) subjects.set(subject, (fields = JSON.parse(str(subject - 1))));
        e.subject_fields = fields;
      }
      entries.push(e as unknown as EntryOnDisk);
    }
    for (const [i, fields] of p.disk.corrections) {
      if (!entries[i]) return undefined;
      Object.assign(entries[i], fields);
    }
    const folders = new Map<string, FolderFacts>();
    const byIndex: FolderFacts[] = [];
    let next = 0;
    for (let i = 0; i + 2 < p.disk.folders.length; i += 3) {
      const n = p.disk.folders[i + 2];
      if (next + n > entries.length) return undefined;
      const facts: FolderFacts = { id: str(p.disk.folders[i + 1]), entries: entries.slice(next, next + n), invalid: [] };
      next += n;
      folders.set(str(p.disk.folders[i]), facts);
      byIndex.push(facts);
    }
    if (next !== entries.length) return undefined;
    for (const [i, files] of p.disk.invalid) {
      if (!byIndex[i]) return undefined;
      byIndex[i].invalid = files;
    }
    const disk: DiskSnapshot = { folders, listing: p.disk.listing };
    const state: AuditState = { ...rest, added, entries: rows };
    return { version: AUDIT_CACHE_VERSION, tip: p.tip, signatures: p.signatures, replaced: p.replaced, state, disk, untrusted: p.untrusted };
  } catch {
    return undefined;
  }
}

/** Strings per piece when the packed cache is written in pieces. */
const STRINGS_PER_PIECE = 16_384;

/**
 * The packed cache as pieces to write one at a time (ADR 0041): all but the string table, then the
 * table in slices. Serializing it whole made a second copy of it at once, the audit's peak at
 * 100,000 cases (ADR 0040).
 */
export function* packedAuditCachePieces(p: PackedAuditCache): Generator<unknown> {
  const { strings, ...rest } = p;
  yield { ...rest, stringCount: strings.length };
  for (let i = 0; i < strings.length; i += STRINGS_PER_PIECE) yield strings.slice(i, i + STRINGS_PER_PIECE);
}

/** The packed cache from its pieces, or undefined when they are not what packedAuditCachePieces writes. */
export function packedAuditCacheFromPieces(pieces: unknown[] | undefined): PackedAuditCache | undefined {
  if (!pieces?.length) return undefined;
  const [rest, ...slices] = pieces as [Omit<PackedAuditCache, 'strings'> & { stringCount?: unknown }, ...unknown[]];
  if (!rest || typeof rest !== 'object' || !slices.every(Array.isArray)) return undefined;
  const { stringCount, ...packed } = rest;
  const strings = (slices as string[][]).flat();
  return strings.length === stringCount ? { ...packed, strings } : undefined;
}
