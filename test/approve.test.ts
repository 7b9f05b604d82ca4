// A person approves what is published (issue 11), without prompts: `evenhand approve`, and what
// `build`, `check`, `show` and `list` make of approvals. Real git in temporary folders, fixed clock.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRegister, copyFixture, gitIn, run, setup, setupId, sharedFixture } from './helpers.js';

/** A register (review required, as `init` makes it) with one answered and one open case; built once per run, copied per test. */
async function registerWithCases() {
  const f = await sharedFixture('approve: one answered and one open case', async (dir) => {
    const { alex, bea, cal } = await buildRegister(dir);
    const reg = join(dir, 'register');
    // Each entry is recorded at its own moment, so `check --as-of` a past day sees the register as it stood.
    const ev = (args: string[], at: string) => setupId(['-r', reg, ...args, '--json'], { cwd: dir, env: { EVENHAND_NOW: at } });
    const answered = await ev(['request', '--candidate', alex, '--received', '2024-04-22', '--channel', 'email', '--category', 'budget', '--subject', 'Overtime', '--text', 'How much was spent on overtime? Thanks, Alex Morgan'], '2024-04-22T10:00:00Z');
    await ev(['decide', answered, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-23'], '2024-04-23T10:00:00Z');
    const response = await ev(['respond', answered, '--sent', '2024-04-24', '--channel', 'email', '--text', 'Overtime cost £9.8m.'], '2024-04-24T10:00:00Z');
    const open = await ev(['request', '--candidate', bea, '--received', '2024-04-29', '--channel', 'email', '--category', 'information', '--subject', 'Officers', '--text', 'Ask Dana Frost how many officers there are.'], '2024-04-29T10:00:00Z');
    return { alex, bea, cal, answered, response, open };
  });
  const dir = await copyFixture(f);
  return { dir, reg: join(dir, 'register'), ...f.data };
}

async function build(dir: string, reg: string) {
  const r = await run(['-r', reg, 'build', '--out', 'site', '--json'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const json = JSON.parse(await readFile(join(dir, 'site', 'disclosure-log.json'), 'utf8'));
  const index = await readFile(join(dir, 'site', 'index.html'), 'utf8');
  return { summary: JSON.parse(r.stdout), references: json.cases.map((c: { reference: string }) => c.reference).sort(), index };
}

const commits = async (reg: string) => (await gitIn(reg, ['rev-list', '--count', 'HEAD'])).trim();

describe('evenhand approve', () => {
  it('publishes nothing unapproved when review is required; approve --all publishes every case', async () => {
    const { dir, reg, answered, open } = await registerWithCases();
    expect(await readFile(join(reg, 'register.yaml'), 'utf8')).toMatch(/publication:\n {2}review: required/);

    const before = await build(dir, reg);
    expect(before.references).toEqual([]);
    expect(before.summary.awaiting_review).toBe(2);
    expect(before.index).toContain('2 more requests are not shown yet: a person checks the published wording');

    const dry = await run(['-r', reg, 'approve', '--all', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`would approve ${answered}`);
    const count = await commits(reg);
    expect(dry.stdout).toMatch(/would approve 2 cases/);
    expect(await commits(reg)).toBe(count);

    const r = await run(['-r', reg, 'approve', '--all']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`approved ${answered} as approval-[0-9a-z]{4} \\(1 flag`)); // "Thanks, [candidate]"
    expect(r.stdout).toMatch(new RegExp(`approved ${open} as approval-[0-9a-z]{4}`));
    expect(r.stdout).toMatch(/approved 2 cases\n/);
    // One file, one commit per approval, recording who, when and the hash.
    expect(Number(await commits(reg))).toBe(Number(count) + 2);
    const last = await gitIn(reg, ['show', '--name-only', '--format=%s%n%b', 'HEAD']);
    expect(last).toMatch(/^approve \d{4}-\d{4}-[0-9a-z]{4}: public text [0-9a-f]{12}/);
    expect(last).toMatch(/Evenhand-Entry: approval approval-[0-9a-z]{4}/);
    const file = last.trim().split('\n').at(-1)!;
    const yaml = await readFile(join(reg, file), 'utf8');
    expect(yaml).toMatch(/kind: approval\n/);
    expect(yaml).toMatch(/sha256: [0-9a-f]{64}\n/);
    expect(yaml).toContain('recorded_by: Test SPOC');
    expect(yaml).toContain('recorded_at: 2024-04-30T10:00:00.000Z');

    const after = await build(dir, reg);
    expect(after.references).toEqual([answered, open].sort());
    expect(after.summary.awaiting_review).toBe(0);
    expect(after.index).not.toContain('not shown yet');

    // Nothing left to approve.
    const again = await run(['-r', reg, 'approve', '--all']);
    expect(again.stdout).toMatch(/approved 0 cases; 2 already approved/);
    expect(await run(['-r', reg, 'check', '--as-of', '2024-04-30'])).toMatchObject({ code: 0 });
  });

  it('refuses unknown cases and bad arguments, writing nothing', async () => {
    const { reg, answered } = await registerWithCases();
    const count = await commits(reg);
    const unknown = await run(['-r', reg, 'approve', answered, '2024-0101-zzzz']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no case 2024-0101-zzzz in this register; nothing was approved/);
    expect((await run(['-r', reg, 'approve'])).code).toBe(2);
    expect((await run(['-r', reg, 'approve', '--all', answered])).code).toBe(2);
    expect((await run(['-r', reg, 'approve', 'not-a-case'])).code).toBe(2);
    expect(await commits(reg)).toBe(count);
  });

  it('a correction voids the approval: the case leaves the log until approved again', async () => {
    const { dir, reg, answered, response } = await registerWithCases();
    // Approving is tested above; here it is the state a correction voids (setup runner).
    expect((await setup(['-r', reg, 'approve', answered])).code).toBe(0);
    expect((await build(dir, reg)).references).toEqual([answered]);
    expect((await run(['-r', reg, 'show', answered])).stdout).toMatch(/ {2}review {6}approved by Test SPOC on 2024-04-30/);

    const c = await setup(['-r', reg, 'correct', response, '--case', answered, '--reason', 'Rounded', '--set', 'public_text=Overtime cost about £10m.'], {
      env: { EVENHAND_NOW: '2024-05-01T09:00:00Z' },
    });
    expect(c.code).toBe(0);
    const shown = await run(['-r', reg, 'show', answered, '--json']);
    expect(JSON.parse(shown.stdout).review).toMatchObject({ state: 'void', since: '2024-05-01', cause: 'case' });
    const list = await run(['-r', reg, 'list']);
    expect(list.stdout).toMatch(new RegExp(`${answered} {2}answered {4}void`));
    expect(list.stdout).toMatch(/2 cases; 2 awaiting review\n/);

    const built = await build(dir, reg);
    expect(built.references).toEqual([]);
    expect(built.summary.awaiting_review).toBe(2);

    expect((await setup(['-r', reg, 'approve', answered])).code).toBe(0);
    const rebuilt = await build(dir, reg);
    expect(rebuilt.references).toEqual([answered]);
    expect(await readFile(join(dir, 'site', 'disclosure-log.json'), 'utf8')).toContain('Overtime cost about £10m.');
  });

  it('a changed redaction voids the approval too: a new candidate named in an approved text', async () => {
    const { dir, reg, open } = await registerWithCases();
    expect((await setup(['-r', reg, 'approve', open])).code).toBe(0);
    expect((await build(dir, reg)).references).toEqual([open]);
    // "Dana Frost" was a third party; now she is a candidate, so the published question changes.
    expect((await setup(['-r', reg, 'candidate', 'add', '--name', 'Dana Frost', '--status', 'declared', '--declared-on', '2024-04-30'])).code).toBe(0);
    const shown = JSON.parse((await run(['-r', reg, 'show', open, '--json'])).stdout);
    expect(shown.review).toMatchObject({ state: 'void', cause: 'outside' });
    expect(shown.review.text).toMatch(/a candidate record or the redaction rules/);
    expect((await build(dir, reg)).references).toEqual([]);
  });

  it('check warns `unreviewed` once an answered case has waited longer than the target', async () => {
    const { reg, answered, open } = await registerWithCases();
    // Answered 2024-04-24 (a Wednesday); two working days later is 2024-04-26.
    const onTime = JSON.parse((await run(['-r', reg, 'check', '--as-of', '2024-04-26', '--json'])).stdout);
    expect(onTime.findings.filter((f: { code: string }) => f.code === 'unreviewed')).toEqual([]);
    // …and that day's register does hold the answered case (else the line above would prove nothing).
    const asThen = JSON.parse((await run(['-r', reg, 'list', '--as-of', '2024-04-26', '--json'])).stdout);
    expect(JSON.stringify(asThen)).toContain(answered);
    const late = JSON.parse((await run(['-r', reg, 'check', '--as-of', '2024-04-30', '--json'])).stdout);
    const warned = late.findings.filter((f: { code: string }) => f.code === 'unreviewed');
    expect(warned).toHaveLength(1); // the open case is not answered yet
    expect(warned[0]).toMatchObject({ severity: 'warning', case: answered });
    expect(warned[0].message).toMatch(/waited for approval since 2024-04-24, more than 2 working days \(until 2024-04-26\)/);
    expect(warned[0].case).not.toBe(open);

    // A register's own target.
    const config = await readFile(join(reg, 'register.yaml'), 'utf8');
    await writeFile(join(reg, 'register.yaml'), config.replace('review: required', 'review: required\n  review_within_days: 5'));
    const relaxed = JSON.parse((await run(['-r', reg, 'check', '--as-of', '2024-04-29', '--json'])).stdout);
    expect(relaxed.findings.filter((f: { code: string }) => f.code === 'unreviewed')).toEqual([]);
    await writeFile(join(reg, 'register.yaml'), config);

    // Approved on the test clock's day (2024-04-30): from then on nothing waits.
    expect((await setup(['-r', reg, 'approve', answered])).code).toBe(0);
    const done = JSON.parse((await run(['-r', reg, 'check', '--as-of', '2024-04-30', '--json'])).stdout);
    expect(done.findings.filter((f: { code: string }) => f.code === 'unreviewed')).toEqual([]);
  });

  it('a register without publication.review publishes every case, as before', async () => {
    const { dir, reg, answered, open } = await registerWithCases();
    const config = await readFile(join(reg, 'register.yaml'), 'utf8');
    await writeFile(join(reg, 'register.yaml'), config.replace(/publication:\n(?: {2}.*(?:\n|$))*/, ''));
    expect(await readFile(join(reg, 'register.yaml'), 'utf8')).not.toContain('publication');
    await gitIn(reg, ['commit', '-qam', 'register.yaml as written before publication.review existed']);
    expect((await build(dir, reg)).references).toEqual([answered, open].sort());
    const list = await run(['-r', reg, 'list']);
    expect(list.stdout).toMatch(/2 cases; 2 awaiting review \(review is off in register\.yaml\)/);
    const check = JSON.parse((await run(['-r', reg, 'check', '--as-of', '2024-05-01', '--json'])).stdout);
    expect(check.findings.filter((f: { code: string }) => f.code === 'unreviewed')).toEqual([]);
  });

  it('refuses to correct an approval', async () => {
    const { reg, answered } = await registerWithCases();
    const id = JSON.parse((await setup(['-r', reg, 'approve', answered, '--json'])).stdout).approved[0].id;
    const r = await run(['-r', reg, 'correct', id, '--case', answered, '--reason', 'x', '--set', 'sha256=' + '0'.repeat(64)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is an approval/);
  });
});
