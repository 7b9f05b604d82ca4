// Issue 13, "Settings without hand-editing": `evenhand config get|set` by dotted key, validated by
// the register.yaml schema, one commit in evenhand's format, comments kept, audit clean after.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, makeRegister, run } from './helpers.js';

describe('evenhand config', () => {
  it('sets settings as one commit each, keeps the comments, and audit and check stay clean', async () => {
    const { reg } = await makeRegister();
    // A comment someone wrote in register.yaml (and committed) must survive.
    const yaml = await readFile(join(reg, 'register.yaml'), 'utf8');
    await writeFile(join(reg, 'register.yaml'), yaml.replace(/^deciders:/m, '# Who may decide: Norfolk 2.2\ndeciders:'));
    await gitIn(reg, ['commit', '-qam', 'Note on deciders']);
    const before = Number((await gitIn(reg, ['rev-list', '--count', 'HEAD'])).trim());

    const set = await run(['-r', reg, 'config', 'set', 'spoc.email', 'candidates@wessex-opcc.example']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe('spoc.email: (not set) -> candidates@wessex-opcc.example\n');
    expect((await run(['-r', reg, 'config', 'set', 'deciders', 'chief-executive, monitoring-officer'])).code).toBe(0);
    expect((await run(['-r', reg, 'config', 'set', 'target days', '15'])).code).toBe(0);
    expect((await run(['-r', reg, 'config', 'set', 'election.poll_date', '09/05/2024'])).code).toBe(0);

    expect(Number((await gitIn(reg, ['rev-list', '--count', 'HEAD'])).trim())).toBe(before + 4);
    const last = await gitIn(reg, ['log', '-1', '--format=%s%n%b', '--name-only']);
    expect(last).toContain('config set election.poll_date');
    expect(last).toContain('Evenhand-Entry: config-set');
    expect(last).toContain('Evenhand-Setting: election.poll_date');
    expect(last).toContain('Recorded-By: Test SPOC');
    expect(last.trim().split('\n').at(-1)).toBe('register.yaml');

    const text = await readFile(join(reg, 'register.yaml'), 'utf8');
    expect(text).toContain('# Who may decide: Norfolk 2.2');
    expect(text).toContain('# yaml-language-server: $schema=schemas/register.schema.json');
    expect((await run(['-r', reg, 'config', 'get', 'deciders'])).stdout).toBe('chief-executive, monitoring-officer\n');
    expect((await run(['-r', reg, 'config', 'get', 'response_target_days'])).stdout).toBe('15\n');
    expect((await run(['-r', reg, 'config', 'get', 'election.poll_date'])).stdout).toBe('2024-05-09\n');

    const audit = await run(['-r', reg, 'audit']);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    // Only the tests' fixed clock is remarked on (every commit made under EVENHAND_NOW is).
    expect(audit.stdout).toMatch(/no sign of tampering( \(1 warning\))?\n$/);
    for (const w of audit.stdout.match(/^warning [\w-]+/gm) ?? []) expect(w).toBe('warning fixed-clock');
    const check = await run(['-r', reg, 'check', '--json']);
    expect(JSON.parse(check.stdout).findings.filter((f: { code: string }) => f.code === 'uncommitted')).toEqual([]);
    expect(await gitIn(reg, ['status', '--porcelain'])).toBe('');
  });

  it('refuses what the schema refuses, a key it does not know, and a register.yaml with uncommitted changes; writes nothing', async () => {
    const { reg } = await makeRegister();
    const head = await gitIn(reg, ['rev-parse', 'HEAD']);
    const original = await readFile(join(reg, 'register.yaml'), 'utf8');
    const bad = await run(['-r', reg, 'config', 'set', 'spoc.email', 'not an address']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('spoc.email: Invalid email address');
    const typo = await run(['-r', reg, 'config', 'set', 'spoc.emial', 'a@b.example']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean spoc.email?');
    const choice = await run(['-r', reg, 'config', 'set', 'policy.undeclared', 'treat-as-pubic']);
    expect(choice.stderr).toContain('did you mean policy.undeclared treat-as-public?');
    expect(await readFile(join(reg, 'register.yaml'), 'utf8')).toBe(original);
    await writeFile(join(reg, 'register.yaml'), `${original}# hand edit\n`);
    const dirty = await run(['-r', reg, 'config', 'set', 'spoc.phone', '01234 567890']);
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain('register.yaml has changes that are not committed');
    expect(await gitIn(reg, ['rev-parse', 'HEAD'])).toBe(head);
  });
});
