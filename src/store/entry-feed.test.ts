// The entry files as a cold audit receives them (ADR 0040): a folder is ready only once it is read
// (or is not on disk), a commit waiting for a late folder waits, and a failure of the worker is
// reported as the error it was (a UserError stays one: its message, exit code and hint, no stack).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../domain/errors.js';
import { EntryFeed } from './entry-feed.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'entry-feed-'));
  dirs.push(d);
  return d;
}

const request = (id: string) =>
  `id: ${id}\nkind: request\ncase: ${id}\nreceived_on: 2024-04-29\nchannel: email\nrecorded_by: Test SPOC\nrecorded_at: 2024-04-30T10:00:00Z\n`;

/** A register folder with `n` case folders of one request each (more than one slice of 50). */
function register(n: number): { dir: string; folders: string[] } {
  const dir = tempDir();
  const folders: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `2024-04${String(i).padStart(2, '0').slice(-2)}-${String(i).padStart(4, '0').replace(/\d/g, (d) => 'abcdefghjk'[+d])}`;
    const folder = `cases/2024-04/${id}`;
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, 'request.yaml'), request(id));
    folders.push(folder);
  }
  return { dir, folders: folders.sort() };
}

describe('the entry files fed to a cold audit', () => {
  it('makes a folder ready only once it is read, and a late folder is waited for', async () => {
    const { dir, folders } = register(130);
    const feed = new EntryFeed(dir, undefined);
    const last = folders[folders.length - 1];
    // Nothing is known before the listing: not even that a folder is absent.
    expect(feed.ready(last)).toBe(false);
    expect(feed.ready('cases/2024-04/not-there')).toBe(false);
    await feed.waitFor(last);
    expect(feed.entries.has(`${last}/request.yaml`)).toBe(true);
    expect(feed.ready('cases/2024-04/not-there')).toBe(true);
    await feed.done;
    expect(feed.entries.size).toBe(130);
    expect([...feed.entries.keys()]).toEqual(folders.map((f) => `${f}/request.yaml`));
  });

  it('stops reading on this thread once closed (git failed: nothing more is wanted)', async () => {
    const { dir } = register(130);
    const feed = new EntryFeed(dir, undefined);
    feed.close();
    await expect(feed.done).rejects.toThrow('closed');
    expect(feed.entries.size).toBeLessThan(130);
  });

  it('reports a worker that failed with a UserError as that UserError', async () => {
    const dir = tempDir();
    const worker = join(dir, 'fails.mjs');
    writeFileSync(
      worker,
      `import { parentPort } from 'node:worker_threads';
       parentPort.postMessage({ listing: { folders: [], findings: [] } });
       parentPort.postMessage({ error: { message: 'cases/x cannot be read', user: { exitCode: 1, hint: 'fix it', findings: [] } } });`,
    );
    const feed = new EntryFeed(dir, worker);
    const err = await feed.done.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe('cases/x cannot be read');
    expect((err as UserError).exitCode).toBe(1);
    expect((err as UserError).hint).toBe('fix it');
    // A commit waiting for a folder hears of it too.
    await expect(feed.waitFor('cases/2024-04/a')).rejects.toBe(err);
  });

  it('reports a worker that threw or stopped without finishing', async () => {
    const dir = tempDir();
    const throws = join(dir, 'throws.mjs');
    writeFileSync(throws, `throw new Error('boom');`);
    await expect(new EntryFeed(dir, throws).done).rejects.toThrow(/the entry files could not be read: boom/);
    const quits = join(dir, 'quits.mjs');
    writeFileSync(quits, `import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ listing: { folders: [{ id: 'a', folder: 'cases/a' }], findings: [] } }); process.exit(0);`);
    const feed = new EntryFeed(dir, quits);
    await expect(feed.waitFor('cases/a')).rejects.toThrow(/the reading stopped/);
  });

  it('keeps an error code from the worker (a file system error stays one)', async () => {
    const dir = tempDir();
    const worker = join(dir, 'eio.mjs');
    writeFileSync(worker, `import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ error: { message: 'EIO: i/o error, read', code: 'EIO' } });`);
    const err = await new EntryFeed(dir, worker).done.then(() => undefined, (e: unknown) => e);
    expect(err).not.toBeInstanceOf(UserError);
    expect((err as NodeJS.ErrnoException).code).toBe('EIO');
  });
});
