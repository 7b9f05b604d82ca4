// The page cache (issue 14, docs/decisions/0025-incremental-check-and-build.md), shared by `check`
// (which renders the site in memory for the leak gate) and `build`: for each file of the site, the
// key of what it was rendered from (src/render/page-keys.ts), the names its templates read, the
// hash of its bytes, and whether the leak gate found it clean, under which candidates' identity
// forms and with which case references in it. A file is skipped only when all of that still holds.
import { openMapCache } from './cache-store.js';
import type { CleanScan, PageRecord, PageRecords } from '../render/site-gate.js';

/** Records of a file: at most two (a `check` and a `build` with another --base-url keep each other's). */
const KEEP = 2;

export interface PageCache extends PageRecords {
  /** Write the records of this run's files (only they) back. */
  save(): void;
}

// Pages by path; open-data pieces found clean, by the hash of what was scanned.
type Stored = { pages: Map<string, PageRecord[]>; pieces: Map<string, CleanScan> };

/** The page cache, or undefined outside git. `fresh` (--no-cache): start empty, write a new one. */
export async function openPageCache(registerDir: string, opts: { fresh?: boolean } = {}): Promise<PageCache | undefined> {
  const [pagesHandle, piecesHandle] = await Promise.all([openMapCache<PageRecord[]>(registerDir, 'site-pages'), openMapCache<CleanScan>(registerDir, 'site-pieces')]);
  if (!pagesHandle || !piecesHandle) return undefined;
  const old: Stored = { pages: (!opts.fresh && pagesHandle.read()) || new Map(), pieces: (!opts.fresh && piecesHandle.read()) || new Map() };
  // Only what this run used is written back: a piece no longer in the site is forgotten.
  const next: Stored = { pages: new Map(), pieces: new Map() };
  // Every file taken as it was, and its record first already: the same records, not written again.
  let changed = opts.fresh === true;
  return {
    records: (path) => old.pages.get(path) ?? [],
    keep(path, record) {
      const before = next.pages.get(path) ?? old.pages.get(path) ?? [];
      // Taken as it was: the very list read, so the cache's delta leaves it out.
      if (before[0] === record) {
        next.pages.set(path, before);
        return;
      }
      changed = true;
      const others = before.filter((r) => r.key !== record.key);
      next.pages.set(path, [record, ...others].slice(0, KEEP));
    },
    piece: (hash) => old.pieces.get(hash),
    keepPiece(hash, clean) {
      if (old.pieces.get(hash) !== clean) changed = true;
      next.pieces.set(hash, clean);
    },
    save() {
      if (changed || next.pages.size !== old.pages.size || next.pieces.size !== old.pieces.size) {
        pagesHandle.write(next.pages);
        piecesHandle.write(next.pieces);
      }
    },
  };
}
