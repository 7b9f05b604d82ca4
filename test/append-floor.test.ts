// The append path of docs/decisions/0028-append-at-the-floor.md: HEAD read from the git folder
// (packed refs, linked worktrees, a hooks path), and register.yaml and the roster parsed only when
// their bytes changed, with every roster rule still enforced. Real git, built CLI, fixed clock.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDir, gitIn, makeRegister, run, tempDir } from './helpers.js';

const requestArgs = (reg: string, candidate: string, subject = 'Question') => ['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', subject, '--text', 'A question'];
const CACHE = (reg: string) => join(reg, '.git', 'evenhand', 'cache', 'write-inputs.bin');

async function request(reg: string, candidate: string, subject?: string): Promise<string> {
  const r = await run(requestArgs(reg, candidate, subject));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).id;
}

describe('register.yaml and the roster, parsed only when they change', () => {
  it('a changed register.yaml is read again: the commit carries the new label', async () => {
    const { reg, alex } = await makeRegister();
    await request(reg, alex);
    expect((await readFile(CACHE(reg))).length).toBeGreaterThan(0);
    expect((await run(['-r', reg, 'config', 'set', 'label', 'NEW-LABEL'])).code).toBe(0);
    const id = await request(reg, alex);
    expect((await gitIn(reg, ['log', '-1', '--format=%s'])).trim()).toBe(`request ${id}: information by email [NEW-LABEL]`);
  });

  it('a candidate file broken after a cached run refuses the next request, as before', async () => {
    const { reg, alex, bea } = await makeRegister();
    await request(reg, alex);
    const file = join(reg, 'candidates', `${bea}.yaml`);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^status: .*$/m, 'status: maybe'));
    const r = await run(requestArgs(reg, alex));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the candidate files are invalid; fix them first');
    expect(r.stderr).toContain(`candidates/${bea}.yaml`);
  });

  it('a second file claiming a candidate id refuses the next request, as before', async () => {
    const { reg, alex } = await makeRegister();
    await request(reg, alex);
    await writeFile(join(reg, 'candidates', 'zz-copy.yaml'), await readFile(join(reg, 'candidates', `${alex}.yaml`)));
    const r = await run(requestArgs(reg, alex));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`candidate id "${alex}" is used by two files`);
  });

  it('a corrupt or foreign cache is ignored and replaced; the request is recorded', async () => {
    const { reg, alex } = await makeRegister();
    await mkdir(join(reg, '.git', 'evenhand', 'cache'), { recursive: true });
    await writeFile(CACHE(reg), 'not a cache at all');
    const id = await request(reg, alex);
    expect((await gitIn(reg, ['show', '--name-only', '--format=', 'HEAD'])).trim()).toBe(`${caseDir(id)}/request.yaml`);
    expect(await readFile(CACHE(reg), 'utf8')).not.toBe('not a cache at all');
    const other = await makeRegister();
    await mkdir(join(other.reg, '.git', 'evenhand', 'cache'), { recursive: true });
    await writeFile(CACHE(other.reg), await readFile(CACHE(reg))); // another register's cache
    await request(other.reg, other.alex);
    expect(await gitIn(other.reg, ['status', '--porcelain'])).toBe('');
  });
});

describe('HEAD from the git folder', () => {
  it('appends on a branch held only in packed-refs, and moves it', async () => {
    const { reg, alex } = await makeRegister();
    await gitIn(reg, ['pack-refs', '--all', '--prune']);
    const before = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    const id = await request(reg, alex);
    expect((await gitIn(reg, ['rev-parse', 'HEAD~1'])).trim()).toBe(before);
    expect((await gitIn(reg, ['log', '-1', '--format=%s'])).trim()).toBe(`request ${id}: information by email`);
    expect(await gitIn(reg, ['status', '--porcelain'])).toBe('');
  });

  it('appends in a linked worktree on its own branch, leaving the main one alone', async () => {
    const { dir, reg, alex } = await makeRegister();
    const main = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    const wt = join(dir, 'second');
    await gitIn(reg, ['worktree', 'add', '-q', '-b', 'office-b', wt]);
    const id = await request(wt, alex);
    expect((await gitIn(wt, ['log', '-1', '--format=%s', 'office-b'])).trim()).toBe(`request ${id}: information by email`);
    expect((await gitIn(reg, ['rev-parse', 'HEAD'])).trim()).toBe(main);
    expect(await gitIn(wt, ['status', '--porcelain'])).toBe('');
  });

  it('runs the post-commit hook from core.hooksPath', async () => {
    const { dir, reg, alex } = await makeRegister();
    const hooks = await tempDir();
    const log = join(dir, 'hook.log');
    await writeFile(join(hooks, 'post-commit'), `#!/bin/sh\ngit log -1 --format=%s >> "${log}"\n`, { mode: 0o755 });
    await gitIn(reg, ['config', 'core.hooksPath', hooks]);
    const id = await request(reg, alex);
    expect(await readFile(log, 'utf8')).toBe(`request ${id}: information by email\n`);
  });
});
