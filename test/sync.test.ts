// `evenhand sync` (issue 5): several offices appending to one register through a shared remote
// (Humberside 11.b), with a bare repository and real clones in temporary folders.
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, makeRegister, run, setup, caseDir, listCaseIds } from './helpers.js';

const requestArgs = (reg: string, candidate: string, subject: string) => ['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-29', '--channel', 'email', '--category', 'information', '--subject', subject, '--text', `${subject}?`];

async function request(reg: string, candidate: string, subject: string) {
  return run(requestArgs(reg, candidate, subject));
}

/** An entry that is only state for a sync under test: through the setup runner. */
async function entry(reg: string, candidate: string, subject: string) {
  return setup(requestArgs(reg, candidate, subject));
}

async function sync(reg: string, extra: string[] = []) {
  return run(['-r', reg, 'sync', '--json', ...extra]);
}

/** A register pushed to a bare remote, and a second office's clone of it. */
async function twoOffices() {
  const { dir, reg: a, alex, bea } = await makeRegister();
  const remote = join(dir, 'shared.git');
  await gitIn(dir, ['init', '-q', '--bare', '--initial-branch=main', remote]);
  await gitIn(a, ['branch', '-M', 'main']);
  await gitIn(a, ['remote', 'add', 'origin', remote]);
  const first = await sync(a);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(JSON.parse(first.stdout)).toMatchObject({ remote: 'origin', branch: 'main', created: true, pulled: 0 });
  const b = join(dir, 'office-b');
  await gitIn(dir, ['clone', '-q', remote, b]);
  return { dir, remote, a, b, alex, bea };
}

async function caseIds(reg: string): Promise<string[]> {
  return await listCaseIds(reg);
}

describe('sync: two offices appending at once', () => {
  it('every entry present once in both clones, ids unique, check and audit clean', async () => {
    const { a, b, alex, bea } = await twoOffices();
    const per = 4;
    const made = await Promise.all([
      ...Array.from({ length: per }, (_, i) => request(a, alex, `Office A question ${i}`)),
      ...Array.from({ length: per }, (_, i) => request(b, bea, `Office B question ${i}`)),
    ]);
    for (const r of made) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const ids = made.map((r) => JSON.parse(r.stdout).id as string);
    expect(new Set(ids).size).toBe(2 * per);

    // Both offices sync at the same moment: one of them pushes second and must rebase and retry.
    const both = await Promise.all([sync(a), sync(b)]);
    for (const r of both) {
      expect(r.stderr).not.toMatch(/error|internal/);
      expect(r.code).toBe(0);
    }
    const results = both.map((r) => JSON.parse(r.stdout));
    expect(results.map((r) => r.pushed).sort()).toEqual([per, per]);
    // Whoever pushed second brought the other office's commits in first.
    expect(Math.max(...results.map((r) => r.pulled))).toBe(per);

    // A last round so the first to push also has the other's entries.
    for (const reg of [a, b]) expect((await sync(reg)).code).toBe(0);
    expect(await caseIds(a)).toEqual([...ids].sort());
    expect(await caseIds(b)).toEqual([...ids].sort());
    expect((await gitIn(a, ['rev-parse', 'HEAD'])).trim()).toBe((await gitIn(b, ['rev-parse', 'HEAD'])).trim());

    // Each request was committed exactly once in the shared history.
    const subjects = (await gitIn(a, ['log', '--format=%s'])).split('\n').filter((s) => s.startsWith('request '));
    expect(subjects).toHaveLength(2 * per);
    expect(new Set(subjects).size).toBe(2 * per);

    for (const reg of [a, b]) {
      const check = await run(['-r', reg, 'check']);
      expect(check.stdout + check.stderr).toMatch(/0 errors/);
      expect(check.code).toBe(0);
      const audit = await run(['-r', reg, 'audit', '--json']);
      // (every test writes under EVENHAND_NOW, which audit reports as a warning)
      expect(JSON.parse(audit.stdout).problems.map((p: { code: string }) => p.code)).toEqual(['fixed-clock']);
      expect(audit.code).toBe(0);
      expect(await gitIn(reg, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    }
  });

  it('retries when another office pushes between its fetch and its push', async () => {
    const { dir, a, b, alex, bea } = await twoOffices();
    expect((await entry(a, alex, 'From A')).code).toBe(0);
    const fromB = JSON.parse((await entry(b, bea, 'From B')).stdout).id;
    // A pre-push hook in A makes office B push first, exactly once, while A is pushing.
    const mark = join(dir, 'b-pushed');
    const hook = join(a, '.git', 'hooks', 'pre-push');
    await writeFile(
      hook,
      `#!/bin/sh\nif [ ! -f '${mark}' ]; then\n  touch '${mark}'\n  unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX\n  git -C '${b}' push -q origin HEAD:refs/heads/main >/dev/null 2>&1\nfi\nexit 0\n`,
    );
    await chmod(hook, 0o755);
    const r = await run(['-r', a, 'sync']);
    expect(r.code).toBe(0);
    expect(existsSync(mark)).toBe(true);
    expect(r.stderr).toMatch(/another office pushed first; trying again in [\d.]+ s \(attempt 2\)/);
    expect(r.stdout).toMatch(/in step with origin\/main: 1 commit from other offices, 1 commit of yours pushed/);
    expect(await caseIds(a)).toContain(fromB);
    // the rebased commit kept its date, so the audit is clean
    expect((await run(['-r', a, 'audit'])).code).toBe(0);
    const again = JSON.parse((await sync(b)).stdout);
    expect(again).toMatchObject({ pulled: 1, pushed: 0 });
    expect(await caseIds(b)).toEqual(await caseIds(a));
  });

  it('says so when already in step; a file kept beside the register does not stop it', async () => {
    const { b } = await twoOffices();
    await writeFile(join(b, 'reply.txt'), 'Draft reply\n');
    const r = await run(['-r', b, 'sync']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/already in step with origin\/main/);
  });
});

describe('sync refuses', () => {
  it('with uncommitted changes in the register', async () => {
    const { remote, a, alex } = await twoOffices();
    const id = JSON.parse((await entry(a, alex, 'Q')).stdout).id;
    await writeFile(join(a, caseDir(id), 'decision-h4nd.yaml'), 'kind: decision\n');
    const before = await gitIn(remote, ['rev-parse', 'main']);
    const r = await run(['-r', a, 'sync']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`the register has uncommitted changes \\(${caseDir(id)}/decision-h4nd\\.yaml\\); nothing was synced`));
    expect(r.stderr).toMatch(/hint: /);
    expect(await gitIn(remote, ['rev-parse', 'main'])).toBe(before);
  });

  it('without a remote, or with an unknown one', async () => {
    const { reg } = await makeRegister();
    const r = await run(['-r', reg, 'sync']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no remote to sync with/);
    expect(r.stderr).toMatch(/git remote add origin <url>/);
    const { a } = await twoOffices();
    const u = await run(['-r', a, 'sync', '--remote', 'elsewhere']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/no remote called "elsewhere".*\n.*remotes here: origin/);
  });

  it('and undoes the rebase when a file edited by hand conflicts', async () => {
    const { a, b, alex } = await twoOffices();
    const id = JSON.parse((await entry(a, alex, 'Shared')).stdout).id;
    expect((await sync(a)).code).toBe(0);
    expect((await sync(b)).code).toBe(0);
    // Both offices edit the same entry by hand (which audit reports as tampering anyway).
    for (const [reg, text] of [[a, 'Edited in A'], [b, 'Edited in B']] as const) {
      const file = join(reg, caseDir(id), 'request.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('subject: Shared', `subject: ${text}`));
      await gitIn(reg, ['commit', '-qam', `hand edit in ${text.slice(-1)}`]);
    }
    expect((await sync(b)).code).toBe(0);
    const head = (await gitIn(a, ['rev-parse', 'HEAD'])).trim();
    const r = await run(['-r', a, 'sync']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`conflict with origin/main in ${caseDir(id)}/request\\.yaml`));
    expect(r.stderr).toMatch(/The rebase was undone; your repository is as it was and nothing was pushed/);
    expect(r.stderr).toMatch(/git rebase --continue/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await gitIn(a, ['rev-parse', 'HEAD'])).trim()).toBe(head);
    expect(existsSync(join(a, '.git', 'rebase-merge'))).toBe(false);
    expect(await gitIn(a, ['status', '--porcelain'])).toBe('');
    expect(await readFile(join(a, caseDir(id), 'request.yaml'), 'utf8')).toContain('subject: Edited in A');
  });
});
