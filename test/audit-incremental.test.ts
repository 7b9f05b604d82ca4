// The incremental audit (issue 14; docs/decisions/0027-incremental-audit.md): `evenhand audit`
// resumes from the last commit it verified, through .git/evenhand/cache/audit.bin, and gives exactly
// what a cold audit gives, even when the history was rewritten under the cache. To tell a resumed
// run from a cold one without a clock or a debug switch, a test plants a finding in the cached
// state: it shows only when the cache was used.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { caseDir, gitIn, makeRegister, run, setup } from './helpers.js';

const cachePath = (reg: string) => join(reg, '.git', 'evenhand', 'cache', 'audit.bin');

// Entries are the history audit reads, not what is tested: written through the setup runner.
async function request(reg: string, candidate: string, subject = 'Officer numbers'): Promise<string> {
  const r = await setup(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-29', '--channel', 'email', '--category', 'information', '--subject', subject, '--text', 'How many?']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).id;
}

async function decide(reg: string, id: string): Promise<void> {
  const r = await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-29']);
  if (r.code !== 0) throw new Error(r.stderr);
}

async function audit(reg: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  const r = await run(['-r', reg, 'audit', '--json', ...args]);
  if (r.code > 1) throw new Error(r.stderr);
  return { code: r.code, stdout: r.stdout };
}

/** Add a finding to the cached audit's state: it shows in the output only if an audit resumes from the cache. */
async function plant(reg: string): Promise<void> {
  // The file is pieces (ADR 0041), each a 4-byte length and a v8-serialized value: a header, the
  // cache without its string table, the table in slices, a trailer. The second piece holds the state.
  const bytes = await readFile(cachePath(reg));
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 4 + bytes.readUInt32LE(at)) pieces.push(bytes.subarray(at + 4, at + 4 + bytes.readUInt32LE(at)));
  const rest = deserialize(pieces[1]) as { state: { problems: unknown[] } };
  rest.state.problems.push({ code: 'planted', severity: 'warning', cases: [], message: 'from the cache' });
  pieces[1] = serialize(rest);
  await writeFile(cachePath(reg), Buffer.concat(pieces.flatMap((p) => [Buffer.from(Uint32Array.of(p.length).buffer), p])));
}

const planted = (out: string) => out.includes('"planted"');

/** The answer of a cold audit (which leaves a fresh cache). */
async function cold(reg: string) {
  const r = await audit(reg, '--no-cache');
  // A cold run writes a fresh cache, as check and build do with --no-cache.
  expect(existsSync(cachePath(reg))).toBe(true);
  return r;
}

describe('audit resumes from the last commit it verified', () => {
  it('gives what a cold audit gives after new entries, and reads only what is new', async () => {
    const { reg, alex, bea } = await makeRegister();
    const a = await request(reg, alex);
    expect((await audit(reg)).code).toBe(0);
    expect(existsSync(cachePath(reg))).toBe(true);

    // Resumed: the planted finding comes through, and the new entries are audited with it.
    await plant(reg);
    await decide(reg, a);
    const b = await request(reg, bea, 'Budget');
    const resumed = await audit(reg);
    expect(planted(resumed.stdout)).toBe(true);
    const files = JSON.parse(resumed.stdout).entries.map((e: { file: string }) => e.file);
    expect(files).toEqual(expect.arrayContaining([`${caseDir(a)}/request.yaml`, `${caseDir(b)}/request.yaml`]));
    expect(files.some((f: string) => f.startsWith(`${caseDir(a)}/decision-`))).toBe(true);

    // Without the planted finding: warm and cold are the same, byte for byte, in both formats.
    await cold(reg);
    await audit(reg);
    await decide(reg, b);
    const warm = await audit(reg);
    const warmText = await run(['-r', reg, 'audit']);
    const coldRun = await cold(reg);
    expect(warm).toEqual(coldRun);
    expect(warmText.stdout).toBe((await run(['-r', reg, 'audit', '--no-cache'])).stdout);
    // --no-cache ignores the cache and writes a fresh one, as check and build do: the planted
    // finding is gone from it too, so the next warm audit resumes without it.
    await audit(reg);
    await plant(reg);
    expect(planted((await audit(reg, '--no-cache')).stdout)).toBe(false);
    expect(existsSync(cachePath(reg))).toBe(true);
    expect(planted((await audit(reg)).stdout)).toBe(false);
  });

  it('audits cold when the history was rewritten under the cache: reset and new commits, an amend, another branch', async () => {
    const { reg, alex, bea } = await makeRegister();
    const a = await request(reg, alex);
    const before = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    await decide(reg, a);
    await audit(reg);

    // reset --hard to an earlier commit (dropping the decision), then a new entry on top.
    await plant(reg);
    await gitIn(reg, ['reset', '-q', '--hard', before]);
    await request(reg, bea, 'Budget');
    const afterReset = await audit(reg);
    expect(planted(afterReset.stdout)).toBe(false);
    expect(afterReset).toEqual(await cold(reg));

    // An amended commit: the cached tip is no longer in HEAD's history.
    await audit(reg);
    await plant(reg);
    await gitIn(reg, ['commit', '-q', '--amend', '-m', 'request: rewritten by hand']);
    const amended = await audit(reg);
    expect(planted(amended.stdout)).toBe(false);
    expect(amended.code).toBe(1);
    expect(amended).toEqual(await cold(reg));

    // A force-updated branch: main moved to a side line made from an older commit.
    await audit(reg);
    await plant(reg);
    await gitIn(reg, ['checkout', '-q', '-b', 'side', before]);
    await request(reg, alex, 'Vehicles');
    const side = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    await gitIn(reg, ['checkout', '-q', '-']);
    await gitIn(reg, ['reset', '-q', '--hard', side]);
    const forced = await audit(reg);
    expect(planted(forced.stdout)).toBe(false);
    expect(forced).toEqual(await cold(reg));
  });

  it('audits cold when an entry the cached checks read changed since: edited and committed, or edited on disk', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    await audit(reg);
    const file = join(reg, caseDir(a), 'request.yaml');
    const text = await readFile(file, 'utf8');

    // Edited on disk only: what the file says now decides the findings.
    await plant(reg);
    await writeFile(file, text.replace(/recorded_at: .*/, 'recorded_at: 2024-01-01T00:00:00Z'));
    const edited = await audit(reg);
    expect(planted(edited.stdout)).toBe(false);
    expect(edited.stdout).toContain('uncommitted-change');
    expect(edited).toEqual(await cold(reg));

    // Restored, then edited and committed: tampering found cold is found warm.
    await gitIn(reg, ['checkout', '--', '.']);
    await audit(reg);
    await plant(reg);
    await writeFile(file, text.replace(/recorded_at: .*/, 'recorded_at: 2024-01-01T00:00:00Z'));
    await gitIn(reg, ['commit', '-q', '-am', 'edit by hand']);
    const committed = await audit(reg);
    expect(planted(committed.stdout)).toBe(false);
    expect(committed.stdout).toContain('tamper-modified');
    expect(committed).toEqual(await cold(reg));
  });

  it('ignores a corrupt or cut-short cache', async () => {
    const { reg, alex } = await makeRegister();
    await request(reg, alex);
    const expected = await cold(reg);
    await audit(reg);
    const bytes = await readFile(cachePath(reg));
    await writeFile(cachePath(reg), bytes.subarray(0, bytes.length >> 1));
    expect(await audit(reg)).toEqual(expected);
    await writeFile(cachePath(reg), 'not a cache at all');
    expect(await audit(reg)).toEqual(expected);
    // A cache of the right shape but for other options (signatures) is not resumed either.
    await audit(reg);
    await plant(reg);
    const signed = await run(['-r', reg, 'audit', '--json', '--require-signed']);
    expect(planted(signed.stdout)).toBe(false);
  });
});
