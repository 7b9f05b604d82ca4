// One fixture register per rule: the clean base plus the smallest change that breaks that rule.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, ROOT, run, SAMPLE, sampleCheck, tempDir } from './helpers.js';

const BASE = join(ROOT, 'test', 'fixtures', 'check-base');
const AS_OF = '2024-04-30';

type Files = Record<string, string>;

const entry = (lines: string[]) => `${lines.join('\n')}\n`;
const request = (id: string, extra: Record<string, string> = {}) => {
  const fields: Record<string, string> = {
    id,
    kind: 'request',
    candidate: 'c-a001',
    received: '2024-04-15',
    channel: 'email',
    category: 'information',
    subject: 'A question',
    text: 'A question?',
    recorded_by: 'SPOC',
    recorded_at: '2024-04-15T10:00:00Z',
    ...extra,
  };
  return entry(Object.entries(fields).map(([k, v]) => `${k}: ${v}`));
};
const decision = (caseId: string, extra: Record<string, string> = {}) => {
  const fields: Record<string, string> = {
    id: 'decision-dd01',
    kind: 'decision',
    case: caseId,
    outcome: 'provide',
    decided_by: 'chief-executive',
    decided_on: '2024-04-16',
    recorded_by: 'SPOC',
    recorded_at: '2024-04-16T10:00:00Z',
    ...extra,
  };
  return entry(Object.entries(fields).map(([k, v]) => `${k}: ${v}`));
};
const response = (caseId: string, extra: Record<string, string> = {}) => {
  const fields: Record<string, string> = {
    id: 'response-rr01',
    kind: 'response',
    case: caseId,
    sent_on: '2024-04-17',
    channel: 'email',
    text: 'An answer.',
    recorded_by: 'SPOC',
    recorded_at: '2024-04-17T10:00:00Z',
    ...extra,
  };
  return entry(Object.entries(fields).map(([k, v]) => `${k}: ${v}`));
};
const C = '2024-0415-cccc';
const caseFiles = (req: Record<string, string>, dec?: Record<string, string>, res?: Record<string, string>): Files => ({
  [`cases/${C}/request.yaml`]: request(C, req),
  ...(dec ? { [`cases/${C}/decision-dd01.yaml`]: decision(C, dec) } : {}),
  ...(res ? { [`cases/${C}/response-rr01.yaml`]: response(C, res) } : {}),
});

async function fixture(files: Files, configEdit?: (yaml: string) => string, uncommitted: Files = {}): Promise<string> {
  const dir = join(await tempDir(), 'register');
  await cp(BASE, dir, { recursive: true });
  if (configEdit) await writeFile(join(dir, 'register.yaml'), configEdit(await readFile(join(dir, 'register.yaml'), 'utf8')));
  const write = async (f: Files) => {
    for (const [path, text] of Object.entries(f)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  };
  await write(files);
  await gitIn(dir, ['init', '-q']);
  await gitIn(dir, ['add', '-A']);
  await gitIn(dir, ['commit', '-qm', 'fixture']);
  await write(uncommitted);
  return dir;
}

async function check(dir: string) {
  const r = await run(['-r', dir, 'check', '--as-of', AS_OF, '--json']);
  return { ...r, json: JSON.parse(r.stdout) as { findings: { code: string; severity: string; file: string; line: number | null; case: string | null; message: string }[]; errors: number; warnings: number } };
}

const policy = (key: string, value: string) => (y: string) => y.replace(new RegExp(`${key}: .*`), `${key}: ${value}`);

// rule → [severity, the fixture that triggers it, the file the finding must name]
const RULES: [string, 'error' | 'warning', () => Promise<string>, string][] = [
  ['schema', 'error', () => fixture({ [`cases/2024-0408-aaaa/decision-zz01.yaml`]: decision('2024-0408-aaaa', { id: 'decision-zz01', outcome: 'maybe' }) }), 'cases/2024-0408-aaaa/decision-zz01.yaml'],
  ['reference', 'error', () => fixture(caseFiles({ candidate: 'c-zzzz' }, {}, {})), `cases/${C}/request.yaml`],
  ['chronology', 'error', () => fixture(caseFiles({}, { decided_on: '2024-04-10' }, {})), `cases/${C}/decision-dd01.yaml`],
  ['decision-maker', 'error', () => fixture(caseFiles({}, { decided_by: 'press-officer' }, {})), `cases/${C}/decision-dd01.yaml`],
  ['refusal-reason', 'error', () => fixture(caseFiles({ foi: 'true' }, { outcome: 'refuse', reasons: '[Too costly]' }, {})), `cases/${C}/decision-dd01.yaml`],
  ['foi-deadline', 'error', () => fixture(caseFiles({ foi: 'true', received: '2024-03-01', recorded_at: '2024-03-01T10:00:00Z' })), `cases/${C}/request.yaml`],
  ['response-overdue', 'warning', () => fixture(caseFiles({ received: '2024-04-01', recorded_at: '2024-04-01T10:00:00Z' }, {})), `cases/${C}/request.yaml`],
  ['unpublished', 'error', () => fixture(caseFiles({}, {}, { publish: 'false' })), `cases/${C}/response-rr01.yaml`],
  ['equal-treatment', 'error', () => fixture(caseFiles({ category: 'meeting', candidate: 'c-b002' }, {}, { offered_to: '[c-b002]' })), `cases/${C}/response-rr01.yaml`],
  ['pre-election-media', 'error', () => fixture(caseFiles({ category: 'media' }, {}, {})), `cases/${C}/decision-dd01.yaml`],
  ['imagery', 'error', () => fixture(caseFiles({ category: 'imagery', received: '2024-02-01', recorded_at: '2024-02-01T10:00:00Z' }, { decided_on: '2024-02-02' }, { sent_on: '2024-02-03' })), `cases/${C}/decision-dd01.yaml`],
  ['undeclared', 'warning', () => fixture(caseFiles({ candidate: 'c-c003' }, {}, {}), policy('undeclared', 'treat-as-public')), `cases/${C}/request.yaml`],
  ['written-confirmation', 'warning', () => fixture(caseFiles({ channel: 'phone' }, {}, {}), policy('written_confirmation_required', 'true')), `cases/${C}/request.yaml`],
  ['political', 'warning', () => fixture(caseFiles({ category: 'political' }, { outcome: 'refuse', reasons: '[Political]' }, {}), policy('political_requests', 'forward-unlogged')), `cases/${C}/request.yaml`],
  ['uncommitted', 'warning', () => fixture({}, undefined, caseFiles({}, {}, {})), `cases/${C}/decision-dd01.yaml`],
];

describe('check: one fixture per rule', () => {
  it('the base fixture is clean', async () => {
    const r = await check(await fixture({}));
    expect(r.json.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"errors": 0');
  });

  for (const [code, severity, make, file] of RULES) {
    it(`${code} (${severity})`, async () => {
      const r = await check(await make());
      const codes = [...new Set(r.json.findings.map((f) => f.code))];
      expect(codes).toEqual([code]);
      expect(r.json.findings.every((f) => f.severity === severity)).toBe(true);
      expect(r.json.findings.map((f) => f.file)).toContain(file);
      expect(r.code).toBe(severity === 'error' ? 1 : 0);
      expect(r.json[severity === 'error' ? 'errors' : 'warnings']).toBe(r.json.findings.length);
    });
  }

  it('prints file:line: severity code: message grouped by case, with a summary', async () => {
    const dir = await fixture(caseFiles({ foi: 'true', received: '2024-03-01', recorded_at: '2024-03-01T10:00:00Z' }));
    const r = await run(['-r', dir, 'check', '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`case ${C}\\n  .*cases/${C}/request\\.yaml:\\d+: error foi-deadline: received: undecided on 2024-04-30, past the deadline of 2024-04-03`));
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 error, 0 warnings in 3 cases (as of 2024-04-30)');
  });

  // Received Fri 1 March 2024: the 20th FOI working day skips St Patrick's Day's substitute
  // (Mon 18 March, Northern Ireland), Good Friday and Easter Monday: Wed 3 April.
  it('an FOI request answered late is an error even when it is answered', async () => {
    const dir = await fixture(caseFiles({ foi: 'true', received: '2024-03-01', recorded_at: '2024-03-01T10:00:00Z' }, { decided_on: '2024-04-04' }, { sent_on: '2024-04-05' }));
    const r = await check(dir);
    expect(r.json.findings.map((f) => [f.code, f.message])).toEqual([['foi-deadline', expect.stringMatching(/answered on 2024-04-05, after the deadline of 2024-04-03/)]]);
  });

  it('a public-interest extension moves the FOI deadline, and a clarification restarts it', async () => {
    const extended = await fixture({
      ...caseFiles({ foi: 'true', received: '2024-03-01', recorded_at: '2024-03-01T10:00:00Z' }),
      [`cases/${C}/extension-ee01.yaml`]: entry(['id: extension-ee01', 'kind: extension', `case: ${C}`, 'decided_on: 2024-03-20', 'new_due: 2024-05-10', 'reason: Public interest test under s.43', 'recorded_by: SPOC', 'recorded_at: 2024-03-20T10:00:00Z']),
    });
    expect((await check(extended)).json.findings).toEqual([]);
    const clarified = await fixture({
      ...caseFiles({ foi: 'true', received: '2024-03-01', recorded_at: '2024-03-01T10:00:00Z' }, { outcome: 'clarify', decided_on: '2024-03-04', reasons: '[Which years?]' }),
      [`cases/${C}/clarification-cc01.yaml`]: entry(['id: clarification-cc01', 'kind: clarification', `case: ${C}`, 'received: 2024-04-02', 'text: 2023 only', 'recorded_by: SPOC', 'recorded_at: 2024-04-02T10:00:00Z']),
    });
    // 20 FOI working days after Tue 2 April 2024: 3-5 Apr (3), 8-12 (8), 15-19 (13), 22-26 (18), 29, 30 (20).
    expect((await check(clarified)).json.findings).toEqual([]);
    const show = JSON.parse((await run(['-r', clarified, 'show', C, '--json'])).stdout);
    expect(show.due.date).toBe('2024-04-30');
    expect(show.state).toBe('open');
  });

  it('list --status overdue lists what check calls overdue', async () => {
    const dir = await fixture(caseFiles({ foi: 'true', received: '2024-03-01', recorded_at: '2024-03-01T10:00:00Z' }));
    const r = JSON.parse((await run(['-r', dir, 'list', '--status', 'overdue', '--as-of', AS_OF, '--json'])).stdout);
    expect(r.cases.map((c: { id: string }) => c.id)).toEqual([C]);
    const early = JSON.parse((await run(['-r', dir, 'list', '--status', 'overdue', '--as-of', '2024-03-20', '--json'])).stdout);
    expect(early.cases).toEqual([]);
  });

  it('the sample register passes with no error', async () => {
    const r = await sampleCheck();
    expect(JSON.parse(r.stdout).errors).toBe(0);
    expect(r.code).toBe(0);
  });
});

describe('--base-url', () => {
  it('check and build refuse the same way a base URL that is not an absolute http(s) URL, naming the flag', async () => {
    for (const cmd of ['check', 'build']) {
      for (const bad of ['nope', 'ftp://example.org/', 'https://example.org/?x=1']) {
        const r = await run(['-r', SAMPLE, cmd, '--base-url', bad, ...(cmd === 'build' ? ['--out', join(await tempDir(), 'site')] : [])]);
        expect(r.code, `${cmd} ${bad}`).toBe(2);
        expect(r.stderr).toContain(`--base-url "${bad}" is not an absolute http(s) URL`);
      }
    }
  });
});

describe('timetable', () => {
  it.each([
    ['2021-05-06', '2021-03-29', '2021-04-08T16:00'],
    ['2024-05-02', '2024-03-26', '2024-04-05T16:00'],
  ])('poll %s gives notice %s and nominations close %s (protocols README)', async (poll, notice, close) => {
    const r = await run(['timetable', '--poll-date', poll, '--json'], { cwd: await tempDir() });
    expect(r.stderr).toBe('');
    const t = JSON.parse(r.stdout);
    expect([t.poll, t.notice_of_election, t.nominations_close, t.pre_election_period_start]).toEqual([poll, notice, close, notice]);
  });

  it('uses the returning officer\'s pre-election date from register.yaml and explains skipped days', async () => {
    const dir = await fixture({}, (y) => y.replace('written_confirmation_required: false', 'written_confirmation_required: false\n  pre_election_period_start: 2024-03-22'));
    const t = JSON.parse((await run(['-r', dir, 'timetable', '--json', '--explain'])).stdout);
    expect(t.pre_election_period_start).toBe('2024-03-22');
    expect(t.explain.notice_of_election).toContainEqual({ date: '2024-03-29', reason: 'Good Friday' });
    const human = await run(['-r', dir, 'timetable', '--explain']);
    expect(human.stdout).toMatch(/2024-04-01 {2}Easter Monday/);
  });
});
