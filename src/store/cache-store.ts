// Caches kept beside the history, never in it (issue 14): `.git/evenhand/cache/<name>.bin`. A cache
// only ever saves work; it is never trusted over the register. Each file carries a header naming
// its format, the evenhand build that wrote it and what it was made from (the register folder),
// so a cache written by another version, for another register, or cut short by a killed process
// is detected, ignored and rebuilt. Writes go to a temporary file renamed into place: a reader
// sees the old cache or the new one, never half of one.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { findGitDir } from './repo-state.js';

/** Bump when the layout of any cache changes; also mixed with the package version and the bundle's identity. */
const CACHE_FORMAT = 1;

/** What makes a cache written by one evenhand unusable by another: format, version and the code itself. */
function codeIdentity(): string {
  // The bundle's own URL changes with every install path; its build stamp with every build.
  return `${CACHE_FORMAT}:${process.env.npm_package_version ?? ''}:${BUILD_STAMP}`;
}

/** Set by the bundler (scripts/bundle.mjs) to a hash of the bundle; 'dev' when running unbundled. */
declare const __EVENHAND_BUILD__: string | undefined;
const BUILD_STAMP = typeof __EVENHAND_BUILD__ === 'string' ? __EVENHAND_BUILD__ : 'dev';

export interface CacheHandle<T> {
  /** The cached value, or undefined when there is none, or it is corrupt, stale or foreign. */
  read(): T | undefined;
  /** Replace the cache with `value` atomically. Failing to write a cache is never an error. */
  write(value: T): void;
  /** Remove the cache (e.g. `--no-cache` runs leave none behind that could mislead). */
  clear(): void;
  /** Where it lives, for messages and tests. */
  path: string;
}

interface Envelope<T> {
  identity: string;
  register: string;
  value: T;
}

/**
 * The cache `name` of the register at `registerDir`, or undefined when the register is not in git
 * (no `.git` to keep it in: every run is cold).
 */
export async function openCache<T>(registerDir: string, name: string): Promise<CacheHandle<T> | undefined> {
  const gitDir = await findGitDir(registerDir);
  if (!gitDir) return undefined;
  const dir = join(gitDir, 'evenhand', 'cache');
  const path = join(dir, `${name}.bin`);
  // Two registers can share one repository: the key includes which folder the cache describes.
  const register = createHash('sha256').update(resolve(registerDir)).digest('hex').slice(0, 16);
  const identity = codeIdentity();
  return {
    path,
    read() {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        return undefined;
      }
      try {
        const env = deserialize(bytes) as Envelope<T>;
        if (!env || env.identity !== identity || env.register !== register) return undefined;
        return env.value;
      } catch {
        return undefined; // corrupt or truncated: rebuilt by the next write
      }
    },
    write(value) {
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(tmp, serialize({ identity, register, value } satisfies Envelope<T>));
        renameSync(tmp, path);
      } catch {
        rmSync(tmp, { force: true });
      }
    },
    clear() {
      rmSync(path, { force: true });
    },
  };
}

/** A map cache as it stands in its whole file: the entries, and which write made them. */
interface Whole<V> {
  generation: string;
  entries: Map<string, V>;
}
/** What changed since the whole file was written: entries set anew, keys gone. */
interface Delta<V> {
  base: string;
  set: Map<string, V>;
  removed: string[];
}

export interface MapCacheHandle<V> {
  /** The entries as last written (the whole file with its delta laid over), or undefined. */
  read(): Map<string, V> | undefined;
  /**
   * Make the cache `next`. When few entries differ from the whole file read (or last written),
   * only those are written, to `<name>.delta.bin`: a warm run with one new entry does not rewrite
   * the 30,000 entries of a 10,000-case register. An entry counts as unchanged when it is the very
   * object read.
   */
  write(next: Map<string, V>): void;
  path: string;
}

/**
 * A cache holding a map (docs/decisions/0037): a whole file, rewritten when a tenth of it changed,
 * and a delta file between. A delta names the write of the whole file it applies to, so a delta
 * left beside a newer whole file (a process killed between the two writes) is ignored. Entries
 * are still checked by their callers' keys, as ever: a cache only ever saves work.
 */
export async function openMapCache<V>(registerDir: string, name: string): Promise<MapCacheHandle<V> | undefined> {
  const [whole, delta] = await Promise.all([openCache<Whole<V>>(registerDir, name), openCache<Delta<V>>(registerDir, `${name}.delta`)]);
  if (!whole || !delta) return undefined;
  let base: Whole<V> | undefined;
  return {
    path: whole.path,
    read() {
      const w = whole.read();
      if (!w || typeof w.generation !== 'string' || !(w.entries instanceof Map)) return undefined;
      base = w;
      const d = delta.read();
      if (!d || d.base !== w.generation || !(d.set instanceof Map) || !Array.isArray(d.removed)) return new Map(w.entries);
      const merged = new Map(w.entries);
      for (const key of d.removed) merged.delete(key);
      for (const [key, value] of d.set) merged.set(key, value);
      return merged;
    },
    write(next) {
      if (base) {
        const set = new Map<string, V>();
        for (const [key, value] of next) if (base.entries.get(key) !== value) set.set(key, value);
        const removed: string[] = [];
        for (const key of base.entries.keys()) if (!next.has(key)) removed.push(key);
        if (set.size + removed.length <= Math.max(64, next.size / 10)) {
          delta.write({ base: base.generation, set, removed });
          return;
        }
      }
      base = { generation: randomUUID(), entries: next };
      whole.write(base);
      delta.clear();
    },
  };
}
