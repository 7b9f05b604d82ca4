import { describe, expect, it } from 'vitest';
import { parseYaml } from './parse.js';
import { DecisionEntry } from './schemas.js';

const good = `id: decision-m3x9
kind: decision
case: 2024-0325-k7q2
outcome: provide
decided_by: chief-executive
decided_on: 2024-03-26
recorded_by: SPOC
recorded_at: 2024-03-26T10:00:00Z
`;

describe('parseYaml', () => {
  it('returns the value and the line of each field', () => {
    const r = parseYaml('d.yaml', good, DecisionEntry);
    expect(r.findings).toEqual([]);
    expect(r.value?.outcome).toBe('provide');
    expect(r.value?.reasons).toEqual([]);
    expect(r.lines.outcome).toBe(4);
  });

  it('names the line, the field and what is expected, for every problem', () => {
    const bad = good.replace('outcome: provide', 'outcome: yes please').replace('decided_on: 2024-03-26', 'decided_on: 26/03/2024') + 'colour: red\n';
    const r = parseYaml('d.yaml', bad, DecisionEntry);
    expect(r.value).toBeUndefined();
    const byPath = Object.fromEntries(r.findings.map((f) => [f.path ?? '', f]));
    expect(byPath.outcome).toMatchObject({ line: 4, message: expect.stringMatching(/^expected one of provide, partial/) });
    expect(byPath.decided_on).toMatchObject({ line: 6, message: expect.stringMatching(/YYYY-MM-DD/) });
    expect(r.findings.find((f) => /unknown field "colour"/.test(f.message))).toBeTruthy();
  });

  it('reports a missing field as missing, and a wrong type with the value found', () => {
    const r = parseYaml('d.yaml', good.replace('decided_by: chief-executive\n', '').replace('kind: decision', 'kind: decision\nreasons: 7'), DecisionEntry);
    expect(r.findings.map((f) => `${f.path}: ${f.message}`)).toEqual(
      expect.arrayContaining(['decided_by: required field is missing (expected string)', 'reasons: expected array, got number 7']),
    );
  });

  it('reports broken YAML with its line and does not throw', () => {
    const r = parseYaml('d.yaml', 'id: x\nkind: [decision\n', DecisionEntry);
    expect(r.findings[0]).toMatchObject({ code: 'schema', file: 'd.yaml', message: expect.stringMatching(/^not valid YAML/) });
    expect(r.findings[0].line).toBeGreaterThan(0);
  });

  it('rejects a document that is not a mapping, and duplicate keys', () => {
    expect(parseYaml('d.yaml', '- a\n- b\n', DecisionEntry).findings[0].message).toMatch(/expected a mapping/);
    expect(parseYaml('d.yaml', good + 'outcome: refuse\n', DecisionEntry).findings[0].message).toMatch(/not valid YAML/);
  });
});
