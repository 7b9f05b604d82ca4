// `evenhand audit` and `evenhand correct` (issue 5): the git history as the audit trail, with real
// repositories in temporary folders and the built CLI.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, ROOT, gitIn, makeRegister, run, setup, testEnv, caseDir } from './helpers.js';

/** git with extra environment (commit dates for commits made by hand). */
function gitEnv(cwd: string, args: string[], extra: Record<string, string> = {}): Promise<string> {
  return new Promise((res, rej) =>
    execFile('git', args, { cwd, env: testEnv(extra) }, (err, stdout, stderr) => (err ? rej(new Error(`${err.message}\n${stderr}`)) : res(stdout))),
  );
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const AT_NOW = { GIT_AUTHOR_DATE: NOW, GIT_COMMITTER_DATE: NOW };

// Entries that make up a history for audit to read: prepared through the setup runner.
async function request(reg: string, candidate: string, subject = 'Officer numbers'): Promise<string> {
  const r = await setup(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-29', '--channel', 'email', '--category', 'information', '--subject', subject, '--text', 'How many officers are there?']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).id;
}

async function decide(reg: string, id: string): Promise<string> {
  const r = await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-29', '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).id;
}

async function respond(reg: string, id: string, extra: string[] = []): Promise<string> {
  const r = await setup(['-r', reg, 'respond', id, '--sent', '2024-04-30', '--channel', 'email', '--text', 'There are 3,412 officers.', '--json', ...extra]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).id;
}

/** A decision file as evenhand would write it, for commits made by hand. */
function decisionYaml(caseId: string, id: string, recordedAt = NOW): string {
  return [
    '# yaml-language-server: $schema=../../../schemas/decision.schema.json',
    `id: ${id}`,
    'kind: decision',
    `case: ${caseId}`,
    'outcome: provide',
    'decided_by: chief-executive',
    'decided_on: 2024-04-29',
    'offer_to_all: false',
    'recorded_by: Test SPOC',
    `recorded_at: ${recordedAt}`,
    '',
  ].join('\n');
}

function entryMessage(subject: string, caseId: string, entry: string): string {
  return `${subject}\n\nEvenhand-Case: ${caseId}\nEvenhand-Entry: ${entry}\nRecorded-By: Test SPOC\nEvenhand-Clock: fixed ${NOW}\n`;
}

interface AuditJson {
  entries: { file: string; kind: string; id: string; case: string; commit: string; author: string; recorded_by: string; recorded_at: string; commit_date: string; corrects?: string; reason?: string; set?: Record<string, unknown>; attachments?: string[] }[];
  problems: { code: string; severity: string; file: string; case: string; commit: string; message: string; hint: string }[];
}

async function auditJson(reg: string, args: string[] = []): Promise<{ code: number; json: AuditJson; stderr: string }> {
  const r = await run(['-r', reg, 'audit', '--json', ...args]);
  return { code: r.code, json: JSON.parse(r.stdout), stderr: r.stderr };
}

const codes = (j: AuditJson) => [...new Set(j.problems.filter((p) => p.severity === 'error').map((p) => p.code))].sort();

describe('audit: a clean history', () => {
  it('shows each entry with its commit, author, date and recorder, and exits 0', async () => {
    const { dir, reg, alex, bea } = await makeRegister();
    const a = await request(reg, alex);
    const d = await decide(reg, a);
    await writeFile(join(dir, 'figures.csv'), 'district,officers\nNorthtown,120\n');
    const r = await respond(reg, a, ['--attachment', join(dir, 'figures.csv')]);
    const b = await request(reg, bea, 'Budget');
    // The roster and the settings may change (docs/decisions/0001): not tampering.
    expect((await run(['-r', reg, 'candidate', 'update', alex, '--alias', 'Councillor Morgan'])).code).toBe(0);
    await writeFile(join(reg, 'register.yaml'), (await readFile(join(reg, 'register.yaml'), 'utf8')).replace('response_target_days: 10', 'response_target_days: 12'));
    await gitEnv(reg, ['commit', '-qam', 'Target 12 days'], AT_NOW);

    const human = await run(['-r', reg, 'audit']);
    expect(human.stderr).toBe('');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`2024-04-30 11:00  [0-9a-f]{7}  Test SPOC  ${a} request  recorded by Test SPOC`));
    expect(human.stdout).toContain(`${a} ${d}`);
    expect(human.stdout).toMatch(/attachments: cases\/.*figures\.csv/);
    expect(human.stdout).toMatch(/4 entries, \d+ commits read: no sign of tampering/);

    const { code, json } = await auditJson(reg);
    expect(code).toBe(0);
    // Written under EVENHAND_NOW, as every test is: audit says so, as a warning.
    expect(json.problems.map((p) => `${p.severity} ${p.code}`)).toEqual(['warning fixed-clock']);
    expect(json.entries.map((e) => e.file)).toEqual([`${caseDir(a)}/request.yaml`, `${caseDir(a)}/${d}.yaml`, `${caseDir(a)}/${r}.yaml`, `${caseDir(b)}/request.yaml`]);
    const first = json.entries[0];
    expect(first).toMatchObject({ kind: 'request', id: a, case: a, author: 'Test SPOC', recorded_by: 'Test SPOC', recorded_at: '2024-04-30T10:00:00.000Z' });
    expect(Date.parse(first.commit_date)).toBe(Date.parse(NOW));
    expect(first.commit).toBe((await gitIn(reg, ['log', '--format=%H', '--', `${caseDir(a)}/request.yaml`])).trim());
  });

  it('narrows to one case, and to the commits after a revision', async () => {
    const { reg, alex, bea } = await makeRegister();
    const a = await request(reg, alex);
    await decide(reg, a);
    const b = await request(reg, bea);
    const one = await auditJson(reg, [a]);
    expect(one.code).toBe(0);
    expect(one.json.entries.map((e) => e.kind)).toEqual(['request', 'decision']);
    expect(one.json.entries.every((e) => e.case === a)).toBe(true);
    const since = await auditJson(reg, ['--since', 'HEAD~1']);
    expect(since.json.entries.map((e) => e.file)).toEqual([`${caseDir(b)}/request.yaml`]);
    const bad = await run(['-r', reg, 'audit', '--since', 'no-such-tag']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since no-such-tag: no such commit/);
    const unknown = await run(['-r', reg, 'audit', '2024-0101-zzzz']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no case 2024-0101-zzzz/);
  });

  it('audits the sample register in register/ clean', async () => {
    const r = await run(['-r', 'register', 'audit'], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no sign of tampering/);
  });
});

describe('audit: tampering', () => {
  it('an entry modified after the commit that added it', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    const file = join(reg, caseDir(a), 'request.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('subject: Officer numbers', 'subject: Something else'));
    await gitEnv(reg, ['commit', '-qam', 'fix typo'], AT_NOW);
    const r = await run(['-r', reg, 'audit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${caseDir(a)}/request\\.yaml: error tamper-modified: modified by commit [0-9a-f]{7} \\(Test SPOC, [^)]*"fix typo"\\) after [0-9a-f]{7} recorded it \\(hint: `));
    expect(r.stdout).toMatch(/1 problem in the history/);
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });

  it('an entry deleted, and one renamed (a delete and an add)', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    const d = await decide(reg, a);
    await gitEnv(reg, ['rm', '-q', `${caseDir(a)}/request.yaml`]);
    await gitEnv(reg, ['commit', '-qm', 'remove a request'], AT_NOW);
    const r = await run(['-r', reg, 'audit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${caseDir(a)}/request\\.yaml: error tamper-deleted: deleted \\(or renamed\\) by commit`));

    await gitEnv(reg, ['mv', `${caseDir(a)}/${d}.yaml`, `${caseDir(a)}/decision-zzzz.yaml`]);
    await gitEnv(reg, ['commit', '-qm', 'rename'], AT_NOW);
    const { code, json } = await auditJson(reg);
    expect(code).toBe(1);
    const byFile = (f: string) => json.problems.filter((p) => p.file === f).map((p) => p.code);
    expect(byFile(`${caseDir(a)}/${d}.yaml`)).toEqual(['tamper-deleted']);
    expect(byFile(`${caseDir(a)}/decision-zzzz.yaml`)).toContain('tamper-format');
  });

  it('a commit that adds two entries at once', async () => {
    const { reg, alex, bea } = await makeRegister();
    const a = await request(reg, alex);
    const b = await request(reg, bea);
    await writeFile(join(reg, caseDir(a), 'decision-aaaa.yaml'), decisionYaml(a, 'decision-aaaa'));
    await writeFile(join(reg, caseDir(b), 'decision-bbbb.yaml'), decisionYaml(b, 'decision-bbbb'));
    await gitEnv(reg, ['add', 'cases']);
    await gitEnv(reg, ['commit', '-qm', entryMessage(`decide ${a}: provide (chief-executive)`, a, 'decision decision-aaaa')], AT_NOW);
    const r = await run(['-r', reg, 'audit']);
    expect(r.code).toBe(1);
    // git lists the files in path order, so the first named depends on the random case ids.
    const line = r.stdout.split('\n').find((l) => l.includes('error tamper-multiple-entries'))!;
    expect(line).toMatch(/cases\/[^ ]+\/decision-(aaaa|bbbb)\.yaml: error tamper-multiple-entries: commit [0-9a-f]{7} .* adds 2 entries at once: /);
    expect(line).toContain(`${caseDir(a)}/decision-aaaa.yaml`);
    expect(line).toContain(`${caseDir(b)}/decision-bbbb.yaml`);
    // the second entry's commit is not its own evenhand commit either
    expect(r.stdout).toMatch(new RegExp(`${caseDir(b)}/decision-bbbb\\.yaml: error tamper-format:`));
  });

  it('an entry committed by hand, outside evenhand’s format', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    await writeFile(join(reg, caseDir(a), 'decision-hand.yaml'), decisionYaml(a, 'decision-hand'));
    await gitEnv(reg, ['add', 'cases']);
    await gitEnv(reg, ['commit', '-qm', 'add decision'], AT_NOW);
    const { code, json } = await auditJson(reg);
    expect(code).toBe(1);
    expect(codes(json)).toEqual(['tamper-format']);
    const p = json.problems[0];
    expect(p.file).toBe(`${caseDir(a)}/decision-hand.yaml`);
    expect(p.message).toMatch(/not an evenhand entry commit: its subject is not "<command> .*"; it has no Evenhand-Case trailer/);
    const human = await run(['-r', reg, 'audit']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`${caseDir(a)}/decision-hand.yaml: error tamper-format:`);
  });

  it('an entry whose recorded_at is far from its commit date', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    // Everything in evenhand's format, but backdated by three days.
    await writeFile(join(reg, caseDir(a), 'decision-1ate.yaml'), decisionYaml(a, 'decision-1ate', '2024-04-27T10:00:00.000Z'));
    await gitEnv(reg, ['add', 'cases']);
    await gitEnv(reg, ['commit', '-qm', entryMessage(`decide ${a}: provide (chief-executive)`, a, 'decision decision-1ate')], AT_NOW);
    const { code, json } = await auditJson(reg);
    expect(code).toBe(1);
    expect(codes(json)).toEqual(['tamper-date']);
    expect(json.problems[0].file).toBe(`${caseDir(a)}/decision-1ate.yaml`);
    expect(json.problems[0].message).toMatch(/recorded_at 2024-04-27T10:00:00.000Z is 3 days before the date of commit/);
    // within the hour is fine
    await writeFile(join(reg, caseDir(a), 'decision-0k01.yaml'), decisionYaml(a, 'decision-0k01', '2024-04-30T09:30:00.000Z'));
    await gitEnv(reg, ['add', 'cases']);
    await gitEnv(reg, ['commit', '-qm', entryMessage(`decide ${a}: provide (chief-executive)`, a, 'decision decision-0k01')], AT_NOW);
    expect((await auditJson(reg)).json.problems.filter((p) => p.severity === 'error').map((p) => p.file)).toEqual([`${caseDir(a)}/decision-1ate.yaml`]);
  });

  it('an entry commit that also changes other files', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    await writeFile(join(reg, caseDir(a), 'decision-m1x1.yaml'), decisionYaml(a, 'decision-m1x1'));
    await writeFile(join(reg, 'register.yaml'), (await readFile(join(reg, 'register.yaml'), 'utf8')).replace('response_target_days: 10', 'response_target_days: 30'));
    await gitEnv(reg, ['add', 'cases', 'register.yaml']);
    await gitEnv(reg, ['commit', '-qm', entryMessage(`decide ${a}: provide (chief-executive)`, a, 'decision decision-m1x1')], AT_NOW);
    const { code, json } = await auditJson(reg);
    expect(code).toBe(1);
    expect(codes(json)).toEqual(['tamper-mixed-commit']);
    expect(json.problems[0].file).toBe(`${caseDir(a)}/decision-m1x1.yaml`);
    expect(json.problems[0].message).toMatch(/adds this entry and also changes register\.yaml/);
  });

  it('a merge that changes an entry itself', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    const base = (await gitIn(reg, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    await gitEnv(reg, ['checkout', '-qb', 'side']);
    await request(reg, alex, 'Side question');
    await gitEnv(reg, ['checkout', '-q', base]);
    await gitEnv(reg, ['merge', '-q', '--no-ff', '--no-commit', 'side'], AT_NOW);
    const file = join(reg, caseDir(a), 'request.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Officer numbers', 'Edited in the merge'));
    await gitEnv(reg, ['commit', '-qam', 'Merge side'], AT_NOW);
    const { code, json } = await auditJson(reg);
    expect(code).toBe(1);
    expect(codes(json)).toEqual(['tamper-merge']);
    expect(json.problems[0].file).toBe(`${caseDir(a)}/request.yaml`);
    expect(json.entries).toHaveLength(2);
  });

  it('--require-signed fails on entry commits without a good signature', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    expect((await run(['-r', reg, 'audit'])).code).toBe(0);
    const r = await run(['-r', reg, 'audit', '--require-signed']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${caseDir(a)}/request\\.yaml: error unsigned-commit: added by commit [0-9a-f]{7} .*whose signature is missing \\(unsigned commit\\)`));
  });

  it('--require-signed passes when the repository signs its commits (commit.gpgSign with an SSH key)', async () => {
    const { dir, reg, alex } = await makeRegister();
    const key = join(dir, 'signing-key');
    await new Promise<void>((res, rej) => execFile('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'spoc@example.org', '-f', key], (e) => (e ? rej(e) : res())));
    const allowed = join(dir, 'allowed-signers');
    await writeFile(allowed, `* ${await readFile(`${key}.pub`, 'utf8')}`);
    for (const [k, v] of [['gpg.format', 'ssh'], ['user.signingKey', key], ['commit.gpgSign', 'true'], ['gpg.ssh.allowedSignersFile', allowed]]) await gitIn(reg, ['config', k, v]);
    // evenhand's fast commit path cannot sign, so a signing repository must get the porcelain.
    const a = await request(reg, alex);
    expect((await gitIn(reg, ['log', '-1', '--format=%G?'])).trim()).toBe('G');
    const r = await run(['-r', reg, 'audit', a, '--require-signed']);
    expect(r.stdout + r.stderr).not.toMatch(/unsigned-commit/);
    expect(r.code).toBe(0);
  });
});

describe('audit: shallow clones', () => {
  async function publish() {
    const { dir, reg, alex } = await makeRegister();
    await request(reg, alex);
    await request(reg, alex, 'Second');
    const remote = join(dir, 'remote.git');
    await gitIn(dir, ['init', '-q', '--bare', '--initial-branch=main', remote]);
    await gitIn(reg, ['push', '-q', remote, 'HEAD:refs/heads/main']);
    const shallow = join(dir, 'shallow');
    await gitIn(dir, ['clone', '-q', '--depth', '1', `file://${remote}`, shallow]);
    expect((await gitIn(shallow, ['rev-parse', '--is-shallow-repository'])).trim()).toBe('true');
    return { dir, shallow };
  }

  it('deepens a shallow clone when the remote has the history, then audits it whole', async () => {
    const { shallow } = await publish();
    const r = await run(['-r', shallow, 'audit', '--json']);
    expect(r.stderr).toMatch(/this clone was shallow; fetched the full history/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).entries).toHaveLength(2);
    expect((await gitIn(shallow, ['rev-parse', '--is-shallow-repository'])).trim()).toBe('false');
  });

  it('fails, saying how to fetch the history, when it cannot deepen', async () => {
    const { dir, shallow } = await publish();
    await gitIn(shallow, ['remote', 'set-url', 'origin', `file://${join(dir, 'gone.git')}`]);
    const r = await run(['-r', shallow, 'audit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/this clone is shallow/);
    expect(r.stderr).toMatch(/git fetch --unshallow/);
    expect(r.stderr).toMatch(/fetch-depth: 0/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('corrections', () => {
  it("correct a response's public_text: show and audit see the original and the correction", async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    await decide(reg, a);
    const r = await respond(reg, a);
    const c = await run(['-r', reg, 'correct', r, '--case', a, '--reason', 'Wording for publication missing', '--set', 'public_text=Yes: 3,412 officers.', '--json']);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    const cid = JSON.parse(c.stdout).id;
    expect(cid).toMatch(/^correction-[0-9a-z]{4}$/);

    // one commit adding exactly the correction, in evenhand's format
    const show = await gitIn(reg, ['show', '--name-status', '--format=%s%n%b', 'HEAD']);
    expect(show).toContain(`correct ${a}: ${r} (public_text)`);
    expect(show).toContain(`Evenhand-Entry: correction ${cid}`);
    expect(show.trim().split('\n').filter((l) => /^[AMD]\t/.test(l))).toEqual([`A\t${caseDir(a)}/${cid}.yaml`]);
    const file = await readFile(join(reg, caseDir(a), `${cid}.yaml`), 'utf8');
    expect(file).toContain(`corrects: ${r}`);
    expect(file).toMatch(/public_text: "Yes: 3,412 officers\."|public_text: 'Yes: 3,412 officers\.'/);

    const shown = JSON.parse((await run(['-r', reg, 'show', a, '--json'])).stdout);
    const response = shown.entries.find((e: { id: string }) => e.id === r);
    expect(response.fields.public_text).toBe('Yes: 3,412 officers.');
    expect(response.fields.text).toBe('There are 3,412 officers.');
    const correction = shown.entries.find((e: { id: string }) => e.id === cid);
    expect(correction.fields).toMatchObject({ corrects: r, reason: 'Wording for publication missing', set: { public_text: 'Yes: 3,412 officers.' } });

    const { code, json } = await auditJson(reg, [a]);
    expect(code).toBe(0);
    expect(json.entries.map((e) => e.id)).toEqual([a, expect.stringMatching(/^decision-/), r, cid]);
    expect(json.entries[3]).toMatchObject({ kind: 'correction', corrects: r, reason: 'Wording for publication missing', set: { public_text: 'Yes: 3,412 officers.' } });
    const human = await run(['-r', reg, 'audit', a]);
    expect(human.stdout).toContain(`corrects ${r}: public_text (reason: Wording for publication missing)`);
  });

  it('reads --set values as YAML: booleans and lists; a case id corrects the request', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    const d = (await run(['-r', reg, 'decide', a, '--outcome', 'refuse', '--by', 'chief-executive', '--on', '2024-04-29', '--reason', 'Cost', '--json'])).stdout;
    const did = JSON.parse(d).id;
    expect((await run(['-r', reg, 'correct', a, '--reason', 'Made under the FOI Act', '--set', 'foi=true', '--set', 'subject=2024'])).code).toBe(0);
    expect((await run(['-r', reg, 'correct', did, '--case', a, '--reason', 'Both reasons', '--set', 'reasons=[Cost limit, Personal data]', '--set', 'exemptions=[s12, s40(2)]'])).code).toBe(0);
    const shown = JSON.parse((await run(['-r', reg, 'show', a, '--json'])).stdout);
    expect(shown.foi).toBe(true);
    expect(shown.subject).toBe('2024');
    expect(shown.entries.find((e: { id: string }) => e.id === did).fields.reasons).toEqual(['Cost limit', 'Personal data']);
    expect((await run(['-r', reg, 'check'])).code).toBe(0);
    expect((await run(['-r', reg, 'audit'])).code).toBe(0);
  });

  it('refuses corrections that would not be valid, writing nothing', async () => {
    const { reg, alex } = await makeRegister();
    const a = await request(reg, alex);
    const d = await decide(reg, a);
    const head = await gitIn(reg, ['rev-parse', 'HEAD']);
    const cases: [string[], RegExp, number][] = [
      [['correct', a, '--reason', 'x', '--set', 'channel=pigeon'], /--set channel: the corrected request would not be valid: channel: /, 2],
      [['correct', a, '--reason', 'x', '--set', 'colour=blue'], /a request has no field "colour"/, 2],
      [['correct', a, '--reason', 'x', '--set', 'recorded_by=Someone'], /cannot change recorded_by/, 2],
      [['correct', a, '--reason', 'x', '--set', 'subject=Officer numbers'], /nothing to correct/, 2],
      [['correct', a, '--reason', 'x', '--set', 'subject'], /expected field=value/, 2],
      [['correct', a, '--reason', 'x'], /missing --set/, 2],
      [['correct', a, '--set', 'subject=New'], /missing --reason/, 2],
      // Without --case the case is found from the entry id (issue 13).
      [['correct', d, '--reason', 'x', '--set', 'outcome=maybe'], /--set outcome: the corrected decision would not be valid: outcome: /, 2],
      [['correct', 'decision-zzzz', '--reason', 'x', '--set', 'outcome=refuse'], /no entry decision-zzzz in this register/, 1],
      [['correct', d, '--case', a, '--reason', 'x', '--set', 'outcome=maybe'], /--set outcome: the corrected decision would not be valid: outcome: /, 2],
      [['correct', 'decision-zzzz', '--case', a, '--reason', 'x', '--set', 'outcome=refuse'], /case .* has no entry decision-zzzz/, 1],
    ];
    for (const [args, message, code] of cases) {
      const r = await run(['-r', reg, ...args]);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await gitIn(reg, ['rev-parse', 'HEAD'])).toBe(head);
    expect(await gitIn(reg, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });
});

describe('audit: a large register', () => {
  it('reads the history in one git process: 2,000 commits audit in seconds', async () => {
    const { reg, alex } = await makeRegister();
    // Build history fast with git fast-import: one evenhand-format commit per request.
    const n = 2000;
    const lines: string[] = [];
    const head = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    const branch = (await gitIn(reg, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    const t = Date.parse(NOW) / 1000;
    for (let i = 0; i < n; i++) {
      const id = `2024-0429-${[3, 2, 1, 0].map((k) => CROCKFORD[Math.floor(i / 32 ** k) % 32]).join('')}`;
      const content = [
        '# yaml-language-server: $schema=../../../schemas/request.schema.json',
        `id: ${id}`, 'kind: request', `candidate: ${alex}`, 'requester_role: candidate', 'received: 2024-04-29', 'channel: email', 'via: opcc',
        'category: information', 'foi: false', `subject: Question ${i}`, 'text: A question', 'recorded_by: Test SPOC', `recorded_at: ${NOW}`, '',
      ].join('\n');
      const msg = entryMessage(`request ${id}: information by email`, id, `request ${id}`);
      lines.push(`commit refs/heads/${branch}`, `author Test SPOC <spoc@example.org> ${t} +0000`, `committer Test SPOC <spoc@example.org> ${t} +0000`);
      lines.push(`data ${Buffer.byteLength(msg)}`, msg);
      if (i === 0) lines.push(`from ${head}`);
      lines.push(`M 100644 inline ${caseDir(id)}/request.yaml`, `data ${Buffer.byteLength(content)}`, content, '');
    }
    await new Promise<void>((res, rej) => {
      const child = execFile('git', ['fast-import', '--quiet'], { cwd: reg, env: testEnv() }, (err) => (err ? rej(err) : res()));
      child.stdin!.end(lines.join('\n'));
    });
    await gitIn(reg, ['reset', '-q', '--hard']);
    const { code, json } = await auditJson(reg);
    expect(json.problems.map((p) => p.code)).toEqual(['fixed-clock']);
    expect(code).toBe(0);
    expect(json.entries).toHaveLength(n);
  });
});
