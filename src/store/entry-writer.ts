// Appending to the register: exclusive create, fsync, then one commit that adds exactly that file.
import { mkdir, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { claimDirectory, createFileExclusive } from './files.js';
import { commitPathsLocked, withWriteLock, type CommitSpec } from './commit.js';
import { writeRefusal } from './repo-state.js';
import { pathKind, refuseLinksOnPath } from './contained.js';
import { git } from './git.js';
import { UserError, EXIT } from '../domain/errors.js';
import { caseFolder } from '../domain/register-model.js';

export interface AppendSpec {
  registerDir: string;
  /** Path of the entry file relative to the register. */
  file: string;
  content: string;
  /** Files stored in the case folder in the same commit (attachments): exactly these bytes. */
  extraFiles?: { bytes: Uint8Array; to: string }[];
  commit: Omit<CommitSpec, 'cwd' | 'paths'>;
  /**
   * Judges the write on what is on disk now, holding the write lock: re-reads the case and
   * re-runs the workflow rules, throwing a UserError to refuse. Checks made before the lock (for
   * a quick answer) can be stale by then: six concurrent `respond` once wrote two responses.
   */
  recheck?: () => Promise<void>;
}

/** Who is recording: $EVENHAND_USER, else git's user.name, else the OS user name. */
export async function recorderName(registerDir: string, vars: Record<string, string | undefined>, osUser: string): Promise<string> {
  if (vars.EVENHAND_USER?.trim()) return vars.EVENHAND_USER.trim();
  const r = await git(registerDir, ['config', 'user.name'], { allowFailure: true });
  return r.stdout.trim() || osUser;
}

/**
 * Claim a new case folder. Ids carry 20 random bits; a clash with an existing folder (another
 * process, or a clone that pushed first) just draws again.
 */
export async function claimCaseFolder(registerDir: string, nextId: () => string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const id = nextId();
    // Never create a case through a link: cases/ or its month folder may not be one (issue 10).
    refuseLinksOnPath(registerDir, dirname(caseFolder(id)));
    // An older register may hold the id at cases/<id>/ (before month folders): draw again then too.
    if (pathKind(join(registerDir, 'cases', id)) !== undefined) continue;
    try {
      if (await claimDirectory(join(registerDir, caseFolder(id)))) return id;
    } catch (err) {
      throw writeRefusal(err, join(registerDir, 'cases')) ?? err;
    }
  }
  throw new Error('could not find a free case id after 20 attempts');
}

export async function releaseEmptyCaseFolder(registerDir: string, caseId: string): Promise<void> {
  // The month folder stays even when empty: removing it could race another request creating its
  // case in the same month. git does not track empty folders, so nothing shows.
  await rmdir(join(registerDir, caseFolder(caseId))).catch(() => undefined);
}

export async function appendEntry(spec: AppendSpec): Promise<void> {
  await withWriteLock(spec.registerDir, async (gitDir) => {
    await spec.recheck?.();
    await writeAndCommitLocked(spec, gitDir);
  });
}

async function writeAndCommitLocked(spec: AppendSpec, gitDir: string): Promise<void> {
  const abs = join(spec.registerDir, spec.file);
  // Nothing is written through a link inside the register (a linked case folder would put the entry elsewhere).
  for (const rel of [spec.file, ...(spec.extraFiles ?? []).map((f) => f.to)]) refuseLinksOnPath(spec.registerDir, dirname(rel));
  const written: string[] = [];
  try {
    for (const f of spec.extraFiles ?? []) {
      const dest = join(spec.registerDir, f.to);
      await mkdir(dirname(dest), { recursive: true });
      // The bytes that were hashed into the entry, written exclusively and synced: never a second read of the source.
      await createFileExclusive(dest, f.bytes);
      written.push(dest);
    }
    try {
      await createFileExclusive(abs, spec.content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UserError(`${spec.file} already exists; an entry is never overwritten`, EXIT.findings, 'record a correction entry instead');
      throw err;
    }
    written.push(abs);
    await commitPathsLocked({ ...spec.commit, cwd: spec.registerDir, paths: [spec.file, ...(spec.extraFiles ?? []).map((f) => f.to)] }, gitDir);
  } catch (err) {
    // Nothing half-done stays behind: unstage and remove what this call wrote, unless a commit made
    // by someone else meanwhile already holds it (then it is history, and removing it would be a change).
    const rel = written.map((p) => p.slice(spec.registerDir.length + 1));
    const inHead = rel.length
      ? new Set((await git(spec.registerDir, ['ls-tree', '--name-only', 'HEAD', '--', ...rel], { allowFailure: true })).stdout.split('\n').filter(Boolean))
      : new Set<string>();
    const drop = rel.filter((p) => !inHead.has(p));
    if (drop.length) await git(spec.registerDir, ['rm', '-q', '--cached', '--ignore-unmatch', '--', ...drop], { allowFailure: true });
    for (const p of drop) await unlink(join(spec.registerDir, p)).catch(() => undefined);
    throw writeRefusal(err, abs) ?? err;
  }
}
