// Incremental check and build (issue 14, docs/decisions/0025-incremental-check-and-build.md): the
// caches in .git/evenhand/cache/ only ever save work. After each kind of change, a warm run (with
// the caches of the run before) and a cold one (--no-cache) give the same findings and sites
// identical byte for byte; a leak that only a new alias reveals is caught warm; a page edited by
// hand in the last site is never carried into the next.
import { readdir, readFile, rename, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDir, gitIn, makeRegister, ROOT, run, setup } from './helpers.js';

async function readTree(dir: string, prefix = ''): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of await readTree(dir, rel)) out.set(k, v);
    else out.set(rel, await readFile(join(dir, rel)));
  }
  return out;
}

/** Every file of both sites, byte for byte (a failure names the first file that differs). */
async function expectSameSite(a: string, b: string) {
  const [x, y] = await Promise.all([readTree(a), readTree(b)]);
  expect([...x.keys()].sort()).toEqual([...y.keys()].sort());
  for (const [path, bytes] of x) expect({ path, same: bytes.equals(y.get(path)!) }).toEqual({ path, same: true });
}

const STATS = { EVENHAND_CACHE_STATS: '1' };

/**
 * Warm check, cold check, warm build into site/ (over the last site), cold build into cold-site/:
 * the same findings, the same site. Returns the warm runs' results.
 */
async function coldAndWarmAgree(dir: string, reg: string) {
  const warmCheck = await run(['-r', reg, 'check', '--json'], { cwd: dir, env: STATS });
  const coldCheck = await run(['-r', reg, 'check', '--json', '--no-cache'], { cwd: dir });
  expect(warmCheck.stdout).toBe(coldCheck.stdout);
  expect(warmCheck.code).toBe(coldCheck.code);
  const warmBuild = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir, env: STATS });
  const coldBuild = await run(['-r', reg, 'build', '--out', 'cold-site', '--no-cache'], { cwd: dir });
  expect(warmBuild.code).toBe(coldBuild.code);
  expect(warmBuild.stdout.replace('cold-site', 'site')).toBe(coldBuild.stdout.replace('cold-site', 'site'));
  if (coldBuild.code === 0) await expectSameSite(join(dir, 'site'), join(dir, 'cold-site'));
  return { warmCheck, warmBuild };
}

/** "page cache: N reused, M rendered and scanned" from EVENHAND_CACHE_STATS. */
function reused(stderr: string): number {
  const m = /page cache: (\d+) reused/.exec(stderr);
  return m ? Number(m[1]) : -1;
}

/**
 * A request, approved for publication (published while it awaits its answer): state for the runs
 * under test, so written through the setup runner (test/helpers.ts `setup`).
 */
async function request(reg: string, dir: string, candidate: string, received: string, text: string): Promise<string> {
  const r = await setup(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', received, '--channel', 'email', '--category', 'information', '--subject', `About ${received}`, '--text', text], { cwd: dir });
  expect(r.stderr).toBe('');
  expect((await setup(['-r', reg, 'approve', '--all'], { cwd: dir })).code).toBe(0);
  return JSON.parse(r.stdout).id as string;
}

async function commitAll(reg: string, message: string) {
  await gitIn(reg, ['add', '-A', '.']);
  await gitIn(reg, ['commit', '-q', '-m', message]);
}

describe('incremental check and build', () => {
  it('gives what a cold run gives after a new entry, a correction, a moved case, a new template, register.yaml and a corrupt cache', async () => {
    const { dir, reg, alex, bea } = await makeRegister();
    const first = await request(reg, dir, alex, '2024-04-08', 'How many officers work in each district?');
    // The first runs make the caches (the same bundle's code, so caches a fresh process trusts).
    await setup(['-r', reg, 'check'], { cwd: dir });
    await setup(['-r', reg, 'build', '--out', 'site'], { cwd: dir });

    // One new entry: most pages are taken from the cache, and still the same as a cold run.
    await request(reg, dir, bea, '2024-04-08', 'How many police stations are open at night?');
    const afterEntry = await coldAndWarmAgree(dir, reg);
    expect(reused(afterEntry.warmCheck.stderr)).toBeGreaterThan(0);
    expect(reused(afterEntry.warmBuild.stderr)).toBeGreaterThan(0);

    // A correction changes one case's public text.
    const entry = (await readdir(join(reg, caseDir(first)))).find((f) => f === 'request.yaml')!;
    const stamp = /^id:\s*(\S+)/m.exec(await readFile(join(reg, caseDir(first), entry), 'utf8'))![1];
    const corrected = await setup(['-r', reg, 'correct', stamp, '--case', first, '--reason', 'Wording for publication', '--set', 'subject=Officers by district'], { cwd: dir });
    expect(corrected.stderr).toBe('');
    expect((await setup(['-r', reg, 'approve', '--all'], { cwd: dir })).code).toBe(0);
    // And a case folder moved to the older flat layout (same case, other files' paths).
    await rename(join(reg, caseDir(first)), join(reg, 'cases', first));
    await commitAll(reg, 'move a case folder');
    await coldAndWarmAgree(dir, reg);

    // The register's own footer, which shows how many cases there are on every page: a new case
    // then changes every page, and no page may be carried from the cache.
    const footer = (await readFile(join(ROOT, 'templates', '_footer.hbs'), 'utf8')).replace('</footer>', '<p>{{@root.cases.length}} requests so far.</p></footer>');
    await mkdir(join(reg, 'templates'), { recursive: true });
    await writeFile(join(reg, 'templates', '_footer.hbs'), footer);
    // With it, register.yaml: the body's name is on every page.
    const config = join(reg, 'register.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('Test OPCC', 'Test Office of the PCC'));
    await commitAll(reg, 'own footer, and rename the body');
    await coldAndWarmAgree(dir, reg);
    expect(await readFile(join(dir, 'site', 'cases', `${first}.html`), 'utf8')).toContain('Test Office of the PCC');
    await request(reg, dir, alex, '2024-04-08', 'Is the custody suite open this week?');
    await coldAndWarmAgree(dir, reg);
    expect(await readFile(join(dir, 'site', 'cases', `${first}.html`), 'utf8')).toContain('3 requests so far.');
    expect(await readFile(join(dir, 'site', 'cases', `${first}.html`), 'utf8')).toContain('Officers by district');

    // Garbage in every cache file: detected, ignored and rebuilt.
    const caches = join(reg, '.git', 'evenhand', 'cache');
    const files = await readdir(caches);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) await writeFile(join(caches, f), Buffer.from('not a cache at all \u0000\u00ff'.repeat(40)));
    const afterGarbage = await coldAndWarmAgree(dir, reg);
    expect(reused(afterGarbage.warmCheck.stderr)).toBe(0);
  }, 600_000);

  it('scans every page again when a candidate gains an alias, so a leak only the alias reveals is caught warm', async () => {
    const { dir, reg, alex } = await makeRegister();
    await request(reg, dir, alex, '2024-04-08', 'How many officers work in each district?');
    // A word in the register's own footer that is nobody's name yet.
    const footer = (await readFile(join(ROOT, 'templates', '_footer.hbs'), 'utf8')).replace('</footer>', '<p>Ask Wolfie at the front desk.</p></footer>');
    await mkdir(join(reg, 'templates'), { recursive: true });
    await writeFile(join(reg, 'templates', '_footer.hbs'), footer);
    await commitAll(reg, 'own footer');
    const clean = await coldAndWarmAgree(dir, reg);
    expect(clean.warmCheck.code).toBe(0);
    expect(clean.warmBuild.code).toBe(0);

    expect((await setup(['-r', reg, 'candidate', 'update', alex, '--alias', 'Wolfie'], { cwd: dir })).code).toBe(0);
    const before = await readFile(join(dir, 'site', 'index.html'));
    const leaky = await coldAndWarmAgree(dir, reg);
    expect(leaky.warmCheck.code).toBe(1);
    expect(JSON.parse(leaky.warmCheck.stdout).findings.some((f: { code: string; message: string }) => f.code === 'identifiable' && f.message.includes('"Wolfie"'))).toBe(true);
    expect(leaky.warmBuild.code).toBe(1);
    expect(leaky.warmBuild.stderr).toContain('leak gate');
    // The refused build left the last good site as it was.
    expect((await readFile(join(dir, 'site', 'index.html'))).equals(before)).toBe(true);
  }, 300_000);

  it('never carries a page edited by hand in the last site into the next', async () => {
    const { dir, reg, alex } = await makeRegister();
    const id = await request(reg, dir, alex, '2024-04-08', 'How many officers work in each district?');
    await coldAndWarmAgree(dir, reg);
    const page = join(dir, 'site', 'cases', `${id}.html`);
    const built = await readFile(page, 'utf8');
    // Same size, one letter changed: only the content says it is not what was built.
    const edited = built.replace('officers', 'officerz');
    expect(edited).not.toBe(built);
    await writeFile(page, edited);
    // A new entry the same day leaves the page as it was built, so it would be carried forward.
    await request(reg, dir, alex, '2024-04-08', 'And how many staff?');
    const { warmBuild } = await coldAndWarmAgree(dir, reg);
    expect(reused(warmBuild.stderr)).toBeGreaterThan(0);
    expect(await readFile(page, 'utf8')).toBe(built);
  }, 300_000);

  it('redacts only the cases that changed, and every case again when a candidate gains a form its text holds', async () => {
    const { dir, reg, alex, bea } = await makeRegister();
    const asked = await request(reg, dir, alex, '2024-04-08', 'Could Wolfie visit the control room before the poll?');
    await request(reg, dir, bea, '2024-04-08', 'How many police stations are open at night?');
    await setup(['-r', reg, 'check'], { cwd: dir });
    await setup(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    const stats = (stderr: string) => /public cases: (\d+) from the cache, (\d+) redacted/.exec(stderr)?.slice(1).map(Number);

    // One new case: the two before are taken as they were, the new one redacted. (The cold check
    // between them leaves a cache of all three, which the warm build then takes whole.)
    await request(reg, dir, bea, '2024-04-09', 'Is the custody suite open this week?');
    const afterEntry = await coldAndWarmAgree(dir, reg);
    expect(stats(afterEntry.warmCheck.stderr)).toEqual([2, 1]);
    expect(stats(afterEntry.warmBuild.stderr)).toEqual([3, 0]);

    // "Wolfie" becomes Alex's alias: every case is redacted again (its text now names a candidate).
    expect((await setup(['-r', reg, 'candidate', 'update', alex, '--alias', 'Wolfie'], { cwd: dir })).code).toBe(0);
    const afterAlias = await coldAndWarmAgree(dir, reg);
    expect(stats(afterAlias.warmCheck.stderr)).toEqual([0, 3]);
    // Its public text changed, so the case waits for a person to approve it again (publication.review).
    const published = async () => (JSON.parse(await readFile(join(dir, 'site', 'disclosure-log.json'), 'utf8')) as { cases: { reference: string }[] }).cases.map((c) => c.reference);
    expect(await published()).not.toContain(asked);
    expect((await setup(['-r', reg, 'approve', '--all'], { cwd: dir })).code).toBe(0);
    const afterApproval = await coldAndWarmAgree(dir, reg);
    expect(stats(afterApproval.warmCheck.stderr)).toEqual([2, 1]);
    const log = JSON.parse(await readFile(join(dir, 'site', 'disclosure-log.json'), 'utf8')) as { cases: { reference: string; question: string }[] };
    const question = log.cases.find((c) => c.reference === asked)!.question;
    expect(question).toContain('visit the control room');
    expect(question).not.toContain('Wolfie');

    // Nothing new since: a check rewrites none of its caches (a write replaces a file: a new inode).
    await setup(['-r', reg, 'check'], { cwd: dir });
    const caches = join(reg, '.git', 'evenhand', 'cache');
    const inodes = async () => Object.fromEntries(await Promise.all(['parsed-files.bin', 'public-cases.bin', 'site-pages.bin'].map(async (f) => [f, (await stat(join(caches, f))).ino])));
    const before = await inodes();
    const again = await run(['-r', reg, 'check'], { cwd: dir, env: STATS });
    expect(stats(again.stderr)).toEqual([3, 0]);
    expect(await inodes()).toEqual(before);
  }, 300_000);
});
