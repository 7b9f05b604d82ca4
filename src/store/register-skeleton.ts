// Disk and git side of `evenhand init`: the folders and files of a new register, in a repository
// that evenhand creates (set up for fast appends) or in the enclosing one, and its first commit.
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FAST_APPEND_CONFIG } from './append-setup.js';
import { commitPaths, type CommitSpec } from './commit.js';
import { git, repoRoot } from './git.js';
import { assertReadyToCommit, findGitDir } from './repo-state.js';
import { writeSchemaFiles } from './schema-files.js';

export function registerExists(dir: string): boolean {
  return existsSync(join(dir, 'register.yaml'));
}

/** Write register.yaml (never over one), .gitignore, cases/, candidates/ and schemas/, and commit them. */
/** `commit` is asked for once the repository exists (who is recording is read from its git config). */
export async function createRegister(dir: string, registerYaml: string, commit: () => Promise<Omit<CommitSpec, 'cwd' | 'paths'>>): Promise<void> {
  // Inside an existing repository: refuse before writing anything if the commit would be lost or mixed.
  const enclosing = await findGitDir(dir);
  if (enclosing) assertReadyToCommit(enclosing);
  await mkdir(dir, { recursive: true });
  if (!(await repoRoot(dir))) {
    await git(dir, ['init', '-q']);
    // What makes appends fast (a split index: each append rewrites only what changed, not the
    // whole index, 3 MB at 10,000 cases). Only set in a repository evenhand creates; an existing
    // one is the user's to configure, with `evenhand doctor --fix` (docs/decisions/0028).
    for (const [key, value] of FAST_APPEND_CONFIG) await git(dir, ['config', key, value]);
  }
  await writeFile(join(dir, 'register.yaml'), registerYaml, { flag: 'wx' });
  // Temporary files from an interrupted write never belong in the history.
  if (!existsSync(join(dir, '.gitignore'))) await writeFile(join(dir, '.gitignore'), '*.evenhand-tmp\nsite/\n');
  await mkdir(join(dir, 'cases'), { recursive: true });
  await mkdir(join(dir, 'candidates'), { recursive: true });
  await writeSchemaFiles(join(dir, 'schemas'));
  const schemaPaths = (await readdir(join(dir, 'schemas'))).map((f) => `schemas/${f}`);
  await commitPaths({ cwd: dir, paths: ['register.yaml', '.gitignore', ...schemaPaths], ...(await commit()) });
}
