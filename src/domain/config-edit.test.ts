import { describe, expect, it } from 'vitest';
import { configKeys, findConfigKey, getConfigValue, readConfigValue, setConfigValue } from './config-edit.js';

const TEXT = `# yaml-language-server: $schema=schemas/register.schema.json
body: Wessex OPCC
election:
  name: Wessex PCC election 2024 # as the returning officer names it
  kind: pcc
  poll_date: 2024-05-02
  nation: england-and-wales
# who may decide (Norfolk 2.2)
deciders:
  - chief-executive
spoc:
  name: Candidate requests team
response_target_days: 10
`;

describe('register.yaml settings by dotted key', () => {
  it('knows the keys from the schema', () => {
    const keys = configKeys().map((k) => k.key);
    expect(keys).toEqual(expect.arrayContaining(['body', 'election.poll_date', 'spoc.email', 'deciders', 'response_target_days', 'policy.undeclared']));
    expect(configKeys().find((k) => k.key === 'policy.undeclared')).toMatchObject({ kind: 'choice', choices: ['treat-as-public', 'log'] });
    expect(configKeys().find((k) => k.key === 'election.poll_date')?.kind).toBe('date');
  });
  it('finds a key from the words people use, and suggests one for a typo', () => {
    expect(findConfigKey('target days')).toMatchObject({ key: { key: 'response_target_days' } });
    expect(findConfigKey('poll_date')).toMatchObject({ key: { key: 'election.poll_date' } });
    expect(findConfigKey('spoc.emial')).toEqual({ suggestion: 'spoc.email' });
  });
  it('sets a value keeping every comment, and validates the result by the schema', () => {
    const r = setConfigValue(TEXT, 'spoc.email', 'candidates@wessex-opcc.example');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toContain('# as the returning officer names it');
    expect(r.text).toContain('# who may decide (Norfolk 2.2)');
    expect(r.text).toContain('# yaml-language-server');
    expect(getConfigValue(r.text, 'spoc.email')).toBe('candidates@wessex-opcc.example');
    expect(r.before).toBeUndefined();
    const list = setConfigValue(TEXT, 'deciders', readConfigValue({ key: 'deciders', kind: 'list' }, 'chief-executive, monitoring-officer', (d) => d));
    expect(list.ok && getConfigValue(list.text, 'deciders')).toEqual(['chief-executive', 'monitoring-officer']);
    expect(setConfigValue(TEXT, 'spoc.email', 'not an address')).toMatchObject({ ok: false, message: expect.stringMatching(/^spoc\.email: /) });
    expect(setConfigValue(TEXT, 'response_target_days', 'ten')).toMatchObject({ ok: false, message: expect.stringMatching(/^response_target_days: /) });
    expect(setConfigValue(TEXT, 'deciders', [])).toMatchObject({ ok: false });
  });
});
