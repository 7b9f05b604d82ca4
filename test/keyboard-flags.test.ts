// Issue 13: flags read as people type them — UK dates, roles by their words, near misses answered
// with "did you mean", aliases for candidates — and the "not held" outcome an FOI answer needs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDir, makeRegister, run, setup } from './helpers.js';

async function newCase(reg: string, candidate: string, extra: string[] = []) {
  const r = await run(['-r', reg, 'request', '--json', '--candidate', candidate, '--channel', 'email', '--category', 'budget', '--subject', 'Spend', '--text', 'What was spent?', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).id as string;
}

describe('flags typed the way people type', () => {
  it('reads UK day-first dates with a time, yesterday, and says when a date does not exist', async () => {
    const { reg, alex } = await makeRegister();
    const id = await newCase(reg, alex, ['--received', '29/04/2024 16:30']);
    expect(await readFile(join(reg, caseDir(id), 'request.yaml'), 'utf8')).toContain('received: 2024-04-29T16:30');
    const dec = await run(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', 'yesterday', '--json']);
    expect(dec.code, dec.stderr).toBe(0);
    const bad = await run(['-r', reg, 'request', '--candidate', alex, '--channel', 'email', '--category', 'budget', '--subject', 'S', '--text', 'T', '--received', '2024-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('30 February 2024 does not exist: February 2024 has 29 days');
    const us = await run(['-r', reg, 'respond', id, '--channel', 'email', '--text', 'x', '--sent', '04/30/2024']);
    expect(us.code).toBe(2);
    expect(us.stderr).toContain('for Tuesday 30 April 2024 type 30/04/2024');
  });

  it('matches a role by its words, a candidate by an alias, and answers a near miss with did-you-mean', async () => {
    const { reg, alex } = await makeRegister();
    expect((await setup(['-r', reg, 'candidate', 'update', alex, '--alias', 'Councillor Morgan'])).code).toBe(0);
    const id = await newCase(reg, 'councillor morgan', ['--received', 'today']);
    expect(await readFile(join(reg, caseDir(id), 'request.yaml'), 'utf8')).toContain(`candidate: ${alex}`);
    const typo = await run(['-r', reg, 'decide', id, '--outcome', 'provde', '--by', 'Chief Executive']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean --outcome provide?');
    const flag = await run(['-r', reg, 'decide', id, '--outcom', 'provide']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Did you mean --outcome?');
    const ok = await run(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'Chief Executive']);
    expect(ok.code, ok.stderr).toBe(0);
    expect((await run(['-r', reg, 'show', id, '--json'])).stdout).toContain('chief-executive');
  });

  it('records "not held" as its own FOI outcome: no exemption asked for, check clean', async () => {
    const { reg, alex } = await makeRegister();
    const id = await newCase(reg, alex, ['--received', '25/04/2024', '--foi']);
    const dec = await run(['-r', reg, 'decide', id, '--outcome', 'not-held', '--by', 'chief-executive']);
    expect(dec.code, dec.stderr).toBe(0);
    const check = await run(['-r', reg, 'check', '--json']);
    expect(JSON.parse(check.stdout).findings.filter((f: { code: string }) => f.code === 'refusal-reason')).toEqual([]);
  });
});
