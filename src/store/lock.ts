// A lock around write+commit so that concurrent evenhand processes in one repository queue up
// instead of fighting over git's index.lock. A lock whose owner died is taken over.
import { hostname } from 'node:os';
import { link, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError, EXIT } from '../domain/errors.js';

const STALE_AFTER_MS = 120_000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The inode of a stale lock, or null when the lock is alive (or gone). */
async function staleInode(lockPath: string): Promise<number | null> {
  try {
    const { ino } = await stat(lockPath);
    return (await isStale(lockPath)) ? ino : null;
  } catch {
    return null;
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  try {
    const [pid, host, at] = (await readFile(lockPath, 'utf8')).split(' ');
    if (!pid || !at) return true; // not written by this version: nobody can own it
    if (host === hostname() && !processAlive(Number(pid))) return true;
    return Date.now() - Number(at) > STALE_AFTER_MS;
  } catch {
    return false; // vanished or half-written by its owner right now: just retry
  }
}

/** `<lock>.<pid>.<random>`: the owner's details, written before they are linked into place as the lock. */
const TMP_NAME = /^(.+)\.(\d+)\.[0-9a-z]+$/;

/**
 * Remove the details files of writers on this machine that were killed before they could delete
 * theirs (kill -9 between writing the file and linking it). Only files whose process is gone:
 * a live writer's file is its own. Run by the holder of the lock, so it costs a waiting writer nothing.
 */
export async function removeStaleLockFiles(lockPath: string): Promise<string[]> {
  const removed: string[] = [];
  for (const path of await staleLockFiles(lockPath))
    await unlink(path).then(
      () => removed.push(path),
      () => undefined,
    );
  return removed;
}

/** Details files of lock attempts by processes on this machine that no longer run. */
export async function staleLockFiles(lockPath: string): Promise<string[]> {
  const dir = dirname(lockPath);
  const base = basename(lockPath);
  const out: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = TMP_NAME.exec(name);
    if (!m || m[1] !== base || Number(m[2]) === process.pid || processAlive(Number(m[2]))) continue;
    // The pid is only meaningful on the machine that wrote it (a .git shared over a network).
    const host = (await readFile(join(dir, name), 'utf8').catch(() => '')).split(' ')[1];
    if (host && host !== hostname()) continue;
    out.push(join(dir, name));
  }
  return out.sort();
}

export async function withLock<T>(lockPath: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  let delay = 5;
  // The owner's details are written first and the lock appears with them in one link(): a writer
  // killed at any moment never leaves an empty lock nobody can judge stale. One details file per
  // call (not per attempt), so a writer killed while it waits leaves at most one, which the next
  // holder of the lock removes (removeStaleLockFiles).
  const tmp = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, `${process.pid} ${hostname()} ${Date.now()}`);
  try {
    for (;;) {
      try {
        await link(tmp, lockPath);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const ino = await staleInode(lockPath);
        // Remove it only if it is still the same file: another process may have replaced it already.
        if (ino !== null) {
          if ((await stat(lockPath).catch(() => null))?.ino === ino) await unlink(lockPath).catch(() => undefined);
          continue;
        }
        if (Date.now() - started > timeoutMs) {
          throw new UserError(
            `another evenhand process has held ${lockPath} for over ${Math.round(timeoutMs / 1000)} s; nothing was written`,
            EXIT.findings,
            'if no evenhand process is running, delete that file and try again',
          );
        }
        await sleep(delay + Math.random() * delay);
        delay = Math.min(delay * 2, 200);
        // The time in the details is when the lock was taken: refresh it before the next attempt.
        await writeFile(tmp, `${process.pid} ${hostname()} ${Date.now()}`).catch(() => undefined);
      }
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  try {
    await removeStaleLockFiles(lockPath);
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
