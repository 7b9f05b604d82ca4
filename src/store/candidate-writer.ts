// Writing a candidate record (the roster): one file, one commit. Unlike entries, a record may be
// replaced (a new alias, a declaration), so a changed file is written beside and renamed over the
// old, and a failed commit leaves the roster exactly as git holds it.
import { rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { candidateFile } from '../domain/register-model.js';
import { commitPathsLocked, withWriteLock, type CommitSpec } from './commit.js';
import { refuseLinksOnPath } from './contained.js';
import { createFileExclusive } from './files.js';
import { git } from './git.js';

/** Write candidates/<id>.yaml and commit it alone, holding the write lock; `create` refuses an existing file. */
export async function writeCandidateAndCommit(registerDir: string, id: string, content: string, create: boolean, commit: Omit<CommitSpec, 'cwd' | 'paths'>): Promise<void> {
  const file = candidateFile(id);
  const abs = join(registerDir, file);
  refuseLinksOnPath(registerDir, 'candidates');
  // Written and committed holding the write lock, once the repository is ready for a commit
  // (on a branch, nothing in progress): nothing is written where the commit would be lost.
  await withWriteLock(registerDir, async (gitDir) => {
    if (create) await createFileExclusive(abs, content);
    else {
      // Write-then-rename keeps the old file whole until the new one is complete.
      const tmp = `${abs}.${process.pid}.evenhand-tmp`;
      await writeFile(tmp, content);
      await rename(tmp, abs);
    }
    try {
      await commitPathsLocked({ cwd: registerDir, paths: [file], ...commit }, gitDir);
    } catch (err) {
      // Leave the roster as git holds it: a new file goes, a changed one is put back.
      await git(registerDir, ['reset', '-q', '--', file], { allowFailure: true });
      if (create) await unlink(abs).catch(() => undefined);
      else await git(registerDir, ['checkout', '-q', 'HEAD', '--', file], { allowFailure: true });
      throw err;
    }
  });
}
