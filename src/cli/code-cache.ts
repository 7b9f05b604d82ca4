// Start-up of a command through a V8 code cache (docs/decisions/0032-append-startup.md). Node 20
// has no compile cache for ES modules (module.enableCompileCache is 22.1+), so a command runs the
// CommonJS bundle of the whole CLI (dist/bundle-cjs/cli.cjs) through vm.Script, handing V8 the code
// it compiled on an earlier run of the same command. `--help` and a bare `evenhand` keep the ES module
// bundle, which loads only the command definitions.
//
// V8 checks a cache only against the source's length, its own version and flags: a cache made for
// other code of the same length is accepted and runs that other code. So a cache is used only when
// its header carries the SHA-256 of the exact source (with Node's version, architecture and flags)
// this process is about to run, and the SHA-256 of V8's bytes that follow (V8 has no checksum of its
// own in a release build: a flipped byte would run); anything else is ignored and replaced after the run.
// The cache lives beside the bundle (dist/bundle-cjs/cache/): whoever can write there can already
// change the code itself, so trusting it adds no way in. A read-only install runs without one.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

const HEADER = 'evenhand-v8-code-cache 2 ';
/** Header: HEADER, 64 hex digits of the key, a space, 64 of the payload's SHA-256, a newline; then V8's bytes. */
const HEADER_BYTES = HEADER.length + 64 + 1 + 64 + 1;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export type CacheUse = 'used' | 'absent' | 'ignored' | 'rejected';

export interface Loaded<T> {
  exports: T;
  /** used: V8 took the cache; absent: none; ignored: one for other code (never given to V8); rejected: V8 refused it. */
  cache: CacheUse;
  /** Write the cache when it was not used (call after the command ran: V8 keeps what it compiled meanwhile). Returns whether it wrote. */
  save(): boolean;
}

/** CommonJS's wrapper, with one more parameter: the import() of the libraries left outside the bundle. */
const WRAPPER = '(function (exports, require, module, __filename, __dirname, __evenhandImport) { ';
const hostImport = (specifier: string) => import(specifier);

export function cacheKey(source: Buffer, name: string): string {
  return createHash('sha256')
    .update(`${HEADER}\0${process.version}\0${process.arch}\0${JSON.stringify(process.execArgv)}\0${name}\0`)
    .update(source)
    .digest('hex');
}

export function cacheFile(cacheDir: string, name: string): string {
  return join(cacheDir, `${name}.v8`);
}

/** The cache's payload when its header names exactly this key; else why not. */
function readCache(file: string, key: string): { data?: Buffer; use: CacheUse } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { use: 'absent' };
  }
  const header = bytes.toString('latin1', 0, HEADER_BYTES);
  if (bytes.length <= HEADER_BYTES || !header.startsWith(`${HEADER}${key} `) || !header.endsWith('\n')) return { use: 'ignored' };
  const data = bytes.subarray(HEADER_BYTES);
  if (header.slice(HEADER.length + 65, -1) !== sha256(data)) return { use: 'ignored' };
  return { data, use: 'used' };
}

/**
 * Run a CommonJS file through vm.Script with the code cache named `name` in `cacheDir`, and
 * return its exports. The cache is trusted only when made for this very source (see above).
 */
export function loadWithCodeCache<T>(file: string, cacheDir: string, name: string): Loaded<T> {
  // Hashed as bytes; an ASCII file (scripts/bundle.mjs makes it one) becomes a string without UTF-8 decoding.
  const bytes = readFileSync(file);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const key = cacheKey(bytes, name);
  const where = cacheFile(cacheDir, name);
  const read = readCache(where, key);
  // The bundle's import() calls are __evenhandImport() calls (scripts/bundle.mjs): an import() in
  // code taken from a cache has no loader in Node 20, so this module's import() does it.
  const script = new vm.Script(`${WRAPPER}${source}\n})`, { filename: file, cachedData: read.data });
  const cache: CacheUse = read.data && script.cachedDataRejected ? 'rejected' : read.use;
  const module = { exports: {} as T };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file), hostImport);
  return {
    exports: module.exports,
    cache,
    save: () => (cache === 'used' ? false : writeCache(cacheDir, where, key, script)),
  };
}

/** Written whole under a temporary name, then renamed: a reader sees the old cache or the new, never half of one. */
function writeCache(cacheDir: string, where: string, key: string, script: vm.Script): boolean {
  const tmp = `${where}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  let fd: number;
  try {
    mkdirSync(cacheDir, { recursive: true });
    fd = openSync(tmp, 'wx');
  } catch {
    return false; // a read-only install: run without a cache
  }
  try {
    const data = script.createCachedData();
    writeSync(fd, `${HEADER}${key} ${sha256(data)}\n`, null, 'latin1');
    writeSync(fd, data);
    closeSync(fd);
    renameSync(tmp, where);
    return true;
  } catch {
    try {
      closeSync(fd);
    } catch {
      /* closed already */
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* gone already */
    }
    return false;
  }
}
