// Warm runs on a register large enough for the open data to come in many pieces (issue 14,
// docs/decisions/0033): after a new entry the pieces that did not change are not scanned again,
// yet check and build say and publish exactly what cold runs do.
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './helpers.js';

const STATS = { EVENHAND_CACHE_STATS: '1' };

/**
 * At most what one new case may change: the JSON's head and tail (counts, commit) and, in each of the
 * two files, the piece it joins — two pieces when its own reference ends a piece (one in 128; the
 * reference is random). That pieces are cut by case, not position, is shown on 3,000 cases in
 * src/render/open-data-pieces.test.ts; here, that the memo is used and changes nothing.
 */
const MAX_CHANGED_PIECES = 6;

/** "open-data pieces: N found clean before, M scanned" from EVENHAND_CACHE_STATS. */
function pieces(stderr: string): { reused: number; scanned: number } {
  const m = /open-data pieces: (\d+) found clean before, (\d+) scanned/.exec(stderr);
  expect(m, stderr).not.toBeNull();
  return { reused: Number(m![1]), scanned: Number(m![2]) };
}

async function files(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    out.push(...(e.isDirectory() ? await files(dir, rel) : [rel]));
  }
  return out.sort();
}

describe('warm runs with the open data in pieces', () => {
  let dir: string;
  let reg: string;
  beforeAll(async () => {
    dir = await tempDir();
    reg = join(dir, 'reg');
    // 400 cases through the benchmark's generator (git fast-import): a few seconds.
    execFileSync(process.execPath, [join(ROOT, 'dist', 'bench', 'bench.js'), '--generate', '400', reg], { stdio: 'ignore' });
    const cold = await run(['-r', reg, 'check', '--json'], { cwd: dir, env: STATS });
    expect(pieces(cold.stderr)).toMatchObject({ reused: 0 });
    // A new request, received today: listed among the others by date, in one piece of each file.
    const r = await run(['-r', reg, 'request', '--candidate', 'c-00am', '--received', 'today', '--channel', 'email', '--category', 'information', '--subject', 'Officers', '--text', 'How many officers work in each district?'], { cwd: dir });
    expect(r.stderr).toBe('');
  }, 120_000);

  it('check scans only the changed pieces, and finds what a cold check finds', async () => {
    const warm = await run(['-r', reg, 'check', '--json'], { cwd: dir, env: STATS });
    const { reused, scanned } = pieces(warm.stderr);
    // Two files (JSON, CSV) of several pieces each: only those the new case touched are scanned.
    expect(scanned).toBeGreaterThan(0);
    expect(scanned).toBeLessThanOrEqual(MAX_CHANGED_PIECES);
    expect(reused).toBeGreaterThan(0);
    const cold = await run(['-r', reg, 'check', '--json', '--no-cache'], { cwd: dir });
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
  }, 120_000);

  it('build takes the same pieces as clean and writes a site identical to a cold build', async () => {
    expect((await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir, env: STATS })).code).toBe(0);
    const r = await run(['-r', reg, 'request', '--candidate', 'c-00am', '--received', 'today', '--channel', 'email', '--category', 'budget', '--subject', 'Budget', '--text', 'What is the budget for each district?'], { cwd: dir });
    expect(r.stderr).toBe('');
    const warm = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir, env: STATS });
    expect(warm.code).toBe(0);
    expect(pieces(warm.stderr).scanned).toBeLessThanOrEqual(MAX_CHANGED_PIECES);
    expect(pieces(warm.stderr).reused).toBeGreaterThan(0);
    expect((await run(['-r', reg, 'build', '--out', 'cold-site', '--no-cache'], { cwd: dir })).code).toBe(0);
    const [a, b] = await Promise.all([files(join(dir, 'site')), files(join(dir, 'cold-site'))]);
    expect(a).toEqual(b);
    for (const f of a) expect({ f, same: (await readFile(join(dir, 'site', f))).equals(await readFile(join(dir, 'cold-site', f))) }).toEqual({ f, same: true });
  }, 180_000);
});
