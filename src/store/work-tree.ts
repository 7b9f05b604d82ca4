// What git knows about the register's files that the files themselves cannot say.
import { git } from './git.js';

/** Files under the register that are not committed as they are on disk (new, staged or modified). */
/** Null when the register is not inside a git repository at all. */
export async function uncommittedFiles(registerDir: string): Promise<string[] | null> {
  const [untracked, changed] = await Promise.all([
    git(registerDir, ['ls-files', '--others', '--exclude-standard', '--', 'cases', 'candidates', 'register.yaml'], { allowFailure: true }),
    git(registerDir, ['diff', '--name-only', '--relative', 'HEAD', '--', 'cases', 'candidates', 'register.yaml'], { allowFailure: true }),
  ]);
  if (untracked.code !== 0) return null;
  const files = new Set([...untracked.stdout.split('\n'), ...changed.stdout.split('\n')].filter(Boolean));
  return [...files].sort();
}
