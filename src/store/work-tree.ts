// What git knows about the register's files that the files themselves cannot say.
import { git } from './git.js';

/** Files under the register that are not committed as they are on disk (new, staged or modified). */
export async function uncommittedFiles(registerDir: string): Promise<string[]> {
  const [untracked, changed] = await Promise.all([
    git(registerDir, ['ls-files', '--others', '--exclude-standard', '--', 'cases', 'candidates', 'register.yaml']),
    git(registerDir, ['diff', '--name-only', '--relative', 'HEAD', '--', 'cases', 'candidates', 'register.yaml'], { allowFailure: true }),
  ]);
  const files = new Set([...untracked.stdout.split('\n'), ...changed.stdout.split('\n')].filter(Boolean));
  return [...files].sort();
}
