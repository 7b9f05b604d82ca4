// `evenhand doctor`: what makes appends fast, found missing in a register `evenhand init` did not
// make, and set by --fix (docs/decisions/0028-append-at-the-floor.md). Real git, built CLI.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, makeRegister, NOW, run, tempDir } from './helpers.js';

const requestArgs = (reg: string, candidate: string) => ['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', 'Question', '--text', 'A question'];
const splitFiles = (reg: string) => readdirSync(join(reg, '.git')).filter((n) => n.startsWith('sharedindex.'));

describe('evenhand doctor', () => {
  it('finds nothing to fix in a register evenhand init made', async () => {
    const { reg } = await makeRegister();
    const r = await run(['-r', reg, 'doctor']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok: the repository is set up for fast appends');
  });

  it('finds a register made otherwise without a split index, and --fix sets one up; appends still work', async () => {
    const { reg, alex } = await makeRegister();
    // As a register restored into a plain `git init`, or cloned: the repository's own config.
    await gitIn(reg, ['config', '--unset', 'core.splitIndex']);
    await gitIn(reg, ['update-index', '--no-split-index']);

    const before = await run(['-r', reg, 'doctor']);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/to fix: split-index: core\.splitIndex is not set: every append rewrites the whole index/);
    expect(before.stdout).toContain('fix: git config core.splitIndex true && git update-index --split-index');

    const fixed = await run(['-r', reg, 'doctor', '--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('fixed: split-index');
    expect((await gitIn(reg, ['config', '--type=bool', 'core.splitIndex'])).trim()).toBe('true');
    expect(splitFiles(reg).length).toBeGreaterThan(0);
    expect((await run(['-r', reg, 'doctor'])).code).toBe(0);

    const req = await run(requestArgs(reg, alex));
    expect(req.code).toBe(0);
    expect(await gitIn(reg, ['status', '--porcelain'])).toBe('');
  });

  it('finds a split index whose own part holds many entries, and --fix folds them into a new shared index', async () => {
    const dir = await tempDir();
    await gitIn(dir, ['init', '-q']);
    await gitIn(dir, ['config', 'core.splitIndex', 'true']);
    // git itself starts a new shared index once 20% of the entries changed; here it never does.
    await gitIn(dir, ['config', 'splitIndex.maxPercentChange', '100']);
    await gitIn(dir, ['update-index', '--split-index']); // an empty shared index: every entry added after it is the split part's
    await mkdir(join(dir, 'many'));
    await Promise.all(Array.from({ length: 600 }, (_, i) => writeFile(join(dir, 'many', `f${i}.txt`), `${i}\n`)));
    // Files from an hour ago, as a copy or a restore leaves them: a file written in the same second
    // as the index is "racily clean", and git keeps such entries in the split part whatever --fix
    // does (on a busy machine the whole test can fall within one second, and --fix seemed to fail).
    const hourAgo = new Date(Date.parse(NOW) - 3_600_000);
    await Promise.all(Array.from({ length: 600 }, (_, i) => utimes(join(dir, 'many', `f${i}.txt`), hourAgo, hourAgo)));
    await gitIn(dir, ['add', 'many']);
    await gitIn(dir, ['commit', '-q', '-m', 'many files']);

    const before = await run(['-r', dir, 'doctor', '--json']);
    expect(before.code).toBe(1);
    const found = JSON.parse(before.stdout);
    expect(found.findings.map((f: { id: string }) => f.id)).toEqual(['split-index-full']);
    expect(found.findings[0].message).toMatch(/holds 6\d\d entries of its own beside the 0 of its shared part/);
    expect(found.findings[0].fix).toEqual(['git update-index -q --refresh', 'git update-index --split-index']);

    const fixed = JSON.parse((await run(['-r', dir, 'doctor', '--fix', '--json'])).stdout);
    expect(fixed.fixed).toEqual(['split-index-full']);
    expect(fixed.findings).toEqual([]);
    expect(await gitIn(dir, ['status', '--porcelain'])).toBe('');
  });

  it('says what the repository chose that costs an append time, without changing it', async () => {
    const { reg } = await makeRegister();
    await gitIn(reg, ['config', 'core.hooksPath', 'my-hooks']);
    const r = await run(['-r', reg, 'doctor', '--fix']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note: hooks-path: core.hooksPath is set (my-hooks)');
    expect(r.stdout).not.toContain('fixed:');
    expect((await gitIn(reg, ['config', 'core.hooksPath'])).trim()).toBe('my-hooks');
  });

  it('refuses a folder outside git, and explains itself in --help', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'register.yaml'), 'body: x\n');
    const r = await run(['-r', dir, 'doctor']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not in a git repository');
    const help = await run(['doctor', '--help']);
    expect(help.stdout).toContain('core.splitIndex');
    expect(help.stdout).toContain('evenhand doctor --fix');
    expect(existsSync(join(dir, '.git'))).toBe(false);
  });
});
