// The nesting guard (yaml-depth.ts) measures what the `yaml` library would nest, without recursing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from './parse.js';
import { DecisionEntry } from './schemas.js';
import { nestedTooDeeply } from './yaml-depth.js';

const flow = (n: number) => `reasons: ${'['.repeat(n)}${']'.repeat(n)}\n`;
const block = (n: number) => `reasons:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i + 2)}- `).join('\n')}x\n`;

describe('nestedTooDeeply', () => {
  it('counts flow and block collections, the top-level mapping included', () => {
    expect(nestedTooDeeply(flow(99))).toBe(false);
    expect(nestedTooDeeply(flow(100))).toBe(true);
    expect(nestedTooDeeply(block(99))).toBe(false);
    expect(nestedTooDeeply(block(100))).toBe(true);
    expect(nestedTooDeeply(`a: {b: [c, {d: [e]}]}\n`, 5)).toBe(false);
    expect(nestedTooDeeply(`a: {b: [c, {d: [e]}]}\n`, 4)).toBe(true);
    expect(nestedTooDeeply(flow(100_000))).toBe(true);
  });

  it('does not count brackets inside quoted or block text', () => {
    const brackets = '['.repeat(500);
    expect(nestedTooDeeply(`text: "${brackets}"\nsubject: '${brackets}'\n`)).toBe(false);
    expect(nestedTooDeeply(`text: |\n  ${brackets}\n  ${'{'.repeat(500)}\n`)).toBe(false);
    expect(nestedTooDeeply(`text: ${brackets}x\n`)).toBe(true); // a plain scalar cannot start with [: that is a flow sequence
  });

  it('passes every file of the sample register', () => {
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.yaml') ? [join(dir, d.name)] : []));
    const files = walk(new URL('../../register', import.meta.url).pathname);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(nestedTooDeeply(readFileSync(f, 'utf8')), f).toBe(false);
  });

  it('stands before every reading of a text by the yaml library outside shipped data', () => {
    // A new `parse`/`parseDocument` of the yaml library must call the guard too (or be listed here with why).
    const trusted = new Set(['src/domain/presets.ts' /* presets/*.yaml ship with evenhand */, 'src/bench/floor-parse.ts' /* the bench's floor, on its own registers */, 'src/domain/yaml-depth.ts']);
    const root = new URL('../..', import.meta.url).pathname;
    const walk = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(`${dir}/${d.name}`) : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [`${dir}/${d.name}`] : []));
    const readers = walk('src').filter((f) => /import \{[^}]*\b(parse|parseDocument|parseAllDocuments)\b[^}]*\} from 'yaml'/.test(readFileSync(join(root, f), 'utf8')));
    expect(readers.length).toBeGreaterThan(3);
    for (const f of readers.filter((r) => !trusted.has(r))) expect(readFileSync(join(root, f), 'utf8'), f).toContain('nestedTooDeeply(');
  });

  it('makes a deeply nested file a finding that says so, before the yaml library reads it', () => {
    const r = parseYaml('d.yaml', flow(20_000), DecisionEntry);
    expect(r.value).toBeUndefined();
    expect(r.findings).toEqual([expect.objectContaining({ file: 'd.yaml', severity: 'error', message: expect.stringContaining('nested more than 100 deep') })]);
  });
});
