// Bounds (issue 10): hostile YAML and absurd numbers are findings naming the file, never a hang,
// a crash or exit 3.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from './calendar.js';
import { MAX_REGISTER_FILE_BYTES, MAX_TARGET_DAYS } from './limits.js';
import { parseYaml } from './parse.js';
import { Attachment, DecisionEntry, RegisterConfig, RequestEntry } from './schemas.js';

const config = (extra = '') => `body: B
election:
  name: E
  poll_date: 2024-05-02
spoc:
  name: SPOC
${extra}`;

const aliasBomb = () => readFileSync(new URL('../../test/fixtures/alias-bomb.yaml', import.meta.url), 'utf8');

describe('the YAML parser runs with limits', () => {
  it('an alias bomb is a finding naming the file and the limit', () => {
    const r = parseYaml('register.yaml', config(aliasBomb()), RegisterConfig);
    expect(r.value).toBeUndefined();
    expect(r.findings).toEqual([expect.objectContaining({ code: 'schema', severity: 'error', file: 'register.yaml', message: expect.stringMatching(/aliases .* limit of 100/) })]);
  });

  it('a few aliases, as a person might write, still read', () => {
    const r = parseYaml('register.yaml', config('deciders: &d [chief-executive]\n'), RegisterConfig);
    expect(r.findings).toEqual([]);
  });

  it('a file over the size limit is not parsed', () => {
    const big = `id: decision-m3x9\nkind: decision\nreasons:\n${'  - a reason\n'.repeat(MAX_REGISTER_FILE_BYTES / 10)}`;
    const r = parseYaml('cases/x/decision-m3x9.yaml', big, DecisionEntry);
    expect(r.findings).toEqual([expect.objectContaining({ file: 'cases/x/decision-m3x9.yaml', message: expect.stringMatching(/larger than the limit of 1 MiB/) })]);
  });

  it('deep nesting is a finding, not a crash', () => {
    for (const n of [1000, 20000]) {
      const r = parseYaml('d.yaml', `reasons: ${'['.repeat(n)}${']'.repeat(n)}\n`, DecisionEntry);
      expect(r.value).toBeUndefined();
      expect(r.findings[0]).toEqual(expect.objectContaining({ file: 'd.yaml', severity: 'error' }));
    }
  });
});

describe('every number has a bound', () => {
  it('response_target_days is 1..365', () => {
    for (const [n, ok] of [[0, false], [1, true], [MAX_TARGET_DAYS, true], [366, false], [100000000, false], [2.5, false]] as const) {
      const r = parseYaml('register.yaml', config(`response_target_days: ${n}\n`), RegisterConfig);
      expect(r.findings.length === 0, String(n)).toBe(ok);
      if (!ok) expect(r.findings[0]).toEqual(expect.objectContaining({ file: 'register.yaml', path: 'response_target_days', line: 7 }));
    }
  });

  it('dates carry a year from 2000 to 2099', () => {
    expect(parseYaml('register.yaml', config().replace('2024-05-02', '9999-05-02'), RegisterConfig).findings[0]).toEqual(
      expect.objectContaining({ path: 'election.poll_date', message: 'expected a year from 2000 to 2099' }),
    );
    const req = { id: '2024-0325-k7q2', kind: 'request', candidate: 'c-7k2q', channel: 'email', category: 'budget', subject: 's', text: 't', recorded_by: 'x' };
    expect(RequestEntry.safeParse({ ...req, received: '0001-01-01', recorded_at: '2024-03-25T10:00:00Z' }).success).toBe(false);
    expect(RequestEntry.safeParse({ ...req, received: '2024-03-25', recorded_at: '1970-01-01T00:00:00Z' }).success).toBe(false);
    expect(RequestEntry.safeParse({ ...req, received: '2024-03-25T14:30', recorded_at: '2024-03-25T14:31:00Z' }).success).toBe(true);
  });

  it('extra non-working days are bounded, so a count of working days stays bounded', () => {
    const days = Array.from({ length: 367 }, (_, i) => `    - { date: 2024-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}, reason: r }`);
    const r = parseYaml('register.yaml', config().replace('  poll_date: 2024-05-02\n', `  poll_date: 2024-05-02\n  extra_non_working_days:\n${days.join('\n')}\n`), RegisterConfig);
    expect(r.findings[0]).toEqual(expect.objectContaining({ path: 'election.extra_non_working_days' }));
    // At the bounds the count ends: a year of working days with every day of a year added as closed.
    const closed = Array.from({ length: 366 }, (_, i) => ({ date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10), reason: 'closed' }));
    expect(addWorkingDays('2023-12-31', MAX_TARGET_DAYS, { kind: 'office', nation: 'england-and-wales', extra: closed }).date).toMatch(/^2026-/);
  });

  it('an attachment path stays inside the case folder; its size is bounded', () => {
    const a = { name: 'a.csv', path: 'attachments/response-ab12-a.csv', sha256: 'a'.repeat(64), bytes: 10 };
    expect(Attachment.safeParse(a).success).toBe(true);
    for (const path of ['../../../etc/passwd', 'attachments/../request.yaml', '/etc/passwd', 'attachments/..', 'attachments/x/y']) expect(Attachment.safeParse({ ...a, path }).success, path).toBe(false);
    expect(Attachment.safeParse({ ...a, bytes: 1e12 }).success).toBe(false);
  });
});
