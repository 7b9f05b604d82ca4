// Issue 10, "Data loss and contradictory records": a write that would be lost or mixed into a git
// operation is refused (exit 1, nothing written, how to get out said); workflow rules are judged
// inside the write lock; build publishes only what git holds. Real git in temporary folders.
import { spawn } from 'node:child_process';
import { chmod, chown, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, SAMPLE, caseDir, gitIn, listCaseIds, buildRegister, copyFixture, makeRegister, run, setup, sharedFixture, tempDir, testEnv, type RunResult } from './helpers.js';

async function request(reg: string, candidate: string, subject = 'Question') {
  return run(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', subject, '--text', `${subject}?`]);
}

/** A register with one open case to act on: built once per run (setup runner), copied per test. */
async function registerWithCase() {
  const f = await sharedFixture('write-safety: one open case', async (dir) => {
    const ids = await buildRegister(dir);
    const r = await setup(['-r', join(dir, 'register'), 'request', '--json', '--candidate', ids.alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', 'Question', '--text', 'Question?']);
    expect(r.stderr).toBe('');
    return { ...ids, id: JSON.parse(r.stdout).id as string };
  });
  const dir = await copyFixture(f);
  return { dir, reg: join(dir, 'register'), ...f.data };
}

/** What a refused write must leave: the same HEAD, a clean tree, the same cases. */
async function snapshot(reg: string) {
  return { head: (await gitIn(reg, ['rev-parse', 'HEAD'])).trim(), status: await gitIn(reg, ['status', '--porcelain', '--untracked-files=all']), cases: await listCaseIds(reg) };
}

function expectRefused(r: RunResult, pattern: RegExp) {
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|this is a bug|\n\s+at /);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(1);
}

describe('writes refused when the commit would be lost or mixed', () => {
  it('on a detached HEAD: request, decide and candidate add refuse, name the state and `git switch`; nothing is written', async () => {
    const { reg, alex, id } = await registerWithCase();
    const branch = (await gitIn(reg, ['branch', '--show-current'])).trim();
    await gitIn(reg, ['checkout', '-q', '--detach', 'HEAD~1']);
    const before = await snapshot(reg);
    for (const args of [
      ['request', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', 'Lost?', '--text', 'Lost?'],
      ['candidate', 'add', '--name', 'Dee Lost'],
    ]) {
      const r = await run(['-r', reg, ...args]);
      expectRefused(r, /HEAD is detached \(at [0-9a-f]+\), so a commit now would belong to no branch and be lost/);
      expect(r.stderr).toMatch(new RegExp(`hint: go back to the branch you left: \`git switch ${branch}\``));
    }
    expect(await snapshot(reg)).toEqual(before);
    // Back on the branch: the case is there and a decision is recorded normally.
    await gitIn(reg, ['switch', '-q', '-']);
    expect((await run(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09'])).code).toBe(0);
    await gitIn(reg, ['checkout', '-q', '--detach', 'HEAD']);
    expectRefused(await run(['-r', reg, 'respond', id, '--channel', 'email', '--text', 'Figures.', '--sent', '2024-04-10']), /HEAD is detached/);
    // sync uses the same check.
    expectRefused(await run(['-r', reg, 'sync']), /HEAD is detached .*; nothing was synced/);
  });

  it('inside a stopped `rebase -i`: refuses, says `git rebase --continue` or `--abort`', async () => {
    const { reg, alex, id } = await registerWithCase();
    // Stop the rebase at the request's commit, as `edit` in the todo list does.
    await gitIn(reg, ['-c', 'sequence.editor=sed -i -e "s/^pick/edit/"', 'rebase', '-q', '-i', 'HEAD~1']).catch(() => undefined);
    expect(existsSync(join(reg, '.git', 'rebase-merge'))).toBe(true);
    const before = await snapshot(reg);
    const r = await run(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09']);
    expectRefused(r, /a git rebase \(interactive, stopped part-way\) is in progress/);
    expect(r.stderr).toMatch(/`git rebase --continue`.*`git rebase --abort`/);
    expectRefused(await request(reg, alex, 'During the rebase'), /rebase .* in progress/);
    expect(await snapshot(reg)).toEqual(before);
  });

  it('during a merge, cherry-pick, revert or bisect: each named with its way out', async () => {
    const { reg, alex } = await makeRegister();
    const head = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    const cases: [string, RegExp, RegExp][] = [
      ['MERGE_HEAD', /a git merge is in progress/, /`git merge --abort`/],
      ['CHERRY_PICK_HEAD', /a git cherry-pick is in progress/, /`git cherry-pick --abort`/],
      ['REVERT_HEAD', /a git revert is in progress/, /`git revert --abort`/],
    ];
    for (const [file, state, way] of cases) {
      // The file git itself writes for the operation (the state is read from it, as git status does).
      await writeFile(join(reg, '.git', file), `${head}\n`);
      const r = await request(reg, alex);
      expectRefused(r, state);
      expect(r.stderr).toMatch(way);
      await rm(join(reg, '.git', file), { force: true });
    }
    await gitIn(reg, ['bisect', 'start']);
    await gitIn(reg, ['bisect', 'bad']);
    const r = await request(reg, alex);
    expectRefused(r, /a git bisect is in progress/);
    expect(r.stderr).toMatch(/`git bisect reset`/);
    await gitIn(reg, ['bisect', 'reset']);
    expect((await request(reg, alex)).code).toBe(0);
  });

  it("with a leftover .git/index.lock: says what the file is and when to delete it; exit 1, not a bug", async () => {
    const { reg, alex } = await makeRegister();
    await writeFile(join(reg, '.git', 'index.lock'), '');
    const before = await snapshot(reg);
    const r = await request(reg, alex);
    expectRefused(r, /git's index lock .*index\.lock is still there/);
    expect(r.stderr).toMatch(/if no git program is running here .* delete it: `rm .*index\.lock`/);
    expect(await listCaseIds(reg)).toEqual(before.cases);
  });

  it('outside a git repository: refuses with how to make it one', async () => {
    const dir = await tempDir();
    const reg = join(dir, 'register');
    await cp(SAMPLE, reg, { recursive: true });
    const r = await run(['-r', reg, 'candidate', 'add', '--name', 'Dee Nowhere']);
    expectRefused(r, /is not in a git repository, so nothing can be recorded/);
    expect(r.stderr).toMatch(/git -C .* init/);
    const d = await run(['-r', reg, 'decide', '2024-0115-zhxp', '--outcome', 'provide', '--by', 'chief-executive']);
    expectRefused(d, /not in a git repository/);
    expect(await readdir(join(reg, 'candidates'))).toEqual(await readdir(join(SAMPLE, 'candidates')));
  });

  it('in a read-only register folder: a clear message naming the path, nothing committed', async () => {
    const { dir, reg, alex, id } = await registerWithCase();
    const folder = join(reg, caseDir(id));
    const head = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    await chmod(folder, 0o555);
    // root may write anywhere: run the command as an unprivileged user who owns the register.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) await chownTree(dir, 65534);
    const r = await runAs(asRoot ? 65534 : undefined, ['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09'], dir);
    await chmod(folder, 0o755);
    expectRefused(r, new RegExp(`cannot write ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*permission denied`));
    expect(r.stderr).toMatch(/hint: .*permissions/);
    if (asRoot) await chownTree(dir, 0);
    expect((await gitIn(reg, ['rev-parse', 'HEAD'])).trim()).toBe(head);
    expect(await readdir(folder)).toEqual(['request.yaml']);
  });
});

async function chownTree(dir: string, uid: number): Promise<void> {
  await chown(dir, uid, uid);
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) await chown(join(e.parentPath, e.name), uid, uid);
}

function runAs(uid: number | undefined, args: string[], home: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const env = testEnv({ HOME: home, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' });
    const child = spawn(process.execPath, [BIN, ...args], { env, ...(uid === undefined ? {} : { uid, gid: uid }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end();
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('workflow rules judged inside the write lock', () => {
  it('8 concurrent decide on one case: exactly one is recorded, the others refused naming it', async () => {
    const { reg, alex, id } = await registerWithCase();
    const outcomes = ['provide', 'refuse', 'provide', 'redirect', 'provide', 'already-published', 'refuse', 'provide'];
    const results = await Promise.all(
      outcomes.map((o) => run(['-r', reg, 'decide', id, '--json', '--outcome', o, '--by', 'chief-executive', '--on', '2024-04-09', '--reason', 'Given'])),
    );
    const won = results.filter((r) => r.code === 0);
    expect(won).toHaveLength(1);
    const winner = JSON.parse(won[0].stdout).id as string;
    for (const r of results.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`decision refused; nothing was written:\\n.*case ${id} is already decided: ${winner}`));
      expect(r.stderr).toMatch(new RegExp(`evenhand correct ${winner} --case ${id}`));
    }
    expect((await readdir(join(reg, caseDir(id)))).filter((f) => f.startsWith('decision-'))).toEqual([`${winner}.yaml`]);
    expect(await gitIn(reg, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    const check = await run(['-r', reg, 'check', '--as-of', '2024-04-09', '--json']);
    expect(JSON.parse(check.stdout).findings.filter((f: { code: string }) => f.code === 'conflicting-entries')).toEqual([]);
  });

  it('6 concurrent respond on one case: exactly one response, the others refused as already answered', async () => {
    const { reg, alex, id } = await registerWithCase();
    expect((await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09'])).code).toBe(0);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => run(['-r', reg, 'respond', id, '--json', '--channel', 'email', '--sent', '2024-04-10', '--text', `Reply ${i}`])));
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    for (const r of results.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`response refused; nothing was written:\\n.*case ${id} is already answered`));
    }
    expect((await readdir(join(reg, caseDir(id)))).filter((f) => f.startsWith('response-'))).toHaveLength(1);
    expect(await gitIn(reg, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });
});

describe('build publishes what git holds', () => {
  it('refuses while an entry, a candidate or register.yaml differs from HEAD or is uncommitted, naming them', async () => {
    const { dir, reg, alex, id } = await registerWithCase();
    expect((await run(['-r', reg, 'build'], { cwd: dir })).code).toBe(0);
    const before = await readFile(join(dir, 'site', 'index.html'), 'utf8');
    const file = join(reg, caseDir(id), 'request.yaml');
    const committed = await readFile(file, 'utf8');
    await writeFile(file, committed.replace('subject: Question', 'subject: Edited after the fact'));
    await writeFile(join(reg, caseDir(id), 'decision-zzzz.yaml'), 'kind: decision\n');
    const r = await run(['-r', reg, 'build'], { cwd: dir });
    expectRefused(r, new RegExp(`changed since committed: ${caseDir(id)}/request\\.yaml; never committed: ${caseDir(id)}/decision-zzzz\\.yaml\\); .*nothing was built and site/ is unchanged`));
    expect(r.stderr).toMatch(/git restore <file>/);
    expect(await readFile(join(dir, 'site', 'index.html'), 'utf8')).toBe(before);
    expect(before).not.toMatch(/Edited after the fact/);
    await writeFile(file, committed);
    await rm(join(reg, caseDir(id), 'decision-zzzz.yaml'));
    expect((await run(['-r', reg, 'build'], { cwd: dir })).code).toBe(0);
  });
});
