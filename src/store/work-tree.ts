// What git knows about the register's files that the files themselves cannot say.
import { git } from './git.js';

/** Where the register's data lives: entries, candidates and settings (not templates or a built site). */
const DATA_PATHS = ['cases', 'candidates', 'register.yaml'];

export interface WorkTreeChanges {
  /** Files HEAD does not hold, untracked or only staged (a new entry a killed writer left, a file made by hand). */
  added: string[];
  /** Tracked files that differ from HEAD: edited, deleted or staged. */
  modified: string[];
}

/** The register's data files that are not as HEAD holds them; null when the register is not in a git repository. */
export async function workTreeChanges(registerDir: string): Promise<WorkTreeChanges | null> {
  const [untracked, changed] = await Promise.all([
    git(registerDir, ['ls-files', '--others', '--exclude-standard', '--', ...DATA_PATHS], { allowFailure: true }),
    git(registerDir, ['diff', '--name-status', '--relative', '--no-renames', 'HEAD', '--', ...DATA_PATHS], { allowFailure: true }),
  ]);
  if (untracked.code !== 0) return null;
  const added = untracked.stdout.split('\n').filter(Boolean);
  const modified: string[] = [];
  for (const line of changed.stdout.split('\n').filter(Boolean)) {
    const [status, path] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
    (status === 'A' ? added : modified).push(path);
  }
  return { added: [...new Set(added)].sort(), modified: modified.sort() };
}

/** Files under the register that are not committed as they are on disk (new, staged or modified). */
/** Null when the register is not inside a git repository at all. */
export async function uncommittedFiles(registerDir: string): Promise<string[] | null> {
  const changes = await workTreeChanges(registerDir);
  return changes && [...changes.added, ...changes.modified].sort();
}
