// Issue 10: two offices record contradictory entries on one case and sync. Each is a new file, so
// git merges them without a word: `check` must report them with the correction that resolves
// them, and `build` must not publish one response and silently drop the other.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, makeRegister, ROOT, run, setup, tempDir } from './helpers.js';

// The offices' entries and syncs prepare the merged history that check, build and correct are tested on.
async function sync(reg: string) {
  const r = await setup(['-r', reg, 'sync']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

/** One register shared through a bare remote, a case logged in office A, and office B's clone. */
async function twoOfficesWithACase() {
  const { dir, reg: a, alex } = await makeRegister();
  const remote = join(dir, 'shared.git');
  await gitIn(dir, ['init', '-q', '--bare', '--initial-branch=main', remote]);
  await gitIn(a, ['branch', '-M', 'main']);
  await gitIn(a, ['remote', 'add', 'origin', remote]);
  const r = await setup(['-r', a, 'request', '--json', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', 'Overtime', '--text', 'Overtime figures?']);
  const id = JSON.parse(r.stdout).id as string;
  await sync(a);
  const b = join(dir, 'office-b');
  await gitIn(dir, ['clone', '-q', remote, b]);
  return { dir, a, b, id };
}

async function conflicts(reg: string) {
  const c = await run(['-r', reg, 'check', '--as-of', '2024-04-30', '--json']);
  return JSON.parse(c.stdout).findings.filter((f: { code: string }) => f.code === 'conflicting-entries');
}

describe('conflicting-entries across offices', () => {
  it('two offices decide one case differently: check reports it with the correction; build refuses; the correction resolves it', async () => {
    const { dir, a, b, id } = await twoOfficesWithACase();
    const da = JSON.parse((await setup(['-r', a, 'decide', id, '--json', '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09'])).stdout).id;
    const db = JSON.parse((await setup(['-r', b, 'decide', id, '--json', '--outcome', 'refuse', '--by', 'chief-constable', '--on', '2024-04-10', '--reason', 'Cost limit'])).stdout).id;
    await sync(a);
    await sync(b);
    await sync(a);
    const found = await conflicts(a);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', case: id, file: expect.stringContaining(`${db}.yaml`) });
    expect(found[0].message).toMatch(new RegExp(`two decisions stand on this case: ${da} \\(provide.*\\) and ${db} \\(refuse`));
    expect(found[0].hint).toContain(`evenhand correct ${db} --case ${id} --reason "Decided twice; ${da} stands" --set withdrawn=true`);
    expect((await run(['-r', a, 'check', '--as-of', '2024-04-30'])).code).toBe(1);

    const refused = await run(['-r', a, 'build'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`case ${id} has contradictory entries .*nothing was built`));
    expect(refused.stderr).toMatch(/error conflicting-entries: two decisions stand/);

    // The offices agree that A's decision stands: B's is withdrawn by a correction, as the hint says.
    const fix = await run(['-r', a, 'correct', db, '--case', id, '--reason', `Decided twice; ${da} stands`, '--set', 'withdrawn=true']);
    expect(fix.stderr).toBe('');
    expect(fix.code).toBe(0);
    expect(await conflicts(a)).toEqual([]);
    const show = JSON.parse((await run(['-r', a, 'show', id, '--json'])).stdout);
    expect(show.state).toBe('decided');
    expect(show.entries.find((e: { id: string }) => e.id === db).fields.withdrawn).toBe(true);
    expect((await run(['-r', a, 'build'], { cwd: dir })).code).toBe(0);
    expect((await run(['-r', a, 'audit'])).code).toBe(0);
  });

  it('two offices each send a response: check reports it, build refuses naming the case rather than drop one', async () => {
    const { dir, a, b, id } = await twoOfficesWithACase();
    expect((await setup(['-r', a, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09'])).code).toBe(0);
    await sync(a);
    await sync(b);
    const ra = JSON.parse((await setup(['-r', a, 'respond', id, '--json', '--channel', 'email', '--sent', '2024-04-10', '--text', 'Figures from A.'])).stdout).id;
    const rb = JSON.parse((await setup(['-r', b, 'respond', id, '--json', '--channel', 'letter', '--sent', '2024-04-11', '--text', 'Figures from B.'])).stdout).id;
    await sync(a);
    await sync(b);
    const found = await conflicts(b);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(new RegExp(`two responses recorded: ${ra} .* and ${rb} `));
    expect(found[0].hint).toContain(`evenhand correct ${rb} --case ${id}`);
    const refused = await run(['-r', b, 'build'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`case ${id} has contradictory entries`));
    expect(refused.stderr).not.toMatch(/internal error/);
  });

  it('a decision recorded after the response is reported', async () => {
    const { a, b, id } = await twoOfficesWithACase();
    expect((await setup(['-r', a, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09'])).code).toBe(0);
    expect((await setup(['-r', a, 'respond', id, '--channel', 'email', '--sent', '2024-04-10', '--text', 'Figures.'])).code).toBe(0);
    const late = JSON.parse((await setup(['-r', b, 'decide', id, '--json', '--outcome', 'refuse', '--by', 'chief-executive', '--on', '2024-04-12', '--reason', 'Cost'])).stdout).id;
    await sync(a);
    await sync(b);
    const found = await conflicts(b);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(new RegExp(`decision ${late} .* comes after the response .* already went out`));
    expect(found[0].hint).toContain(`evenhand correct ${late} --case ${id}`);
  });
});

describe('check: conflicting-entries (fixture, as test/check.test.ts builds one per rule)', () => {
  it('two decisions standing on one case are the only finding, an error naming the second', async () => {
    const dir = join(await tempDir(), 'register');
    await cp(join(ROOT, 'test', 'fixtures', 'check-base'), dir, { recursive: true });
    const c = '2024-0415-cccc';
    const lines = (f: Record<string, string>) => `${Object.entries(f).map(([k, v]) => `${k}: ${v}`).join('\n')}\n`;
    const at = (d: string) => ({ recorded_by: 'SPOC', recorded_at: `${d}T10:00:00Z` });
    await mkdir(join(dir, 'cases', c), { recursive: true });
    await writeFile(join(dir, 'cases', c, 'request.yaml'), lines({ id: c, kind: 'request', candidate: 'c-a001', received: '2024-04-15', channel: 'email', category: 'information', subject: 'Q', text: 'Q?', ...at('2024-04-15') }));
    for (const [id, outcome] of [['decision-dd01', 'provide'], ['decision-dd02', 'already-published']])
      await writeFile(join(dir, 'cases', c, `${id}.yaml`), lines({ id, kind: 'decision', case: c, outcome, decided_by: 'chief-executive', decided_on: '2024-04-16', ...at('2024-04-16') }));
    await gitIn(dir, ['init', '-q']);
    await gitIn(dir, ['add', '-A']);
    await gitIn(dir, ['commit', '-qm', 'fixture']);
    const r = await run(['-r', dir, 'check', '--as-of', '2024-04-20', '--json']);
    const findings = JSON.parse(r.stdout).findings;
    expect(findings.map((f: { code: string }) => f.code)).toEqual(['conflicting-entries']);
    expect(findings[0]).toMatchObject({ severity: 'error', case: c, file: `cases/${c}/decision-dd02.yaml`, line: 1 });
    expect(r.code).toBe(1);
  });
});
