// Writing that never leaves a half-written file and never overwrites (DESIGN.md "The register").
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Suffix of temporary files; readers skip them and the register's .gitignore ignores them. */
export const TMP_SUFFIX = '.evenhand-tmp';

async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, constants.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some file systems refuse fsync on a directory; the file itself is already synced.
  }
}

/**
 * Create `path` with `content`, failing with EEXIST if it exists. The content is written and
 * synced under a temporary name first, then hard-linked into place: a crash at any moment
 * leaves either no file or the whole file (plus, at worst, a temporary file readers ignore).
 */
export async function createFileExclusive(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TMP_SUFFIX}`);
  const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(tmp, path);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await fsyncDir(dir);
}

/** mkdir that reports whether this call created the folder (the exclusive claim on a new case id). */
export async function claimDirectory(path: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  try {
    await mkdir(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}
