// A register must not reach outside itself (issue 10). Inside the register folder evenhand never
// follows a symbolic link: readers see links through the directory listing (readdir withFileTypes
// says so for free) and open files with O_NOFOLLOW; writers refuse a path with a link on it. The
// register folder itself may be reached through a link (e.g. /tmp on macOS): env.ts resolves it
// once with realpath, and everything below it is judged here.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { UserError, EXIT } from '../domain/errors.js';
import type { Finding } from '../domain/findings.js';
import { formatBytes, MAX_REGISTER_FILE_BYTES } from '../domain/limits.js';

export const LINK_HINT = 'replace the link with the real file or folder, or remove it: evenhand never follows a link out of the register';

/** The `symlink` finding: an error naming the link, read as nothing. */
export function linkFinding(file: string, caseId?: string): Finding {
  return { code: 'symlink', severity: 'error', file, ...(caseId ? { case: caseId } : {}), message: 'is a symbolic link; it was not read', hint: LINK_HINT };
}

/** A FIFO, socket or device where a file or folder should be: never opened (a FIFO would hang). */
export function specialFinding(file: string, caseId?: string): Finding {
  return { code: 'schema', severity: 'error', file, ...(caseId ? { case: caseId } : {}), message: 'is not a regular file or folder (a pipe, socket or device); it was not read', hint: 'remove it' };
}

/** What a directory entry is, for a reader that must not follow links. */
export function direntKind(d: Dirent): 'file' | 'dir' | 'link' | 'special' {
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'dir';
  if (d.isSymbolicLink()) return 'link';
  return 'special';
}

/** Like direntKind, for one path (lstat: a link is reported, not followed); undefined when absent. */
export function pathKind(abs: string): 'file' | 'dir' | 'link' | 'special' | undefined {
  let s;
  try {
    s = lstatSync(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
  return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'link' : 'special';
}

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; gone: true } | { ok: false; gone?: false; finding: Finding };

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Read up to `limit` bytes from an open descriptor. With `stopAtSize`, a regular file is read to the
 * size fstat gave (as readFileSync does, saving a read per file); without it, to the end whatever
 * fstat claimed: files under /proc say 0 and hold more. `over` is true when there was more than `limit`.
 */
export function readAllBounded(fd: number, sizeHint: number, limit: number, stopAtSize = false, scratch?: Buffer): { bytes: Buffer; over: boolean } {
  const size = Math.min(limit + 1, Math.max(sizeHint + 1, 4096));
  let buf = scratch && scratch.length >= size ? scratch.subarray(0, Math.min(scratch.length, limit + 1)) : Buffer.allocUnsafe(size);
  let got = 0;
  for (;;) {
    if (got === buf.length) {
      if (buf.length > limit) return { bytes: buf.subarray(0, got), over: true };
      const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) break;
    got += n;
    if (stopAtSize && sizeHint > 0 && got === sizeHint) break;
  }
  return { bytes: buf.subarray(0, got), over: got > limit };
}

/**
 * Read one file of the register without following a link and within the size limit. `rel` (the
 * path relative to the register) names the file in findings. A file gone since it was listed is
 * `gone`; a link, a special file or a file over the limit is a finding.
 */
export function readRegisterFileSync(registerDir: string, rel: string, caseId?: string, limit = MAX_REGISTER_FILE_BYTES, scratch?: Buffer): ReadResult {
  let fd: number;
  try {
    fd = openSync(join(registerDir, rel), constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, gone: true };
    // ELOOP on Linux and macOS, EMLINK on FreeBSD: the last part of the path is a link.
    if (code === 'ELOOP' || code === 'EMLINK') return { ok: false, finding: linkFinding(rel, caseId) };
    if (code === 'ENXIO') return { ok: false, finding: specialFinding(rel, caseId) }; // a socket
    throw err;
  }
  try {
    const s = fstatSync(fd);
    if (s.isDirectory()) return { ok: false, gone: true };
    if (!s.isFile()) return { ok: false, finding: specialFinding(rel, caseId) };
    const tooBig: Finding = {
      code: 'schema',
      severity: 'error',
      file: rel,
      ...(caseId ? { case: caseId } : {}),
      message: `is larger than the limit of ${formatBytes(limit)} for a register file; it was not read`,
      hint: 'an entry is a short YAML file: restore it from git (`git restore`) or move large material out of the register',
    };
    if (s.size > limit) return { ok: false, finding: tooBig };
    const { bytes, over } = readAllBounded(fd, s.size, limit, true, scratch);
    return over ? { ok: false, finding: tooBig } : { ok: true, bytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * Where text files are read before they are decoded: decoded at once, so one buffer serves every
 * file (a buffer allocated per file was a tenth of reading the 30,000 entry files of a register).
 */
const TEXT_SCRATCH = Buffer.allocUnsafe(64 * 1024);

/** readRegisterFileSync as text; a finding (or gone) otherwise. */
export function readRegisterTextSync(registerDir: string, rel: string, caseId?: string): { text: string } | { gone: true } | { finding: Finding } {
  const r = readRegisterFileSync(registerDir, rel, caseId, MAX_REGISTER_FILE_BYTES, TEXT_SCRATCH);
  if (r.ok) return { text: r.bytes.toString('utf8') };
  return r.gone ? { gone: true } : { finding: r.finding };
}

/**
 * Refuse a write whose folder, or any folder between the register and it, is a link or not a
 * folder: `rel` is relative to the register. Missing folders are fine (the writer creates them).
 */
export function refuseLinksOnPath(registerDir: string, rel: string): void {
  let at = '';
  for (const part of rel.split('/').filter(Boolean)) {
    at = at ? `${at}/${part}` : part;
    const kind = pathKind(join(registerDir, at));
    if (kind === undefined) return;
    if (kind === 'link') throw new UserError(`${at} in the register is a symbolic link; refusing to write through it, and nothing was written`, EXIT.findings, LINK_HINT);
    if (kind !== 'dir') throw new UserError(`${at} in the register is not a folder; nothing was written`, EXIT.findings, 'move it aside, then run `evenhand check`');
  }
}
