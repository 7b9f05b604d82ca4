// Issue 10: following check's advice must not corrupt the audit trail. A writer killed between
// writing its entry and committing it is recovered by `evenhand recover`: one commit per entry in
// evenhand's format, leftovers removed; `audit` and `check` are clean after. An edited committed
// entry is never "recovered". The kill is made deterministic with a `git` on PATH that stalls
// before staging, so the entry is on disk and nothing is committed when the writer dies.
import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, caseDir, gitIn, listCaseIds, makeRegister, run, setup, tempDir, testEnv } from './helpers.js';

/** Run evenhand so that it dies (kill -9) at the moment it would stage its entry. */
async function killedBeforeCommit(args: string[]): Promise<number> {
  const dir = await tempDir('evenhand-stall-');
  const mark = join(dir, 'reached');
  const realGit = (await new Promise<string>((res) => {
    const w = spawn('sh', ['-c', 'command -v git']);
    let out = '';
    w.stdout.on('data', (d) => (out += d));
    w.on('close', () => res(out.trim()));
  })) || '/usr/bin/git';
  await writeFile(join(dir, 'git'), `#!/bin/sh\ncase " $* " in *" update-index "*|*" add "*) : > "${mark}"; exec sleep 600;; esac\nexec "${realGit}" "$@"\n`);
  await chmod(join(dir, 'git'), 0o755);
  const env = testEnv({ PATH: `${dir}:${process.env.PATH}` });
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'ignore', detached: true });
  const closed = new Promise((r) => child.on('close', r));
  while (!existsSync(mark)) await new Promise((r) => setTimeout(r, 25));
  process.kill(-child.pid!, 'SIGKILL'); // the whole group: evenhand and the stalled git
  await closed;
  return child.pid!;
}

describe('evenhand recover after kill -9', () => {
  it('commits each entry a killed writer left, as the command would have, clears the leftovers; audit and check are clean', async () => {
    const { dir, reg, alex } = await makeRegister();
    const id = JSON.parse((await setup(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', 'Figures', '--text', 'Figures?'])).stdout).id;
    expect((await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09'])).code).toBe(0);
    const head = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    await writeFile(join(dir, 'figures.csv'), 'year,hours\n2023,1200\n');

    const pid = await killedBeforeCommit(['-r', reg, 'respond', id, '--channel', 'email', '--sent', '2024-04-10', '--text', 'The figures are attached.', '--attachment', join(dir, 'figures.csv')]);
    await killedBeforeCommit(['-r', reg, 'request', '--candidate', alex, '--received', '2024-04-11', '--channel', 'letter', '--category', 'budget', '--subject', 'Budget', '--text', 'Budget?']);
    // What other kill points leave: a temporary file, a case folder claimed and never filled, the lock's details file.
    await writeFile(join(reg, caseDir(id), `.decision-abcd.yaml.${pid}.0a1b2c3d.evenhand-tmp`), 'kind: deci');
    await mkdir(join(reg, caseDir('2024-0412-zzzz')), { recursive: true });
    await writeFile(join(reg, '.git', `evenhand.lock.${pid}.k3x9`), `${pid} ${hostname()} 0`);
    expect((await gitIn(reg, ['rev-parse', 'HEAD'])).trim()).toBe(head);

    const left = (await readdir(join(reg, caseDir(id)))).filter((f) => f.startsWith('response-'));
    expect(left).toHaveLength(1);
    const response = `${caseDir(id)}/${left[0]}`;
    const newCase = (await listCaseIds(reg)).find((c) => c !== id && c !== '2024-0412-zzzz')!;

    // check's advice for these files is recover, not `git add` + `git commit`.
    const before = JSON.parse((await run(['-r', reg, 'check', '--as-of', '2024-04-12', '--json'])).stdout).findings.filter((f: { code: string }) => f.code === 'uncommitted');
    expect(before.map((f: { file: string }) => f.file)).toContain(response);
    for (const f of before) {
      expect(f.hint).toMatch(/evenhand recover/);
      expect(f.hint).not.toMatch(/git add/);
    }

    const dry = await run(['-r', reg, 'recover', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`would commit ${response} (with ${caseDir(id)}/attachments/`);
    expect(dry.stdout).toMatch(/would remove .*evenhand-tmp/);
    expect((await gitIn(reg, ['rev-parse', 'HEAD'])).trim()).toBe(head);
    expect(existsSync(join(reg, caseDir('2024-0412-zzzz')))).toBe(true);

    const r = await run(['-r', reg, 'recover']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 entries committed, 3 leftovers removed, 0 files for you to deal with/);
    // One commit per entry, oldest first, with the subject and trailers the command writes.
    const shas = (await gitIn(reg, ['rev-list', '--reverse', `${head}..HEAD`])).trim().split('\n');
    expect(shas).toHaveLength(2);
    const commits = await Promise.all(shas.map((sha) => gitIn(reg, ['show', '--format=%B', '--name-only', sha])));
    expect(commits[0]).toContain(`respond ${id}: sent by email on 2024-04-10`);
    expect(commits[0]).toContain(`Evenhand-Case: ${id}`);
    expect(commits[0]).toMatch(/Evenhand-Entry: response response-/);
    expect(commits[0]).toContain(response);
    expect(commits[0]).toMatch(/attachments\/response-.*figures\.csv/);
    expect(commits[1]).toContain(`request ${newCase}: budget by letter`);
    expect(commits[1]).toContain(`${caseDir(newCase)}/request.yaml`);

    expect(await gitIn(reg, ['status', '--porcelain', '--untracked-files=all', '--ignored'])).toBe('');
    expect(existsSync(join(reg, caseDir('2024-0412-zzzz')))).toBe(false);
    expect((await readdir(join(reg, '.git'))).filter((f) => f.startsWith('evenhand.lock'))).toEqual([]);

    const audit = await run(['-r', reg, 'audit']);
    expect(audit.stdout + audit.stderr).not.toMatch(/error/);
    expect(audit.code).toBe(0);
    const check = await run(['-r', reg, 'check', '--as-of', '2024-04-12', '--json']);
    expect(JSON.parse(check.stdout).findings).toEqual([]);
    expect(check.code).toBe(0);
    expect((await run(['-r', reg, 'recover'])).stdout).toMatch(/nothing to recover/);
  });

  it('never commits an edited committed entry or an invalid file: reports them with the right advice, exit 1', async () => {
    const { reg, alex } = await makeRegister();
    const id = JSON.parse((await setup(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', 'Figures', '--text', 'Figures?'])).stdout).id;
    const head = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    const file = `${caseDir(id)}/request.yaml`;
    await writeFile(join(reg, file), (await readFile(join(reg, file), 'utf8')).replace('subject: Figures', 'subject: Quietly changed'));
    const partial = `${caseDir(id)}/decision-m3x9.yaml`;
    await writeFile(join(reg, partial), `id: decision-m3x9\nkind: decision\ncase: ${id}\noutcome: prov`);

    const r = await run(['-r', reg, 'recover']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}: left alone: this entry was changed (or deleted) since it was committed`);
    expect(r.stdout).toContain(`git restore ${file}`);
    expect(r.stdout).toMatch(new RegExp(`evenhand correct <entry id> --case ${id}`));
    expect(r.stdout).toContain(`${partial}: not committed: not a complete, valid entry`);
    expect((await gitIn(reg, ['rev-parse', 'HEAD'])).trim()).toBe(head);
    expect(await readFile(join(reg, file), 'utf8')).toContain('Quietly changed');
    expect(existsSync(join(reg, partial))).toBe(true);

    const findings = JSON.parse((await run(['-r', reg, 'check', '--as-of', '2024-04-12', '--json'])).stdout).findings.filter((f: { code: string }) => f.code === 'uncommitted');
    const edited = findings.find((f: { file: string }) => f.file === file);
    expect(edited.hint).toContain(`put it back with \`git restore ${file}\`, then change the record with a correction`);
    expect(edited.hint).not.toMatch(/recover|git add/);
  });
});
