// The fast reading (yaml-fast.ts) against the authority, the `yaml` library's document parser:
// whenever the fast reading answers, it must be exactly what `yaml` reads — the same value, the
// same line for each key — over the register files in the repository, texts evenhand writes from
// random values, and hostile hand-written YAML. Where it is unsure it must answer nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { parseYaml, parseYamlDocument } from './parse.js';
import { ENTRY_SCHEMAS } from './schemas.js';
import { toYaml } from './serialize.js';
import { fastMapping } from './yaml-fast.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** What `yaml` reads: the value and the line of each top-level key, or undefined when it finds errors. */
function byYaml(text: string): { data: unknown; lines: Record<string, number> } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) return undefined;
  const lines: Record<string, number> = {};
  if (isMap(doc.contents))
    for (const pair of doc.contents.items) {
      const key = (pair.key as { value?: unknown })?.value;
      const range = (pair.key as Node | null)?.range;
      if (typeof key === 'string' && range) lines[key] = lineCounter.linePos(range[0]).line;
    }
  return { data: doc.toJS({ maxAliasCount: 100 }), lines };
}

/** Whenever the fast reading answers, it is what `yaml` reads. Returns whether it answered. */
function agrees(text: string): boolean {
  const fast = fastMapping(text);
  if (!fast) return false;
  const full = byYaml(text);
  expect(full, text).toBeDefined();
  expect(fast.data, text).toStrictEqual(full!.data);
  expect(fast.lines, text).toEqual(full!.lines);
  return true;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(p);
  }
  return out;
}

/** A small deterministic generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces of text that mean something to YAML, or look like numbers, booleans, nulls or dates.
const ATOMS = [
  'true', 'False', 'TRUE', 'yes', 'no', 'on', 'null', 'Null', '~', '', ' ', '0', '012', '0o17', '0x1F', '0b101', '1_000', '+12', '-7',
  '1e3', '.5', '1.', '-.inf', '.NaN', '2024-05-01', '2024-05-01T12:00:00Z', '12:30', 'a: b', 'a:b', '# not a comment', ' #x', "'", '"', '\\',
  '\\n', '- item', '? q', '[a, b]', '{a: 1}', '|', '>', '%YAML', '---', '...', '@handle', '`tick`', ',', 'Q&A', 'Thanks!', '5 * 3',
  'é', 'Ş', '😀', '\u00a0', '\u2028', '\t', '\r\n', '\n', '\n\n', '  indented', 'trailing  ', 'O\'Neill', 'Hughes-Smith', 'line one\nline two',
];

function randomText(next: () => number): string {
  let s = '';
  const n = Math.floor(next() * 6);
  for (let i = 0; i < n; i++) s += ATOMS[Math.floor(next() * ATOMS.length)] + (next() < 0.3 ? ' ' : '');
  return s;
}

function randomValue(next: () => number, depth = 0): unknown {
  const r = next();
  if (depth < 2 && r < 0.1) return Array.from({ length: Math.floor(next() * 3) + 1 }, () => randomValue(next, depth + 1));
  if (depth < 2 && r < 0.15) return { text: randomValue(next, depth + 1), at: randomText(next) };
  if (r < 0.2) return Math.floor(next() * 1000) - 500;
  if (r < 0.25) return next() < 0.5;
  if (r < 0.28) return null;
  return randomText(next);
}

describe('the fast YAML reading agrees with yaml', () => {
  it('on every YAML file of the sample register and the test fixtures', () => {
    const files = [...yamlFiles(join(ROOT, 'register')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))];
    expect(files.length).toBeGreaterThan(50);
    let answered = 0;
    for (const f of files) if (agrees(readFileSync(f, 'utf8'))) answered++;
    // Most are files evenhand wrote: read fast.
    expect(answered).toBeGreaterThan(files.length / 2);
  });

  it('on 3,000 files evenhand writes from random values full of YAML look-alikes', () => {
    const next = random(14);
    let answered = 0;
    for (let i = 0; i < 3000; i++) {
      const value: Record<string, unknown> = { kind: 'request', id: `2024-0501-${i}` };
      for (const key of ['subject', 'text', 'public_summary', 'reasons', 'received', 'number', 'flag', 'nested']) if (next() < 0.8) value[key] = randomValue(next);
      const text = toYaml(value);
      if (agrees(text)) answered++;
      // The same with Windows line ends and a comment line first, as an editor may save it.
      agrees(`# edited by hand\r\n${text.replace(/\n/g, '\r\n')}`);
    }
    expect(answered).toBeGreaterThan(2000);
  });

  it('on hand-written YAML in every style, and it leaves to yaml what it cannot be sure of', () => {
    const texts = [
      'a: 1\nb: two\nc:\n  - x\n  - "y: z"\n',
      "a: 'it''s'\nb: \"tab\\there \\u00e9 \\x41\"\nc: plain text # a comment\n",
      'keep: |+\n  one\n\n  two\n\n\nstrip: |-\n  x\n  \nfold: >\n  folded\n  lines\n\n  para\nindented: |2\n    four\n',
      'a: multi\n  line\n  plain\nb: "quoted\n  over lines"\n',
      'flow: {x: 1, y: [a, b, {z: null}]}\nempty:\nnil: ~\n',
      'a: 0o17\nb: 0x1F\nc: 0b101\nd: 1_000\ne: +12\nf: 012\ng: 1e3\nh: .5\ni: -.inf\nj: .nan\nk: 1.\nl: 2024-05-01\n',
      'a: True\nb: yes\nc: NULL\nd: 123456789012345678901234567890\n',
      '\ufeffa: with a byte-order mark\n',
      'a: 1\r\nb: 2\r\n',
      'a: "quoted\nb: continued"\n',
      'a: b\n---\n',
      '"quoted key": 1\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\na: 2\n',
      'a:\n\tb: tab\n',
      '- a\n- b\n',
      'just a string\n',
      '',
      '1: one\n',
      `a: ${'['.repeat(2000)}\n`,
      '? complex\n: key\n',
      'a: [1, 2\n',
      'kind: request\nsubject: Q&A about 5 * 3 and Thanks!\n',
      '__proto__: {polluted: true}\n',
    ];
    for (const t of texts) agrees(t);
    // Anchors, aliases, tags and directives are yaml's to read (it limits alias expansion).
    for (const t of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.2\n---\na: 1\n', 'a: [*x]\n']) expect(fastMapping(t)).toBeUndefined();
    // A duplicate key, a quoted-key, a continuation line that looks like a key: not read fast.
    for (const t of ['a: 1\na: 2\n', '"quoted key": 1\n', 'a: "quoted\nb: continued"\n']) expect(fastMapping(t)).toBeUndefined();
  });

  it('gives parseYaml the same result as the document parser alone, findings and lines included', () => {
    const files = yamlFiles(join(ROOT, 'register', 'cases'));
    expect(files.length).toBeGreaterThan(10);
    const anyEntry = z.union(Object.values(ENTRY_SCHEMAS) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(parseYaml(f, text, anyEntry)).toStrictEqual(parseYamlDocument(f, text, anyEntry));
      // A wrong type, an unknown field: the findings come from yaml, with their lines.
      const broken = text.replace(/^(received|sent_on|decided_on): .*$/m, '$1: [not, a, date]').concat('unknown_field: 1\n');
      expect(parseYaml(f, broken, anyEntry)).toStrictEqual(parseYamlDocument(f, broken, anyEntry));
    }
  });
});
