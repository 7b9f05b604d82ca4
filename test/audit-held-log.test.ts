// A cold audit holds `git log`'s output as bytes while it reads the entry files, and parses it once
// they are read (ADR 0035): the commits handed on are the same, in the same order, none before the
// files are read, and git is held back (not read further) once the bytes held reach the bound.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { streamHistory } from '../src/store/history.js';
import type { HistoryCommit } from '../src/domain/audit.js';
import { gitIn, tempDir } from './helpers.js';

/** A repository of `n` commits, each adding one file (scenery written with git fast-import). */
async function importRepo(n: number): Promise<{ dir: string; tip: string }> {
  const dir = await tempDir();
  await gitIn(dir, ['init', '-q']);
  let stream = '';
  for (let i = 1; i <= n; i++) {
    const text = `id: e-${i}\n${'text '.repeat(200)}\n`;
    stream += `commit refs/heads/main\ncommitter A <a@example.org> ${1_700_000_000 + i * 60} +0000\ndata <<END\nentry ${i}\n\nEvenhand-Clock: system\nEND\n`;
    stream += `M 100644 inline cases/2024-04/c-${i}/request.yaml\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream });
  return { dir, tip: execFileSync('git', ['rev-parse', 'refs/heads/main'], { cwd: dir, encoding: 'utf8' }).trim() };
}

const brief = (c: HistoryCommit) => `${c.sha} ${c.parents.join(',')} ${c.subject} ${c.changes.map((x) => `${x.status}:${x.path}`).join(' ')}`;

describe('the history held as bytes while the entry files are read', () => {
  it('hands on the same commits in the same order, none before it is let go', async () => {
    const { dir, tip } = await importRepo(300);
    const plain: string[] = [];
    await streamHistory(dir, tip, {}, (batch) => void plain.push(...batch.map(brief)));
    expect(plain).toHaveLength(300);
    expect(plain[0]).toContain('entry 1 A:cases/2024-04/c-1/request.yaml');

    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    let released = false;
    const held: string[] = [];
    const reading = streamHistory(dir, tip, { hold: { until, bytes: 64 * 1024 * 1024 } }, (batch) => {
      // Nothing is parsed and handed on while the caller is not ready.
      expect(released).toBe(true);
      held.push(...batch.map(brief));
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(held).toEqual([]);
    released = true;
    release();
    await reading;
    expect(held).toEqual(plain);
  });

  it('holds git back once the bytes held reach the bound, then reads on', async () => {
    const { dir, tip } = await importRepo(300);
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    let done = false;
    const got: HistoryCommit[] = [];
    // A bound of one byte: the first chunk reaches it, and the stream waits for `until`.
    const reading = streamHistory(dir, tip, { hold: { until, bytes: 1 } }, (batch) => void got.push(...batch)).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    expect(got).toEqual([]);
    release();
    await reading;
    expect(got).toHaveLength(300);
  });

  it('lets go when what it waits for fails, and hands on every commit', async () => {
    const { dir, tip } = await importRepo(20);
    const until = Promise.reject(new Error('the files could not be read'));
    const got: HistoryCommit[] = [];
    await streamHistory(dir, tip, { hold: { until, bytes: 1 } }, (batch) => void got.push(...batch));
    expect(got).toHaveLength(20);
  });
});
