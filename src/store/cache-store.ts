// Caches kept beside the history, never in it (issue 14): `.git/evenhand/cache/<name>.bin`. A cache
// only ever saves work; it is never trusted over the register. Each file carries a header naming
// its format, the evenhand build that wrote it and what it was made from (the register folder),
// so a cache written by another version, for another register, or cut short by a killed process
// is detected, ignored and rebuilt. Writes go to a temporary file renamed into place: a reader
// sees the old cache or the new one, never half of one.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { findGitDir } from './repo-state.js';

/** Bump when the layout of any cache changes; also mixed with the package version and the bundle's identity. */
const CACHE_FORMAT = 2;

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
  /**
   * Replace the cache with a value made of pieces, each serialized and written on its own, so a
   * large value is never serialized whole at once (read back by `readPieces`, not `read`).
   */
  writePieces(pieces: Iterable<unknown>): void;
  /** The pieces last written by `writePieces`, or undefined as `read` would be. */
  readPieces(): unknown[] | undefined;
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
  const place = await cachePlace(registerDir, name);
  if (!place) return undefined;
  const { dir, path, register, identity } = place;
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
    writePieces(pieces) {
      const file = pieceFileWriter(place, {});
      for (const piece of pieces) file.piece(piece);
      file.finish();
    },
    readPieces: () => readPieceFile(place)?.pieces,
    clear() {
      rmSync(path, { force: true });
    },
  };
}

/** Where the cache `name` lives and what names its writer, or undefined outside git. */
async function cachePlace(registerDir: string, name: string) {
  const gitDir = await findGitDir(registerDir);
  if (!gitDir) return undefined;
  const dir = join(gitDir, 'evenhand', 'cache');
  // Two registers can share one repository: the key includes which folder the cache describes.
  const register = createHash('sha256').update(resolve(registerDir)).digest('hex').slice(0, 16);
  return { dir, path: join(dir, `${name}.bin`), register, identity: codeIdentity() };
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

/** The last piece of a file of pieces: how many came before it (a file cut short has none). */
interface PieceTrailer {
  pieces: number;
}

type CachePlace = NonNullable<Awaited<ReturnType<typeof cachePlace>>>;

/**
 * Entries per piece of a whole file. Each piece is serialized and written on its own (and read
 * back on its own), so a write holds one piece's bytes at a time: serializing 100,000 cases'
 * parsed files at once held a second copy of 280 MB beside the first.
 */
const ENTRIES_PER_PIECE = 512;

/** A whole file being written, entry by entry; nothing is in place until `finish`. */
export interface WholeFileWriter<V> {
  add(key: string, value: V): void;
  /** Put the file in place (atomically); false when any write failed (then nothing changed). */
  finish(): boolean;
}

/**
 * A file of pieces, written to a temporary file and renamed into place by `finish`: a header
 * naming its writer (and what `header` adds), the pieces, and a trailer with their count; each a
 * 4-byte length and its own v8-serialized value, so a write holds one piece's bytes at a time.
 */
function pieceFileWriter(place: CachePlace, header: object): { piece(value: unknown): void; finish(): boolean } {
  const tmp = `${place.path}.${process.pid}.tmp`;
  let fd: number | undefined;
  let failed = false;
  let pieces = 0;
  const attempt = (work: () => void) => {
    if (failed) return;
    try {
      work();
    } catch {
      failed = true;
    }
  };
  const writePiece = (value: unknown) => {
    const bytes = serialize(value);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    writeSync(fd!, length);
    writeSync(fd!, bytes);
  };
  // Opened with the first piece written: a writer never used leaves nothing behind.
  const open = () => {
    if (fd !== undefined) return;
    mkdirSync(place.dir, { recursive: true });
    removeLeftovers(place);
    fd = openSync(tmp, 'w');
    writePiece({ ...header, identity: place.identity, register: place.register });
  };
  return {
    piece(value) {
      attempt(() => (open(), writePiece(value)));
      pieces++;
    },
    finish() {
      attempt(() => (open(), writePiece({ pieces } satisfies PieceTrailer)));
      attempt(() => {
        closeSync(fd!);
        fd = undefined;
        renameSync(tmp, place.path);
      });
      if (failed) {
        // Closed whatever failed (`attempt` does nothing once failed): a deleted file held open keeps its space.
        if (fd !== undefined)
          try {
            closeSync(fd);
          } catch {
            // already closed or gone: nothing held
          }
        rmSync(tmp, { force: true });
      }
      return !failed;
    },
  };
}

/** A file as written by pieceFileWriter, or undefined when missing, foreign, stale, cut short or corrupt. */
function readPieceFile(place: CachePlace): { header: Record<string, unknown>; pieces: unknown[] } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(place.path);
  } catch {
    return undefined;
  }
  try {
    let at = 0;
    const nextPiece = (): unknown => {
      if (at + 4 > bytes.length) throw new Error('cut short');
      const length = bytes.readUInt32LE(at);
      if (at + 4 + length > bytes.length) throw new Error('cut short');
      // Typed arrays come back as views into `bytes` (node's deserializer does not copy them): the
      // buffer must stay this file's alone, never one reused for the next piece.
      const value = deserialize(bytes.subarray(at + 4, at + 4 + length));
      at += 4 + length;
      return value;
    };
    const header = nextPiece() as Record<string, unknown> | null;
    if (!header || header.identity !== place.identity || header.register !== place.register) return undefined;
    const pieces: unknown[] = [];
    // The trailer is the last piece: a file cut between pieces has none and fails reading past its end.
    for (;;) {
      const piece = nextPiece();
      if (at === bytes.length) return (piece as PieceTrailer | null)?.pieces === pieces.length ? { header, pieces } : undefined;
      pieces.push(piece);
    }
  } catch {
    return undefined; // corrupt or truncated: rebuilt by the next write
  }
}

/** Write a whole map file: its entries in pieces of ENTRIES_PER_PIECE. */
function wholeFileWriter<V>(place: CachePlace, generation: string): WholeFileWriter<V> {
  const file = pieceFileWriter(place, { generation });
  let piece: [string, V][] = [];
  return {
    add(key, value) {
      piece.push([key, value]);
      if (piece.length === ENTRIES_PER_PIECE) file.piece(piece), (piece = []);
    },
    finish() {
      if (piece.length) file.piece(piece), (piece = []);
      return file.finish();
    },
  };
}

/** Temporary files of this cache left by processes that are gone (killed while writing it). */
function removeLeftovers(place: CachePlace): void {
  const prefix = `${basename(place.path)}.`;
  for (const name of readdirSync(place.dir)) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -'.tmp'.length)) : NaN;
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(place.dir, name), { force: true });
    }
  }
}

/** A whole map file as written by wholeFileWriter, or undefined when missing, foreign, stale, cut short or corrupt. */
function readWholeFile<V>(place: CachePlace): Whole<V> | undefined {
  const file = readPieceFile(place);
  if (!file || typeof file.header.generation !== 'string' || !file.pieces.every(Array.isArray)) return undefined;
  const entries = new Map<string, V>();
  for (const piece of file.pieces as [string, V][][]) for (const [key, value] of piece) entries.set(key, value);
  return { generation: file.header.generation, entries };
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
  /**
   * Write a new whole file entry by entry, as they come, instead of `write`: for a run that found
   * no cache (cold, or written by another build), where every entry is new, so that they need not
   * all be held until the end. In place once finished.
   */
  stream(): WholeFileWriter<V>;
  path: string;
}

/**
 * A cache holding a map (docs/decisions/0037): a whole file, rewritten when a tenth of it changed,
 * and a delta file between. A delta names the write of the whole file it applies to, so a delta
 * left beside a newer whole file (a process killed between the two writes) is ignored. Entries
 * are still checked by their callers' keys, as ever: a cache only ever saves work.
 */
export async function openMapCache<V>(registerDir: string, name: string): Promise<MapCacheHandle<V> | undefined> {
  const [whole, delta] = await Promise.all([cachePlace(registerDir, name), openCache<Delta<V>>(registerDir, `${name}.delta`)]);
  if (!whole || !delta) return undefined;
  // A run that stopped before finishing its whole file (a refused build, a killed process) left
  // it; later runs may write only deltas, so they are cleared here, not only by the next whole write.
  try {
    removeLeftovers(whole);
  } catch {
    // no cache folder yet
  }
  let base: Whole<V> | undefined;
  return {
    path: whole.path,
    read() {
      const w = readWholeFile<V>(whole);
      if (!w) return undefined;
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
      const generation = randomUUID();
      const writer = wholeFileWriter<V>(whole, generation);
      for (const [key, value] of next) writer.add(key, value);
      if (writer.finish()) delta.clear();
      base = { generation, entries: next };
    },
    stream() {
      const writer = wholeFileWriter<V>(whole, randomUUID());
      base = undefined;
      return {
        add: writer.add,
        finish: () => writer.finish() && (delta.clear(), true),
      };
    },
  };
}
