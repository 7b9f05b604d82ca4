// Concurrency, killed processes and bad input: nothing lost, nothing half-written, clear messages.
import { execFile, spawn } from 'node:child_process';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, gitIn, makeRegister, run, setup, testEnv, caseDir, listCaseIds, tempDir } from './helpers.js';

const requestArgs = (reg: string, candidate: string, i: number) => [
  '-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-08', '--channel', 'email',
  '--category', 'information', '--subject', `Question ${i}`, '--text', `Question number ${i}`,
];

describe('concurrent writers', () => {
  it('8 requests started at the same moment: 8 cases, 8 commits, clean tree', async () => {
    const { reg, alex } = await makeRegister();
    const before = Number((await gitIn(reg, ['rev-list', '--count', 'HEAD'])).trim());
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => run(requestArgs(reg, alex, i))));
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const ids = results.map((r) => JSON.parse(r.stdout).id as string);
    expect(new Set(ids).size).toBe(8);
    expect(await listCaseIds(reg)).toEqual([...ids].sort());
    expect(Number((await gitIn(reg, ['rev-list', '--count', 'HEAD'])).trim())).toBe(before + 8);
    expect(await gitIn(reg, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    // every commit adds exactly one request file
    const log = await gitIn(reg, ['log', `-8`, '--format=--%s', '--name-status']);
    const commits = log.split('--').filter(Boolean);
    for (const c of commits) expect(c.trim().split('\n').filter((l) => l.startsWith('A\t'))).toHaveLength(1);
    const subjects = new Set(await Promise.all(ids.map(async (id) => (await readFile(join(reg, caseDir(id), 'request.yaml'), 'utf8')).match(/subject: (.*)/)![1])));
    expect(subjects.size).toBe(8);
  });
});

describe('a killed process', () => {
  it('never leaves a half-written YAML file', async () => {
    const { reg, alex } = await makeRegister();
    for (let i = 0; i < 12; i++) {
      const child = spawn(process.execPath, [BIN, ...requestArgs(reg, alex, i)], { env: testEnv(), stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r)); // listen first: a fast run may finish before the kill
      await new Promise((r) => setTimeout(r, 40 + ((i * 37) % 260)));
      child.kill('SIGKILL');
      await closed;
    }
    // Whatever was left: every entry file parses whole; temporary files are the only other thing.
    for (const id of await listCaseIds(reg)) {
      for (const name of await readdir(join(reg, caseDir(id)))) {
        if (name.endsWith('.evenhand-tmp')) continue;
        const text = await readFile(join(reg, caseDir(id), name), 'utf8');
        expect(() => parse(text)).not.toThrow();
        expect(parse(text).recorded_at, `${id}/${name}`).toBeTruthy();
      }
    }
    // A stale lock left by a killed writer does not block the next one.
    const after = await run(requestArgs(reg, alex, 99));
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    // the ignore file keeps temporary files out of the tree
    expect(await gitIn(reg, ['status', '--porcelain'])).not.toMatch(/evenhand-tmp/);
  });
});

describe('bad input', () => {
  it('every reading command fails with exit 1 naming every bad file, line and field', async () => {
    const { reg, alex } = await makeRegister();
    const good = JSON.parse((await setup(requestArgs(reg, alex, 1))).stdout).id; // state for the reads under test
    const req = await readFile(join(reg, caseDir(good), 'request.yaml'), 'utf8');
    const put = async (id: string, name: string, text: string) => {
      await mkdir(join(reg, caseDir(id)), { recursive: true });
      await writeFile(join(reg, caseDir(id), name), text);
    };
    await put('2024-0409-aaaa', 'request.yaml', 'id: 2024-0409-aaaa\nkind: request\ncandidate: [unclosed\n');
    await put('2024-0409-bbbb', 'request.yaml', req.replaceAll(good, '2024-0409-bbbb').replace('foi: false', 'foi: "maybe"').replace(/^channel: email$/m, 'channel: pigeon'));
    await put('2024-0409-cccc', 'request.yaml', req.replaceAll(good, '2024-0409-cccc').replace(/^subject:/m, 'colour: red\nsubject:'));
    await put('2024-0409-dddd', 'request.yaml', req.replaceAll(good, '2024-0409-dddd').replace(`candidate: ${alex}`, 'candidate: c-zzzz'));
    await put('2024-0409-eeee', 'decision-abcd.yaml', 'id: decision-abcd\nkind: decision\ncase: 2024-0409-eeee\noutcome: provide\ndecided_by: chief-executive\ndecided_on: 2024-04-10\nrecorded_by: x\nrecorded_at: 2024-04-10T10:00:00Z\n');
    for (const args of [['list'], ['show', good], ['list', '--json']]) {
      const r = await run(['-r', reg, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      const e = r.stderr;
      expect(e).toMatch(/cases\/2024-04\/2024-0409-aaaa\/request\.yaml:\d+: error schema: not valid YAML/);
      expect(e).toMatch(/cases\/2024-04\/2024-0409-bbbb\/request\.yaml:\d+: error schema: channel: expected one of email, letter/);
      expect(e).toMatch(/cases\/2024-04\/2024-0409-bbbb\/request\.yaml:\d+: error schema: foi: expected boolean, got the text "maybe"/);
      expect(e).toMatch(/cases\/2024-04\/2024-0409-cccc\/request\.yaml:\d+: error schema: unknown field "colour"/);
      expect(e).toMatch(/cases\/2024-04\/2024-0409-dddd\/request\.yaml:\d+: error reference: candidate: unknown candidate "c-zzzz"/);
      expect(e).toMatch(/cases\/2024-04\/2024-0409-eeee\/request\.yaml: error reference: case 2024-0409-eeee has entries but no request\.yaml/);
      expect(e).not.toMatch(/\n\s+at /);
    }
  });

  it('hostile text is stored as text', async () => {
    const { reg, alex } = await makeRegister();
    const hostile = '<script>alert(1)</script> {{constructor.constructor "x"}} ---\nkind: decision\n';
    const r = await run(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'other', '--subject', '{{#each}}', '--text', hostile]);
    expect(r.code).toBe(0);
    const shown = JSON.parse((await run(['-r', reg, 'show', JSON.parse(r.stdout).id, '--json'])).stdout);
    expect(shown.entries[0].fields.text).toBe(hostile);
    expect(shown.subject).toBe('{{#each}}');
  });
});

describe('a commit holds only its entry', () => {
  it('leaves changes the user staged out of the entry commit', async () => {
    const { reg, alex } = await makeRegister();
    await writeFile(join(reg, 'notes.txt'), 'my own notes\n');
    await gitIn(reg, ['add', 'notes.txt']);
    const r = await run(requestArgs(reg, alex, 1));
    expect(r.code).toBe(0);
    const id = JSON.parse(r.stdout).id;
    expect((await gitIn(reg, ['show', '--name-only', '--format=', 'HEAD'])).trim()).toBe(`${caseDir(id)}/request.yaml`);
    expect(await gitIn(reg, ['status', '--porcelain'])).toBe('A  notes.txt\n');
  });

  it('runs the post-commit hook, as `git commit --no-verify` does', async () => {
    const { dir, reg, alex } = await makeRegister();
    const log = join(dir, 'hook.log');
    await writeFile(join(reg, '.git', 'hooks', 'post-commit'), `#!/bin/sh\ngit log -1 --format=%s >> "${log}"\n`, { mode: 0o755 });
    const id = JSON.parse((await run(requestArgs(reg, alex, 1))).stdout).id;
    expect(await readFile(log, 'utf8')).toBe(`request ${id}: information by email\n`);
  });

  it('leaves them out too when the register is a subfolder and git is set to hide other folders (diff.relative)', async () => {
    const dir = await tempDir();
    await gitIn(dir, ['init', '-q']);
    await gitIn(dir, ['config', 'diff.relative', 'true']);
    const reg = join(dir, 'reg');
    // The register in the subfolder is state (setup runner); the request is what is tested.
    expect((await setup(['init', reg, '--body', 'B', '--election', 'E', '--poll-date', '2024-05-02'])).code).toBe(0);
    const alex = JSON.parse((await setup(['-r', reg, 'candidate', 'add', '--json', '--name', 'Alex Morgan', '--status', 'declared', '--declared-on', '2024-04-01'])).stdout).id;
    await writeFile(join(dir, 'other.txt'), 'staged by the user\n');
    await gitIn(dir, ['add', 'other.txt']);
    const r = await run(requestArgs(reg, alex, 1));
    expect(r.stderr).toBe('');
    const id = JSON.parse(r.stdout).id;
    expect((await gitIn(dir, ['show', '--name-only', '--format=', 'HEAD'])).trim()).toBe(`reg/${caseDir(id)}/request.yaml`);
    expect(await gitIn(dir, ['status', '--porcelain', '--', 'other.txt'])).toBe('A  other.txt\n');
  });

  // A git on PATH that lets another commit land just before evenhand makes its commit object:
  // `git commit` by hand (which takes whatever is staged, the entry included), or a commit of
  // other work only.
  const intruders = {
    'takes the staged entry': 'commit -q --allow-empty -m "by hand"',
    'leaves the entry alone': 'update-ref HEAD $("$G" commit-tree "HEAD^{tree}" -p HEAD -m "by hand")',
  };
  for (const [kind, intrude] of Object.entries(intruders))
    it(`fails cleanly when a commit made by hand lands mid-append (${kind})`, async () => {
      const { dir, reg, alex } = await makeRegister();
      const shim = join(dir, 'shim');
      await mkdir(shim);
      const realGit = await new Promise<string>((res) => execFile('sh', ['-c', 'command -v git'], (_e, out) => res(out.trim())));
      await writeFile(join(shim, 'git'), `#!/bin/sh\nG="${realGit}"\nif [ "$1" = commit-tree ]; then "$G" ${intrude} >/dev/null; fi\nexec "$G" "$@"\n`, { mode: 0o755 });
      const before = Number((await gitIn(reg, ['rev-list', '--count', 'HEAD'])).trim());
      const r = await run(requestArgs(reg, alex, 1), { env: { PATH: `${shim}:${process.env.PATH}` } });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      // The hand-made commit stands, evenhand made none, and the tree is clean either way.
      expect((await gitIn(reg, ['log', '-1', '--format=%s'])).trim()).toBe('by hand');
      expect(Number((await gitIn(reg, ['rev-list', '--count', 'HEAD'])).trim())).toBe(before + 1);
      expect(await gitIn(reg, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
      const inHead = (await gitIn(reg, ['show', '--name-only', '--format=', 'HEAD'])).trim();
      if (kind === 'takes the staged entry') {
        expect(r.stderr).toMatch(/another commit \([0-9a-f]+ "by hand"\) landed while the entry was being recorded and took cases\/.+\/request\.yaml with it/);
        expect(r.stderr).toMatch(/evenhand audit/);
        expect(inHead).toMatch(/^cases\/.+\/request\.yaml$/);
      } else {
        expect(r.stderr).toMatch(/another commit \([0-9a-f]+ "by hand"\) landed in this repository while the entry was being recorded, so nothing was recorded/);
        expect(r.stderr).toMatch(/run the same command again/);
        expect(inHead).toBe('');
      }
    });
});
