// History that cannot be quietly rewritten (issue 10): sync refuses a force-pushed remote, every
// published build anchors the history (`audit --published`), and the audit catches commits dated
// out of order, subjects that no longer match their entry, and writes made under EVENHAND_NOW.
// Real git in temporary folders, the built CLI.
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, SAMPLE, buildRegister, caseDir, copyFixture, gitIn, makeRegister, run, sampleSite, setup, sharedFixture, tempDir, testEnv } from './helpers.js';

/** git with extra environment (dates for commits made by hand, an editor for rebase -i). */
function gitEnv(cwd: string, args: string[], extra: Record<string, string> = {}): Promise<string> {
  return new Promise((res, rej) =>
    execFile('git', args, { cwd, env: testEnv(extra) }, (err, stdout, stderr) => (err ? rej(new Error(`${err.message}\n${stderr}`)) : res(stdout))),
  );
}

/** The system clock for this run (no EVENHAND_NOW): the commit says `Evenhand-Clock: system`. */
const REAL_CLOCK = { EVENHAND_NOW: '' };

// Entries that make up a history: prepared through the setup runner.
async function request(reg: string, candidate: string, subject: string, env: Record<string, string> = {}): Promise<string> {
  const r = await setup(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-29', '--channel', 'email', '--category', 'information', '--subject', subject, '--text', `${subject}?`], { env });
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).id;
}

async function decide(reg: string, id: string, outcome = 'provide', env: Record<string, string> = {}): Promise<string> {
  const r = await setup(['-r', reg, 'decide', id, '--outcome', outcome, '--by', 'chief-executive', '--on', '2024-04-29', '--json', ...(outcome === 'refuse' ? ['--reason', 'Cost limit'] : [])], { env });
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).id;
}

interface AuditJson {
  problems: { code: string; severity: string; file: string | null; case: string | null; commit: string | null; message: string }[];
  published: { source: string; commit: string; entries: number; in_history: boolean }[];
}

async function audit(reg: string, args: string[] = []): Promise<{ code: number; json: AuditJson; stderr: string }> {
  const r = await run(['-r', reg, 'audit', '--json', ...args]);
  return { code: r.code, json: JSON.parse(r.stdout || '{"problems":[],"published":[]}'), stderr: r.stderr };
}

const errors = (j: AuditJson) => j.problems.filter((p) => p.severity === 'error').map((p) => p.code);
const warnings = (j: AuditJson) => j.problems.filter((p) => p.severity === 'warning').map((p) => p.code);

/** A decision file as evenhand writes it, and an entry commit in its format, for commits forged by hand. */
function decisionYaml(caseId: string, id: string, outcome: string, recordedAt: string): string {
  return [
    '# yaml-language-server: $schema=../../../schemas/decision.schema.json',
    `id: ${id}`,
    'kind: decision',
    `case: ${caseId}`,
    `outcome: ${outcome}`,
    'decided_by: chief-executive',
    'decided_on: 2024-04-29',
    'offer_to_all: false',
    'recorded_by: Test SPOC',
    `recorded_at: ${recordedAt}`,
    '',
  ].join('\n');
}

async function forgeDecision(reg: string, caseId: string, id: string, o: { recordedAt: string; authorDate: string; commitDate: string; clock?: string }) {
  await writeFile(join(reg, caseDir(caseId), `${id}.yaml`), decisionYaml(caseId, id, 'provide', o.recordedAt));
  await gitEnv(reg, ['add', 'cases']);
  const clock = o.clock === undefined ? 'Evenhand-Clock: system\n' : o.clock;
  const message = `decide ${caseId}: provide (chief-executive)\n\nEvenhand-Case: ${caseId}\nEvenhand-Entry: decision ${id}\nRecorded-By: Test SPOC\n${clock}`;
  await gitEnv(reg, ['commit', '-q', '-m', message], { GIT_AUTHOR_DATE: o.authorDate, GIT_COMMITTER_DATE: o.commitDate });
  return (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
}

const head = async (reg: string) => (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
const ago = (iso: string, days: number) => new Date(Date.parse(iso) - days * 86_400_000).toISOString();

describe('sync refuses a remote whose history was rewritten', () => {
  async function offices() {
    const { dir, reg: a, alex, bea } = await makeRegister({ initArgs: ['--review', 'off'] }); // publish without approval: these tests are about the history
    const remote = join(dir, 'shared.git');
    await gitIn(dir, ['init', '-q', '--bare', '--initial-branch=main', remote]);
    await gitIn(a, ['branch', '-M', 'main']);
    await gitIn(a, ['remote', 'add', 'origin', remote]);
    const kept = await request(a, alex, 'Officer numbers');
    const dropped = await request(a, bea, 'Overtime budget');
    expect((await setup(['-r', a, 'sync'])).code).toBe(0);
    const b = join(dir, 'office-b');
    await gitIn(dir, ['clone', '-q', remote, b]);
    return { dir, remote, a, b, alex, bea, kept, dropped };
  }

  it('after a force-push that drops an entry: exit 1, the dropped commit named, nothing changed here', async () => {
    const { remote, a, b, alex, dropped } = await offices();
    // Office B records an entry of its own, not yet shared.
    const mine = await request(b, alex, 'Custody visits');
    // Office A drops the last shared entry and force-pushes the rewrite.
    const droppedCommit = (await gitIn(a, ['log', '-1', '--format=%h %s'])).trim();
    expect(droppedCommit).toContain(`request ${dropped}:`);
    await gitIn(a, ['reset', '-q', '--hard', 'HEAD~1']);
    await gitIn(a, ['push', '-q', '--force', 'origin', 'main']);
    const remoteAfterRewrite = (await gitIn(remote, ['rev-parse', 'main'])).trim();

    const before = {
      head: await head(b),
      tracking: (await gitIn(b, ['rev-parse', 'refs/remotes/origin/main'])).trim(),
      refs: await gitIn(b, ['for-each-ref']),
      status: await gitIn(b, ['status', '--porcelain=v1', '--untracked-files=all']),
      files: await readdir(join(b, 'cases'), { recursive: true }),
    };
    const r = await run(['-r', b, 'sync']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/origin\/main no longer holds 1 commit this clone had from it: its history was rewritten \(a force-push\)/);
    // names the commit that disappeared: short id and subject
    expect(r.stderr).toContain(droppedCommit);
    expect(r.stderr).toMatch(/Nothing was changed here: no rebase, no push/);
    expect(r.stderr).toMatch(/hint: .*force-pushes/);
    expect(r.stderr).not.toMatch(/\n\s+at /);

    // Nothing moved: HEAD, the remote-tracking ref, every other ref, the work tree, the remote.
    expect(await head(b)).toBe(before.head);
    expect((await gitIn(b, ['rev-parse', 'refs/remotes/origin/main'])).trim()).toBe(before.tracking);
    expect(await gitIn(b, ['for-each-ref'])).toBe(before.refs);
    expect(await gitIn(b, ['status', '--porcelain=v1', '--untracked-files=all'])).toBe(before.status);
    expect(await readdir(join(b, 'cases'), { recursive: true })).toEqual(before.files);
    expect((await gitIn(remote, ['rev-parse', 'main'])).trim()).toBe(remoteAfterRewrite);
    expect(await gitIn(b, ['log', '--format=%s'])).toContain(`request ${mine}:`);
    // and it keeps refusing
    expect((await run(['-r', b, 'sync'])).code).toBe(1);
  });

  it('when the shared branch was deleted', async () => {
    const { remote, b } = await offices();
    await gitIn(remote, ['update-ref', '-d', 'refs/heads/main']);
    const r = await run(['-r', b, 'sync']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/origin\/main is gone from the remote/);
    expect((await gitIn(remote, ['for-each-ref'])).trim()).toBe('');
  });

  it('still syncs a remote that only moved forward', async () => {
    const { a, b, alex } = await offices();
    const more = await request(a, alex, 'Another');
    expect((await run(['-r', a, 'sync'])).code).toBe(0);
    const r = await run(['-r', b, 'sync']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await gitIn(b, ['log', '--format=%s'])).toContain(`request ${more}:`);
    expect((await gitIn(b, ['for-each-ref', 'refs/evenhand/'])).trim()).toBe('');
  });
});

describe('audit --published: every published build anchors the history', () => {
  /** A register with three entries, and a copy of the site built from it (the witness): built once per run, copied per test. */
  async function published() {
    const f = await sharedFixture('history-anchors: three entries and a published build', async (dir) => {
      const { alex, bea } = await buildRegister(dir, ['--review', 'off']); // publish without approval: these tests are about the history
      const reg = join(dir, 'register');
      const a = await request(reg, alex, 'Officer numbers');
      const b = await request(reg, bea, 'Overtime budget');
      await decide(reg, a);
      const built = await run(['-r', reg, 'build', '--out', join(dir, 'site')], { cwd: dir });
      expect(built.code).toBe(0);
      await cp(join(dir, 'site'), join(dir, 'published-2024-04-30'), { recursive: true });
      return { alex, bea, a, b };
    });
    const dir = await copyFixture(f);
    return { dir, reg: join(dir, 'register'), ...f.data, witness: join(dir, 'published-2024-04-30') };
  }

  it('the log names the commit and entry count it was built from; an untouched history passes', async () => {
    const { reg, witness } = await published();
    const doc = JSON.parse(await readFile(join(witness, 'disclosure-log.json'), 'utf8'));
    expect(doc.built_from).toEqual({ commit: await head(reg), entries: 3 });
    for (const source of [witness, join(witness, 'disclosure-log.json')]) {
      const r = await audit(reg, ['--published', source]);
      expect(r.stderr).toBe('');
      expect(errors(r.json)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.json.published).toEqual([{ source, commit: doc.built_from.commit, entries: 3, in_history: true }]);
    }
  });

  it('a date-preserving rebase -i that drops an entry passes the plain audit, and is caught against a build made before it', async () => {
    const { reg, b, witness } = await published();
    const line = (await gitIn(reg, ['log', '--format=%h %s'])).split('\n').find((l) => l.includes(`request ${b}:`))!;
    // The rewrite a hostile engineer would do: drop the commit, keep every date.
    await gitEnv(reg, ['rebase', '-q', '-i', '--committer-date-is-author-date', 'HEAD~3'], { GIT_SEQUENCE_EDITOR: `sed -i '/request ${b}:/d'` });
    expect(await gitIn(reg, ['log', '--format=%s'])).not.toContain(`request ${b}:`);

    const plain = await audit(reg);
    expect(errors(plain.json)).toEqual([]);
    expect(plain.code).toBe(0);

    const r = await audit(reg, ['--published', witness]);
    expect(r.code).toBe(1);
    expect(errors(r.json).sort()).toEqual(['published-case-missing', 'published-rewritten']);
    const rewritten = r.json.problems.find((p) => p.code === 'published-rewritten')!;
    expect(rewritten.message).toMatch(/was published from a commit that is no longer in the history of HEAD: the history was rewritten after it was published/);
    expect(rewritten.message).toContain(`Commits it held whose changes HEAD does not hold: ${line}.`);
    expect(rewritten.message).toContain(`Cases it published that are gone: ${b}`);
    expect(r.json.problems.find((p) => p.code === 'published-case-missing')!.case).toBe(b);
    expect(r.json.published[0].in_history).toBe(false);

    // A fresh clone of the rewritten history does not even hold the commit.
    const fresh = join(await tempDir(), 'clone');
    // (file://, so only what the rewritten history reaches is copied, as from a remote)
    await gitIn(reg, ['clone', '-q', `file://${reg}`, fresh]);
    const human = await run(['-r', fresh, 'audit', '--published', join(witness, 'disclosure-log.json')]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/error published-rewritten: .* was published from a commit that this repository does not hold/);
    expect(human.stdout).toMatch(/1 published log checked: 2 problems in the history/);
  });

  it('reads the published log from its URL (a local server)', async () => {
    const { reg, b, witness } = await published();
    const body = await readFile(join(witness, 'disclosure-log.json'));
    const server = createServer((req, res) => {
      if (req.url === '/log/disclosure-log.json') res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await audit(reg, ['--published', `${base}/log/disclosure-log.json`]);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      await gitEnv(reg, ['rebase', '-q', '-i', '--committer-date-is-author-date', 'HEAD~3'], { GIT_SEQUENCE_EDITOR: `sed -i '/request ${b}:/d'` });
      const caught = await audit(reg, ['--published', `${base}/log/disclosure-log.json`]);
      expect(caught.code).toBe(1);
      expect(errors(caught.json)).toContain('published-rewritten');
      const missing = await run(['-r', reg, 'audit', '--published', `${base}/nothing.json`]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/--published http:\/\/127\.0\.0\.1:\d+\/nothing\.json: the server answered 404/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('an entry the build held, edited or removed since, even through a merge that hides it from the log', async () => {
    const { reg, a, witness } = await published();
    const file = join(reg, caseDir(a), 'request.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('subject: Officer numbers', 'subject: Something else'));
    await gitEnv(reg, ['commit', '-qam', 'tidy'], { GIT_AUTHOR_DATE: NOW, GIT_COMMITTER_DATE: NOW });
    const r = await audit(reg, ['--published', witness]);
    expect(r.code).toBe(1);
    expect(errors(r.json)).toContain('published-changed');
    expect(r.json.problems.find((p) => p.code === 'published-changed')).toMatchObject({ file: `${caseDir(a)}/request.yaml`, case: a });
    expect(r.json.problems.find((p) => p.code === 'published-changed')!.message).toMatch(/^changed since .* which held it and published its case: not through `evenhand correct`/);
  });

  it('an entry added after the build in a commit dated before it', async () => {
    const { reg, a, witness } = await published();
    await forgeDecision(reg, a, 'decision-bk01', { recordedAt: ago(NOW, 2), authorDate: ago(NOW, 2), commitDate: ago(NOW, 2), clock: `Evenhand-Clock: fixed ${ago(NOW, 2)}\n` });
    const r = await audit(reg, ['--published', witness]);
    expect(r.code).toBe(1);
    expect(errors(r.json)).toContain('published-backdated');
    expect(r.json.problems.find((p) => p.code === 'published-backdated')!.message).toMatch(/added after .* yet its commit [0-9a-f]{7} is dated .* before that build's commit/);
  });

  it('a log that does not match the commit it names', async () => {
    const { reg, witness } = await published();
    const path = join(witness, 'disclosure-log.json');
    const doc = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...doc, built_from: { ...doc.built_from, entries: 2 } }));
    const r = await audit(reg, ['--published', witness]);
    expect(r.code).toBe(1);
    expect(errors(r.json)).toEqual(['published-mismatch']);
    await writeFile(path, JSON.stringify({ ...doc, built_from: undefined }));
    const none = await run(['-r', reg, 'audit', '--published', witness]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/it names no commit it was built from/);
  });
});

describe('the sample site names the commit of the sample register', () => {
  it('built_from is the last commit that touched register/, with its entry count', async () => {
    // The sample register built as a user builds it (one build per run, shared: test/helpers.ts).
    const { site, code } = await sampleSite();
    expect(code).toBe(0);
    const doc = JSON.parse(await readFile(join(site, 'disclosure-log.json'), 'utf8'));
    expect(doc.built_from.commit).toBe((await gitIn(SAMPLE, ['log', '-1', '--format=%H', '--', '.'])).trim());
    // cases/<case>/<entry>.yaml (the sample predates month folders) or cases/<month>/<case>/<entry>.yaml
    const entryFiles = (await readdir(join(SAMPLE, 'cases'), { recursive: true })).filter((f) => /^(?:\d{4}-\d{2}\/)?\d{4}-\d{4}-[^/]+\/[^/.][^/]*\.yaml$/.test(f));
    expect(doc.built_from.entries).toBe(entryFiles.length);
    expect(Object.keys(doc).at(-1)).toBe('built_from');
    // and the sample site audits against its own register
    const r = await run(['-r', SAMPLE, 'audit', '--published', site]);
    expect(r.code).toBe(0);
  });
});

describe('audit: dates out of order and subjects that no longer match', () => {
  it('a commit dated before its parent', async () => {
    const { reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] }); // publish without approval: these tests are about the history
    const a = await request(reg, alex, 'Officer numbers', REAL_CLOCK);
    expect(await gitIn(reg, ['log', '-1', '--format=%(trailers:key=Evenhand-Clock,valueonly)'])).toMatch(/^system\s*$/);
    const past = ago(new Date().toISOString(), 3);
    const forged = await forgeDecision(reg, a, 'decision-0ld1', { recordedAt: past, authorDate: past, commitDate: past });
    const r = await audit(reg);
    expect(r.code).toBe(1);
    expect(errors(r.json)).toContain('tamper-date-order');
    const p = r.json.problems.find((x) => x.code === 'tamper-date-order')!;
    expect(p.commit).toBe(forged);
    expect(p.message).toMatch(/is dated .*, 3 days before its parent [0-9a-f]{7}/);
  });

  it('an entry recorded before one committed ahead of it; a late arrival (as sync makes) only warns', async () => {
    const { reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] }); // publish without approval: these tests are about the history
    const a = await request(reg, alex, 'Officer numbers', REAL_CLOCK);
    // A settings change by hand in between: its date proves nothing, so only recorded_at can tell.
    await writeFile(join(reg, 'register.yaml'), (await readFile(join(reg, 'register.yaml'), 'utf8')).replace('response_target_days: 10', 'response_target_days: 12'));
    await gitEnv(reg, ['commit', '-qam', 'Target 12 days']);
    const past = ago(new Date().toISOString(), 2);
    await forgeDecision(reg, a, 'decision-bk02', { recordedAt: past, authorDate: past, commitDate: past });
    const r = await audit(reg);
    expect(r.code).toBe(1);
    expect(errors(r.json)).toEqual(['tamper-backdated']);
    expect(r.json.problems.find((x) => x.code === 'tamper-backdated')!.message).toMatch(
      new RegExp(`recorded_at .* is 2 days before ${caseDir(a)}/request\\.yaml \\(recorded .*\\), which was committed before it`),
    );

    // The same entry brought in today (commit date now, author date kept, as a rebase does) is a warning.
    await gitIn(reg, ['reset', '-q', '--hard', 'HEAD~1']);
    await forgeDecision(reg, a, 'decision-sy01', { recordedAt: past, authorDate: past, commitDate: new Date().toISOString() });
    const late = await audit(reg);
    expect(errors(late.json)).toEqual([]);
    expect(warnings(late.json)).toEqual(['late-entry', 'fixed-clock']);
    expect(late.code).toBe(0);
  });

  it('a commit subject that no longer matches its entry ("refuse" over a file saying "provide")', async () => {
    const { reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] }); // publish without approval: these tests are about the history
    const a = await request(reg, alex, 'Officer numbers');
    const d = await decide(reg, a, 'refuse');
    expect((await audit(reg)).code).toBe(0);
    // Rewrite the decision in place, keeping its commit's message and dates (an amend, as `rebase -i` edit does).
    const file = join(reg, caseDir(a), `${d}.yaml`);
    await writeFile(file, (await readFile(file, 'utf8')).replace('outcome: refuse', 'outcome: provide').replace(/reasons:\n(  - .*\n)+/, ''));
    const dates = (await gitIn(reg, ['log', '-1', '--format=%aI %cI'])).trim().split(' ');
    await gitEnv(reg, ['commit', '-q', '-a', '--amend', '--no-edit'], { GIT_AUTHOR_DATE: dates[0], GIT_COMMITTER_DATE: dates[1] });
    expect((await gitIn(reg, ['log', '-1', '--format=%s'])).trim()).toBe(`decide ${a}: refuse (chief-executive)`);
    const r = await audit(reg);
    expect(r.code).toBe(1);
    expect(errors(r.json)).toEqual(['tamper-subject']);
    expect(r.json.problems.find((x) => x.code === 'tamper-subject')!.message).toContain(`does not match the entry it adds, which makes it "decide ${a}: provide (chief-executive)"`);
  });

  it('an entry commit without the clock trailer, in a history that has one, is not evenhand’s', async () => {
    const { reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] }); // publish without approval: these tests are about the history
    const a = await request(reg, alex, 'Officer numbers', REAL_CLOCK);
    await forgeDecision(reg, a, 'decision-n0c1', { recordedAt: new Date().toISOString(), authorDate: new Date().toISOString(), commitDate: new Date().toISOString(), clock: '' });
    const r = await audit(reg);
    expect(r.code).toBe(1);
    expect(errors(r.json)).toEqual(['tamper-format']);
    expect(r.json.problems[0].message).toMatch(/it has no Evenhand-Clock trailer/);
  });
});

describe('EVENHAND_NOW is for tests, and says so', () => {
  it('a write under it carries Evenhand-Clock: fixed <instant>, which audit reports as a warning', async () => {
    const { reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] }); // publish without approval: these tests are about the history
    const a = await request(reg, alex, 'Officer numbers', REAL_CLOCK);
    // The write under test: a fresh process, as a user would run it.
    const fixed = await run(['-r', reg, 'decide', a, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-29', '--json'], { env: { EVENHAND_NOW: '2024-04-29T09:00:00Z' } });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(await gitIn(reg, ['log', '-1', '--format=%(trailers:key=Evenhand-Clock,valueonly)'])).toMatch(/^fixed 2024-04-29T09:00:00\.000Z\s*$/);
    expect(await gitIn(reg, ['log', '-2', '--format=%(trailers:key=Evenhand-Clock,valueonly)'])).toMatch(/system/);
    const r = await run(['-r', reg, 'audit']);
    expect(r.code).toBe(0);
    const short = (await gitIn(reg, ['rev-parse', '--short=7', 'HEAD'])).trim();
    // the decision, and init and the roster made by makeRegister under the test clock
    expect(r.stdout).toMatch(new RegExp(`warning fixed-clock: 5 commits were written with the clock fixed by EVENHAND_NOW \\(${short} "decide ${a}: provide \\(chief-executive\\)", `));
    expect(r.stdout).toMatch(/no sign of tampering \(1 warning\)/);
    const help = await run(['--help']);
    expect(help.stdout).toMatch(/EVENHAND_NOW/);
  });
});
