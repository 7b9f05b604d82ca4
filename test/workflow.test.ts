// The request workflow as the SPOC uses it: the built CLI against real git in temporary folders.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, makeRegister, run, setup, tempDir, caseDir, listCaseIds, testEnv } from './helpers.js';

const requestArgs = (reg: string, candidate: string, extra: string[] = []) => ['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', 'Officer numbers', '--text', 'How many officers are there?', ...extra];

async function request(reg: string, candidate: string, extra: string[] = []) {
  return run(requestArgs(reg, candidate, extra));
}

/** The same request as state for a test about another command: through the setup runner. */
async function setupRequest(reg: string, candidate: string): Promise<string> {
  const r = await setup(requestArgs(reg, candidate));
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).id;
}

describe('init', () => {
  it('creates a register in a new git repository and commits it', async () => {
    const dir = await tempDir();
    const r = await run(['init', 'reg', '--body', 'Test OPCC', '--election', 'Test election', '--poll-date', '2024-05-02'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const yaml = await readFile(join(dir, 'reg', 'register.yaml'), 'utf8');
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=schemas\/register\.schema\.json/);
    expect(yaml).toContain('poll_date: 2024-05-02');
    expect(await gitIn(join(dir, 'reg'), ['log', '--oneline'])).toMatch(/init register: Test OPCC/);
    expect(await gitIn(join(dir, 'reg'), ['status', '--porcelain'])).toBe('');
    expect((await readdir(join(dir, 'reg', 'schemas'))).sort()).toContain('request.schema.json');
    // A repository evenhand creates keeps a split index (appends rewrite only what changed).
    expect((await gitIn(join(dir, 'reg'), ['config', 'core.splitIndex'])).trim()).toBe('true');
  });

  it('leaves the configuration of an existing repository alone', async () => {
    const dir = await tempDir();
    await gitIn(dir, ['init', '-q']);
    expect((await run(['init', 'reg', '--body', 'B', '--election', 'E', '--poll-date', '2024-05-02'], { cwd: dir })).code).toBe(0);
    expect(await gitIn(dir, ['config', '--get', 'core.splitIndex']).catch(() => 'unset')).toBe('unset');
  });

  it('refuses a second init and a bad poll date, naming the flag', async () => {
    const dir = await tempDir();
    expect((await run(['init', 'r', '--body', 'B', '--election', 'E', '--poll-date', '2024-05-02'], { cwd: dir })).code).toBe(0);
    const again = await run(['init', 'r', '--body', 'B', '--election', 'E', '--poll-date', '2024-05-02'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    const bad = await run(['init', 'r2', '--body', 'B', '--election', 'E', '--poll-date', '2024-02-30'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--poll-date/);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('without a terminal, a missing value is a usage error naming the flag', async () => {
    const dir = await tempDir();
    const r = await run(['init', 'r', '--body', 'B', '--election', 'E'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing --poll-date/);
  });
});

describe('candidates', () => {
  it('adds, lists and updates without losing identity forms', async () => {
    const { reg, alex } = await makeRegister();
    expect(alex).toMatch(/^c-[0-9a-z]{4}$/);
    const list = JSON.parse((await run(['-r', reg, 'candidate', 'list', '--json'])).stdout);
    expect(list.candidates.map((c: { name: string }) => c.name)).toEqual(['Alex Morgan', 'Bea Okafor', 'Cal Singh']);
    const up = await run(['-r', reg, 'candidate', 'update', alex, '--alias', 'Councillor Morgan', '--email', 'a.morgan@example.net']);
    expect(up.code).toBe(0);
    const file = await readFile(join(reg, 'candidates', `${alex}.yaml`), 'utf8');
    expect(file).toContain('alex@example.org');
    expect(file).toContain('a.morgan@example.net');
    expect(file).toContain('Councillor Morgan');
    expect(await gitIn(reg, ['log', '-1', '--format=%s'])).toMatch(new RegExp(`candidate update ${alex}`));
  });

  it('requires a declaration date for a declared candidate', async () => {
    const { reg } = await makeRegister();
    const r = await run(['-r', reg, 'candidate', 'add', '--name', 'Dee', '--status', 'declared']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--declared-on/);
  });
});

describe('request, decide, respond', () => {
  it('logs a request as one commit that adds exactly its file, then decides and responds', async () => {
    const { reg, alex, bea } = await makeRegister();
    const r = await request(reg, alex, ['--foi']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const id = JSON.parse(r.stdout).id;
    expect(id).toMatch(/^2024-0408-[0-9a-hjkmnp-tv-z]{4}$/);
    const show = await gitIn(reg, ['show', '--name-status', '--format=%s%n%b', 'HEAD']);
    expect(show).toContain(`request ${id}: information by email (FOI)`);
    expect(show).toContain(`Evenhand-Case: ${id}`);
    expect(show).toContain('Evenhand-Entry: request');
    expect(show).toContain('Recorded-By: Test SPOC');
    expect(show.trim().split('\n').filter((l) => /^[AMD]\t/.test(l))).toEqual([`A\t${caseDir(id)}/request.yaml`]);
    const text = await readFile(join(reg, caseDir(id), 'request.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/request.schema.json');

    const d = await run(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-10', '--json']);
    expect(d.code).toBe(0);
    const did = JSON.parse(d.stdout).id;
    expect(did).toMatch(/^decision-/);
    const s = await run(['-r', reg, 'respond', id, '--sent', '2024-04-11', '--channel', 'email', '--text', 'There are 3,412 officers.', '--offered-to', bea, '--json']);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    const shown = JSON.parse((await run(['-r', reg, 'show', id, '--json'])).stdout);
    expect(shown.state).toBe('answered');
    expect(shown.entries.map((e: { kind: string }) => e.kind)).toEqual(['request', 'decision', 'response']);
    expect(shown.due.date).toBe('2024-05-07'); // 20 FOI working days after 8 April 2024, skipping the 6 May bank holiday
    expect(await gitIn(reg, ['status', '--porcelain'])).toBe('');
    const log = await gitIn(reg, ['log', '--format=%s', '-3']);
    expect(log.split('\n').slice(0, 3)).toEqual([`respond ${id}: sent by email on 2024-04-11`, `decide ${id}: provide (chief-executive)`, `request ${id}: information by email (FOI)`]);
  });

  it('lists cases by status and candidate', async () => {
    const { reg, alex, bea } = await makeRegister();
    const a = await setupRequest(reg, alex);
    const b = await setupRequest(reg, bea);
    await setup(['-r', reg, 'decide', b, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09']);
    const open = JSON.parse((await run(['-r', reg, 'list', '--status', 'open', '--json'])).stdout);
    expect(open.cases.map((c: { id: string }) => c.id)).toEqual([a]);
    const decided = JSON.parse((await run(['-r', reg, 'list', '--status', 'decided', '--json'])).stdout);
    expect(decided.cases.map((c: { id: string }) => c.id)).toEqual([b]);
    const mine = JSON.parse((await run(['-r', reg, 'list', '--candidate', 'Bea Okafor', '--json'])).stdout);
    expect(mine.cases.map((c: { id: string }) => c.id)).toEqual([b]);
  });

  it('refuses decisions and responses that break the workflow, writing nothing', async () => {
    const { reg, alex } = await makeRegister();
    const id = await setupRequest(reg, alex);
    const head = await gitIn(reg, ['rev-parse', 'HEAD']);
    const cases: [string[], RegExp, number?][] = [
      [['decide', '2024-0101-zzzz', '--outcome', 'provide', '--by', 'chief-executive'], /no case 2024-0101-zzzz/],
      [['respond', id, '--sent', '2024-04-09', '--channel', 'email', '--text', 'x'], /no decision yet/],
      [['decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-01'], /before the request was received/],
      [['decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-05-30'], /in the future/],
      [['decide', id, '--outcome', 'provide', '--by', 'press-officer'], /"press-officer" is not one of: chief-executive/, 2],
      [['decide', id, '--outcome', 'refuse', '--by', 'chief-executive'], /outcome refuse carries no reasons/],
    ];
    for (const [args, message, code = 1] of cases) {
      const r = await run(['-r', reg, ...args]);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await gitIn(reg, ['rev-parse', 'HEAD'])).toBe(head);
    expect(await gitIn(reg, ['status', '--porcelain'])).toBe('');
    const future = await run(['-r', reg, 'request', '--candidate', alex, '--received', '2024-05-01', '--channel', 'email', '--category', 'other', '--subject', 's', '--text', 't']);
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/received: 2024-05-01 is in the future/);
  });

  it('forwards a political request unlogged when the register says so (Kent 4)', async () => {
    const { reg, alex } = await makeRegister({ initArgs: ['--political', 'forward-unlogged'] });
    const head = await gitIn(reg, ['rev-parse', 'HEAD']);
    const r = await run(['-r', reg, 'request', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'political', '--subject', 'Endorse me', '--text', 'Please endorse my campaign']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/not logged.*Forward it to/s);
    expect(await gitIn(reg, ['rev-parse', 'HEAD'])).toBe(head);
    expect(await readdir(join(reg, 'cases'))).toEqual([]);
  });

  it('names the flag when a value is missing and there is no terminal', async () => {
    const { reg, alex } = await makeRegister();
    const r = await run(['-r', reg, 'request', '--candidate', alex, '--received', '2024-04-08', '--category', 'budget', '--subject', 's', '--text', 't']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing --channel/);
    const bad = await run(['-r', reg, 'request', '--candidate', alex, '--received', '2024-04-08', '--channel', 'pigeon', '--category', 'budget', '--subject', 's', '--text', 't']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--channel "pigeon" is not one of: email, letter/);
  });

  it('keeps attachments beside the response in the same commit, with their digest', async () => {
    const { dir, reg, alex } = await makeRegister();
    const id = await setupRequest(reg, alex);
    await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09']);
    await writeFile(join(dir, 'figures.csv'), 'district,officers\nNorthtown,120\n');
    const r = await run(['-r', reg, 'respond', id, '--sent', '2024-04-10', '--channel', 'email', '--text', 'Attached.', '--attachment', join(dir, 'figures.csv'), '--json']);
    expect(r.stderr).toBe('');
    const rid = JSON.parse(r.stdout).id;
    const files = (await gitIn(reg, ['show', '--name-only', '--format=', 'HEAD'])).trim().split('\n').sort();
    expect(files).toHaveLength(2);
    expect(files.some((f) => f.endsWith(`${caseDir(id)}/attachments/${rid}-figures.csv`))).toBe(true);
    expect(await readFile(join(reg, caseDir(id), `${rid}.yaml`), 'utf8')).toMatch(/sha256: [0-9a-f]{64}/);
  });
});

describe('case folders by month, and registers written before them', () => {
  it('files a new case under cases/<YYYY-MM>/, keeps writing an older flat case where it is, and reads both', async () => {
    const { reg, alex } = await makeRegister();
    // An older register: the case's request was committed at cases/<id>/ in evenhand's format.
    const old = await setupRequest(reg, alex);
    await gitIn(reg, ['mv', caseDir(old), join('cases', old)]);
    const committed = (await gitIn(reg, ['log', '-1', '--format=%cI'])).trim();
    await new Promise((res, rej) =>
      execFile('git', ['commit', '-q', '--amend', '--no-edit'], { cwd: reg, env: { ...testEnv(), GIT_COMMITTER_DATE: committed } }, (e) => (e ? rej(e) : res(null))),
    );
    expect(await listCaseIds(reg)).toEqual([old]);
    const fresh = JSON.parse((await request(reg, alex)).stdout).id;
    expect(existsSync(join(reg, caseDir(fresh), 'request.yaml'))).toBe(true);

    const d = await run(['-r', reg, 'decide', old, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-10', '--json']);
    expect(d.stderr).toBe('');
    const did = JSON.parse(d.stdout).id;
    const file = await readFile(join(reg, 'cases', old, `${did}.yaml`), 'utf8');
    expect(file.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/decision.schema.json');
    expect(JSON.parse((await run(['-r', reg, 'list', '--json'])).stdout).cases.map((c: { id: string }) => c.id).sort()).toEqual([old, fresh].sort());
    expect((await run(['-r', reg, 'show', old])).stdout).toContain(`cases/${old}/${did}.yaml`);
    expect((await run(['-r', reg, 'check', '--as-of', '2024-04-10'])).code).toBe(0);
    expect((await run(['-r', reg, 'audit'])).code).toBe(0);

    // The same case in both layouts would be two records of it: an error naming both folders.
    await mkdir(join(reg, caseDir(old)), { recursive: true });
    await writeFile(join(reg, caseDir(old), 'request.yaml'), await readFile(join(reg, 'cases', old, 'request.yaml'), 'utf8'));
    const c = await run(['-r', reg, 'check', '--as-of', '2024-04-10']);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain(`error reference: case ${old} has two folders: ${caseDir(old)}/ and cases/${old}/`);
    // …and no command writes into either of them.
    const refused = await run(['-r', reg, 'respond', old, '--sent', '2024-04-11', '--channel', 'email', '--text', 'Answer']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`case ${old} has two folders`);
  });

  it('reports a case filed in a month other than its own, which commands could not find', async () => {
    const { reg, alex } = await makeRegister();
    const id = await setupRequest(reg, alex);
    await gitIn(reg, ['mv', join('cases', id.slice(0, 7)), join('cases', '2024-05')]);
    await gitIn(reg, ['commit', '-q', '-m', 'moved by hand']);
    const c = await run(['-r', reg, 'check', '--as-of', '2024-04-10']);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain(`error reference: case ${id} is filed in cases/2024-05/${id}/, not in the month of its id`);
    expect(c.stdout).toContain(`move the folder to ${caseDir(id)}/`);
  });
});
