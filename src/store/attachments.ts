// Attachments (issue 10): the stored copy is exactly the bytes whose sha256 and size the response
// records, and `check` proves it still is. The source is read once, into memory, and only when it is
// a regular file: /proc and /dev files, pipes and devices report a size they do not hold (or never
// end), so they are refused rather than recorded as one thing and stored as another.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { UserError, EXIT } from '../domain/errors.js';
import type { Finding } from '../domain/findings.js';
import { formatBytes, MAX_ATTACHMENT_BYTES } from '../domain/limits.js';
import type { Register } from '../domain/register-model.js';
import { pathKind, readAllBounded, readRegisterFileSync } from './contained.js';

export interface AttachmentSource {
  bytes: Buffer;
  sha256: string;
  size: number;
}

/** Pseudo-file systems whose files are not documents, whatever they look like. */
const SPECIAL_ROOTS = ['/proc', '/dev', '/sys'];

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Read an attachment given on the command line: a regular file of at most MAX_ATTACHMENT_BYTES, read once. */
export function readAttachmentSource(path: string, flag: string, shown = path): AttachmentSource {
  const refuse = (why: string, hint = 'save what was sent as an ordinary file and attach that') => new UserError(`${flag} ${shown}: ${why}; nothing was written`, EXIT.usage, hint);
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch {
    throw new UserError(`${flag} ${shown}: no such file`, EXIT.usage, 'check the path; it is read from the current folder');
  }
  if (SPECIAL_ROOTS.some((root) => real === root || real.startsWith(root + sep))) throw refuse(`${real} is a special file of the operating system, not a document`);
  let fd: number;
  try {
    // O_NONBLOCK: a named pipe must not make the command wait for a writer.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw refuse(`cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file and its permissions');
  }
  try {
    const s = fstatSync(fd);
    if (s.isDirectory()) throw refuse('is a folder, not a file', 'attach each file in it');
    if (!s.isFile()) throw refuse('is not a regular file (a pipe, socket or device)');
    const limit = `the limit of ${formatBytes(MAX_ATTACHMENT_BYTES)} for an attachment`;
    if (s.size > MAX_ATTACHMENT_BYTES) throw refuse(`is ${s.size} bytes, over ${limit}`, 'keep large material outside the register and refer to it in the response text');
    const { bytes, over } = readAllBounded(fd, s.size, MAX_ATTACHMENT_BYTES);
    if (over) throw refuse(`holds more than ${limit}`, 'keep large material outside the register and refer to it in the response text');
    // A file that reads differently from its size is special (or being written): what was hashed must be what is stored.
    if (bytes.length !== s.size) throw refuse(`reports ${s.size} bytes but ${bytes.length} were read (a special file, or one still being written)`);
    return { bytes, sha256: sha256Hex(bytes), size: bytes.length };
  } finally {
    closeSync(fd);
  }
}

/**
 * Every attachment of every response in force: its stored file exists in attachments/ of the case
 * folder, is a regular file (not a link), and has the size and sha256 the response records.
 */
export function attachmentFindings(registerDir: string, register: Register): Finding[] {
  const out: Finding[] = [];
  for (const c of register.cases.values()) {
    const responses = c.entries.filter((e) => e.value.kind === 'response' && e.value.attachments.length > 0);
    if (responses.length === 0) continue;
    // A linked attachments/ folder is reported by the reader (code symlink); nothing is read through it.
    const folderOk = pathKind(`${registerDir}/${c.folder}/attachments`) === 'dir';
    for (const e of responses) {
      if (e.value.kind !== 'response') continue;
      e.value.attachments.forEach((a, i) => {
        const file = `${c.folder}/${a.path}`;
        const at = (message: string, hint: string): Finding => ({ code: 'attachment', severity: 'error', case: c.id, file, path: `attachments[${i}]`, message, hint });
        const restore = `restore it from git (\`git restore -- ${file}\`); if the response recorded the wrong file, record a correction of ${e.value.id}`;
        if (!folderOk) return void out.push(at(`attachment "${a.name}" recorded by ${e.value.id} cannot be verified: ${c.folder}/attachments is missing or not a folder`, restore));
        const read = readRegisterFileSync(registerDir, file, c.id, MAX_ATTACHMENT_BYTES);
        if (!read.ok) return void out.push(read.gone ? at(`attachment "${a.name}" recorded by ${e.value.id} is missing`, restore) : { ...read.finding, code: 'attachment', path: `attachments[${i}]` });
        const sha = sha256Hex(read.bytes);
        if (read.bytes.length !== a.bytes || sha !== a.sha256)
          out.push(at(`stored file is ${read.bytes.length} bytes with sha256 ${sha.slice(0, 12)}…; ${e.value.id} records ${a.bytes} bytes with sha256 ${a.sha256.slice(0, 12)}…`, restore));
      });
    }
  }
  return out;
}
