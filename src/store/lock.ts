// A lock around write+commit so that concurrent evenhand processes in one repository queue up
// instead of fighting over git's index.lock. A lock whose owner died is taken over.
import { hostname } from 'node:os';
import { open, readFile, unlink } from 'node:fs/promises';
import { constants } from 'node:fs';

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

async function isStale(lockPath: string): Promise<boolean> {
  try {
    const [pid, host, at] = (await readFile(lockPath, 'utf8')).split(' ');
    if (host === hostname() && !processAlive(Number(pid))) return true;
    return Date.now() - Number(at) > STALE_AFTER_MS;
  } catch {
    return false; // vanished or half-written by its owner right now: just retry
  }
}

export async function withLock<T>(lockPath: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  let delay = 5;
  for (;;) {
    try {
      const fh = await open(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      await fh.writeFile(`${process.pid} ${hostname()} ${Date.now()}`);
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (await isStale(lockPath)) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(
          `another evenhand process has held ${lockPath} for over ${Math.round(timeoutMs / 1000)} s; if none is running, delete that file and try again`,
        );
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 200);
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
