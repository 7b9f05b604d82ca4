// What an interrupted evenhand process can leave behind, found for `evenhand recover` (issue 10):
// temporary files of a write that never finished, case folders claimed and never filled, and the
// lock's details files. Entry files it left uncommitted are found through git (src/store/work-tree.ts).
import { existsSync } from 'node:fs';
import { readdir, rmdir, unlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { git } from './git.js';
import { TMP_SUFFIX } from './files.js';
import { staleLockFiles } from './lock.js';
import { readRegisterTextSync } from './contained.js';
import { listCaseFolders } from './register-store.js';

/** Temporary files under cases/ and candidates/ (the register's .gitignore hides them from git status). */
export async function temporaryFiles(registerDir: string): Promise<string[]> {
  const r = await git(registerDir, ['ls-files', '--others', '--ignored', '--exclude-standard', '--', 'cases', 'candidates'], { allowFailure: true });
  return r.stdout
    .split('\n')
    .filter((f) => f.endsWith(TMP_SUFFIX))
    .sort();
}

/** Details files of the write lock left by evenhand processes that were killed (paths relative to registerDir). */
export async function strayLockFiles(registerDir: string, gitDir: string): Promise<string[]> {
  return (await staleLockFiles(join(gitDir, 'evenhand.lock'))).map((p) => relative(registerDir, p));
}

export async function removeFile(registerDir: string, file: string): Promise<void> {
  await unlink(join(registerDir, file)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/** Remove a folder if it is still empty (a writer may have filled it meanwhile: then it stays). */
export async function removeEmptyFolder(registerDir: string, folder: string): Promise<boolean> {
  return rmdir(join(registerDir, folder)).then(
    () => true,
    () => false,
  );
}

/** The text of a file an interrupted command left, never through a link; undefined when it cannot be read. */
export function leftFileText(registerDir: string, file: string): string | undefined {
  const read = readRegisterTextSync(registerDir, file);
  return 'text' in read ? read.text : undefined;
}

export function registerFileExists(registerDir: string, file: string): boolean {
  return existsSync(join(registerDir, file));
}

/**
 * Case folders that are empty, or (`countGone`: a dry run) would be once the temporary files
 * `temps` are removed: claimed by a request that was never written.
 */
export async function emptyCaseFolders(registerDir: string, temps: string[], countGone: boolean): Promise<string[]> {
  const emptied = new Set(temps.map((t) => t.slice(0, t.lastIndexOf('/'))));
  const out: string[] = [];
  for (const { folder } of await listCaseFolders(registerDir)) {
    const names = await readdir(join(registerDir, folder)).catch(() => null);
    if (names === null) continue;
    if (names.length === 0 || (countGone && emptied.has(folder) && names.every((n) => temps.includes(`${folder}/${n}`)))) out.push(folder);
  }
  return out;
}
