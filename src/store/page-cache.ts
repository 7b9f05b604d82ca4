// The page cache (issue 14, docs/decisions/0025-incremental-check-and-build.md), shared by `check`
// (which renders the site in memory for the leak gate) and `build`: for each file of the site, the
// key of what it was rendered from (src/render/page-keys.ts), the names its templates read, the
// hash of its bytes, and whether the leak gate found it clean, under which candidates' identity
// forms and with which case references in it. A file is skipped only when all of that still holds.
import { openCache, type CacheHandle } from './cache-store.js';
import type { PageRecord, PageRecords } from '../render/site-gate.js';

/** Records of a file: at most two (a `check` and a `build` with another --base-url keep each other's). */
const KEEP = 2;

export interface PageCache extends PageRecords {
  /** Write the records of this run's files (only they) back. */
  save(): void;
}

type Stored = Map<string, PageRecord[]>;

/** The page cache, or undefined outside git. `fresh` (--no-cache): start empty, write a new one. */
export async function openPageCache(registerDir: string, opts: { fresh?: boolean } = {}): Promise<PageCache | undefined> {
  const handle: CacheHandle<Stored> | undefined = await openCache(registerDir, 'site-pages');
  if (!handle) return undefined;
  const read = opts.fresh ? undefined : handle.read();
  const old: Stored = read instanceof Map ? read : new Map();
  const next: Stored = new Map();
  return {
    records: (path) => old.get(path) ?? [],
    keep(path, record) {
      const others = (next.get(path) ?? old.get(path) ?? []).filter((r) => r.key !== record.key);
      next.set(path, [record, ...others].slice(0, KEEP));
    },
    save() {
      handle.write(next);
    },
  };
}
