// Disk side of `evenhand preview`: a private temporary folder for the site, and watching the
// register (and its repository's commits) for changes.
import { watch } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { gitDirOf } from './commit.js';

/** A new private folder for a preview's site; `remove()` deletes it and everything in it. */
export async function previewFolder(): Promise<{ work: string; out: string; remove: () => Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), 'evenhand-preview-'));
  return { work, out: join(work, 'site'), remove: () => rm(work, { recursive: true, force: true }) };
}

/**
 * Call `changed` whenever a file of the register changes, or the repository records a commit (a
 * commit may change no file we read: HEAD or the index moves). Returns the watchers to close.
 */
export async function watchRegister(registerDir: string, changed: () => void): Promise<{ close(): void }[]> {
  const watchers: { close(): void }[] = [
    watch(registerDir, { recursive: true }, (_event, name) => {
      const rel = String(name ?? '');
      if (rel === '.git' || rel.startsWith(`.git${sep}`)) return;
      changed();
    }),
  ];
  const gitDir = await gitDirOf(registerDir).catch(() => null);
  if (gitDir && relative(registerDir, gitDir).startsWith('..'))
    watchers.push(watch(gitDir, (_event, name) => (String(name) === 'HEAD' || String(name) === 'index' ? changed() : undefined)));
  else if (gitDir) watchers.push(watch(gitDir, (_event, name) => (String(name) === 'index' ? changed() : undefined)));
  return watchers;
}
