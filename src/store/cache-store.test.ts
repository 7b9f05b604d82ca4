// Map caches (docs/decisions/0037): a whole file and a delta beside it. What is read is always what
// was last written, whichever of the two a write touched; a delta left from another whole file is
// never laid over this one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMapCache } from './cache-store.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evenhand-map-cache-'));
  dirs.push(dir);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

const entries = (n: number, tag = 'v') => new Map(Array.from({ length: n }, (_, i) => [`k${i}`, { value: `${tag}${i}` }]));
const files = (dir: string) => ({ whole: join(dir, '.git', 'evenhand', 'cache', 'm.bin'), delta: join(dir, '.git', 'evenhand', 'cache', 'm.delta.bin') });

describe('openMapCache', () => {
  it('writes a few changed entries as a delta and reads back exactly what was written', async () => {
    const dir = repo();
    const { whole, delta } = files(dir);
    const first = (await openMapCache<{ value: string }>(dir, 'm'))!;
    first.write(entries(1000));
    const wholeInode = statSync(whole).ino;

    const second = (await openMapCache<{ value: string }>(dir, 'm'))!;
    const read = second.read()!;
    expect(read).toEqual(entries(1000));
    // Three changes: one new, one changed, one gone; the other 997 are the very objects read.
    read.set('new', { value: 'n' });
    read.set('k5', { value: 'changed' });
    read.delete('k7');
    second.write(read);
    expect(statSync(whole).ino).toBe(wholeInode);
    expect(existsSync(delta)).toBe(true);
    expect((await openMapCache<{ value: string }>(dir, 'm'))!.read()).toEqual(read);

    // Changes on changes: still a delta, still read as written.
    const third = (await openMapCache<{ value: string }>(dir, 'm'))!;
    const again = third.read()!;
    again.delete('new');
    again.set('k9', { value: 'nine' });
    third.write(again);
    expect(statSync(whole).ino).toBe(wholeInode);
    expect((await openMapCache<{ value: string }>(dir, 'm'))!.read()).toEqual(again);
  });

  it('rewrites the whole file when much changed, and never lays an old delta over a newer whole file', async () => {
    const dir = repo();
    const { whole, delta } = files(dir);
    const a = (await openMapCache<{ value: string }>(dir, 'm'))!;
    a.write(entries(1000));
    const b = (await openMapCache<{ value: string }>(dir, 'm'))!;
    const read = b.read()!;
    read.set('k1', { value: 'one' });
    b.write(read);
    const leftDelta = statSync(delta).size;
    expect(leftDelta).toBeGreaterThan(0);

    // Every entry new: the whole file is written, the delta removed.
    const c = (await openMapCache<{ value: string }>(dir, 'm'))!;
    c.read();
    c.write(entries(1000, 'w'));
    expect(existsSync(delta)).toBe(false);
    expect((await openMapCache<{ value: string }>(dir, 'm'))!.read()).toEqual(entries(1000, 'w'));

    // A delta made for an earlier whole file (a process killed between the two writes) is ignored.
    const d = (await openMapCache<{ value: string }>(dir, 'm'))!;
    const current = d.read()!;
    current.set('k2', { value: 'two' });
    d.write(current);
    const stale = readFileSync(delta);
    const e = (await openMapCache<{ value: string }>(dir, 'm'))!;
    e.write(entries(1000, 'x')); // no read: a fresh cache, written whole
    expect(existsSync(delta)).toBe(false);
    writeFileSync(delta, stale); // as if killed before the old delta was removed
    expect((await openMapCache<{ value: string }>(dir, 'm'))!.read()).toEqual(entries(1000, 'x'));
  });

  it('writes a whole file in pieces and reads nothing from one cut short, lengthened or with a length that runs past its end', async () => {
    const dir = repo();
    const { whole } = files(dir);
    const big = entries(2000);
    (await openMapCache<{ value: string }>(dir, 'm'))!.write(big);
    expect((await openMapCache<{ value: string }>(dir, 'm'))!.read()).toEqual(big);
    const bytes = readFileSync(whole);
    // The first piece (what made the file) is far shorter than the file: the entries follow in pieces.
    expect(bytes.readUInt32LE(0) + 4).toBeLessThan(bytes.length / 10);
    const variants = [bytes.subarray(0, bytes.length - 7), Buffer.concat([bytes, Buffer.from([1, 0, 0, 0, 0])]), Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0x7f]), bytes.subarray(4)])];
    for (const damaged of variants) {
      writeFileSync(whole, damaged);
      expect((await openMapCache<{ value: string }>(dir, 'm'))!.read()).toBeUndefined();
    }
  });

  it('streams a whole file entry by entry, in place only once finished, and clears what killed writers left', async () => {
    const dir = repo();
    const { whole, delta } = files(dir);
    const cacheDir = join(dir, '.git', 'evenhand', 'cache');
    const first = (await openMapCache<{ value: string }>(dir, 'm'))!;
    first.write(entries(10));
    const before = readFileSync(whole);
    // Left by a process that is gone (no such pid), and one by a process still running (this one's parent).
    const deadLeftover = join(cacheDir, 'm.bin.2147483646.tmp');
    const liveLeftover = join(cacheDir, `m.bin.${process.ppid}.tmp`);
    writeFileSync(deadLeftover, 'half a cache');
    writeFileSync(liveLeftover, 'being written');

    const streamed = (await openMapCache<{ value: string }>(dir, 'm'))!;
    const writer = streamed.stream();
    const big = entries(1500, 's');
    for (const [key, value] of big) writer.add(key, value);
    // Not finished: what a reader sees is the file as it was.
    expect(readFileSync(whole)).toEqual(before);
    expect(existsSync(deadLeftover)).toBe(false);
    expect(existsSync(liveLeftover)).toBe(true);
    expect(writer.finish()).toBe(true);
    expect(existsSync(delta)).toBe(false);
    expect((await openMapCache<{ value: string }>(dir, 'm'))!.read()).toEqual(big);
    // A writer given nothing and never finished touches nothing.
    (await openMapCache<{ value: string }>(dir, 'm'))!.stream();
    expect((await openMapCache<{ value: string }>(dir, 'm'))!.read()).toEqual(big);
  });

  it('clears what a writer that stopped left behind when the cache is next opened, even if nothing is written', async () => {
    const dir = repo();
    (await openMapCache<{ value: string }>(dir, 'm'))!.write(entries(3));
    const cacheDir = join(dir, '.git', 'evenhand', 'cache');
    const deadLeftover = join(cacheDir, 'm.bin.2147483646.tmp');
    const otherCache = join(cacheDir, 'other.bin.2147483646.tmp');
    writeFileSync(deadLeftover, 'half a cache');
    writeFileSync(otherCache, 'not this cache');
    const opened = (await openMapCache<{ value: string }>(dir, 'm'))!;
    expect(existsSync(deadLeftover)).toBe(false);
    expect(existsSync(otherCache)).toBe(true);
    expect(opened.read()).toEqual(entries(3));
  });
});
