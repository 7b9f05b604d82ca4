// Bounds (issue 10): `response_target_days: 100000000` once hung every reading command and a YAML
// alias bomb gave exit 3. Now each is a finding naming the file, exit 1, for every reader.
import { readFileSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, ROOT, run, tempDir } from './helpers.js';

const BASE = join(ROOT, 'test', 'fixtures', 'check-base');
const aliasBomb = () => readFileSync(join(ROOT, 'test', 'fixtures', 'alias-bomb.yaml'), 'utf8');
const ENTRY = 'cases/2024-0408-aaaa/decision-d001.yaml';

/** The check fixture, committed, with one file rewritten by `edit`. */
async function fixture(file: string, edit: (text: string) => string): Promise<{ dir: string; reg: string }> {
  const dir = await tempDir();
  const reg = join(dir, 'register');
  await cp(BASE, reg, { recursive: true });
  await gitIn(reg, ['init', '-q']);
  await gitIn(reg, ['add', '-A']);
  await gitIn(reg, ['commit', '-qm', 'fixture']);
  await writeFile(join(reg, file), edit(await readFile(join(reg, file), 'utf8')));
  return { dir, reg };
}

async function readers(dir: string) {
  return Promise.all([['check'], ['list'], ['build', '--out', 'site']].map((args) => run(['-r', 'register', ...args], { cwd: dir })));
}

describe('bounds on what a register holds', () => {
  it('response_target_days: 100000000 is a schema error in register.yaml, and every reader ends with exit 1', async () => {
    const { dir } = await fixture('register.yaml', (t) => t.replace('response_target_days: 10', 'response_target_days: 100000000'));
    const [check, list, build] = await readers(dir);
    expect(check.stdout).toContain('register/register.yaml:11: error schema: response_target_days: expected at most 365 working days');
    for (const r of [check, list, build]) expect(r.code).toBe(1);
  });

  it('an alias bomb in register.yaml: a schema error naming the file and the limit, exit 1 (not 3)', async () => {
    const { dir } = await fixture('register.yaml', (t) => t + aliasBomb());
    const [check, list, build] = await readers(dir);
    expect(check.stdout).toMatch(/register\/register\.yaml: error schema: uses YAML aliases \(\*name\) that expand past the limit of 100/);
    for (const r of [check, list, build]) {
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });

  it('an alias bomb in an entry file: the entry is named, exit 1', async () => {
    const { dir } = await fixture(ENTRY, (t) => t + aliasBomb());
    const [check, list, build] = await readers(dir);
    expect(check.stdout).toContain(`register/${ENTRY}: error schema: uses YAML aliases`);
    for (const r of [check, list, build]) expect(r.code).toBe(1);
  });

  it('an entry file over the size limit is named and not parsed', async () => {
    const { dir } = await fixture(ENTRY, (t) => t + `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const [check] = await readers(dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`register/${ENTRY}: error schema: is larger than the limit of 1 MiB for a register file`);
  });
});
