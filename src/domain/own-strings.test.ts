import { describe, expect, it } from 'vitest';
import { getHeapSnapshot } from 'node:v8';
import { ownString, ownStrings } from './own-strings.js';
import { parseYaml } from './parse.js';
import { z } from 'zod';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Whether the heap holds a string equal to `marker` that is the parent of a slice: read from a
 * heap snapshot, the only place V8 says which strings are slices of which.
 */
async function slicedParentsHolding(marker: string): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  const snap = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const f: string[] = snap.snapshot.meta.node_fields;
  const ef: string[] = snap.snapshot.meta.edge_fields;
  const types: string[] = snap.snapshot.meta.node_types[0];
  const [N, E] = [f.length, ef.length];
  const [iType, iName, iEdges] = [f.indexOf('type'), f.indexOf('name'), f.indexOf('edge_count')];
  const [eName, eTo] = [ef.indexOf('name_or_index'), ef.indexOf('to_node')];
  let found = 0;
  let e = 0;
  for (let i = 0; i < snap.nodes.length; i += N) {
    const sliced = types[snap.nodes[i + iType]] === 'sliced string';
    for (let k = 0; k < snap.nodes[i + iEdges]; k++, e += E) {
      if (!sliced || snap.strings[snap.edges[e + eName]] !== 'parent') continue;
      const parent = snap.edges[e + eTo];
      if (String(snap.strings[snap.nodes[parent + iName]]).includes(marker)) found++;
    }
  }
  return found;
}

describe('strings that own their characters', () => {
  it('copies a substring long enough to be a slice, and leaves short ones and non-strings alone', () => {
    const source = `prefix ${'word '.repeat(20)}suffix`;
    const part = source.slice(7, 40);
    expect(ownString(part)).toBe(part);
    expect(ownString('short')).toBe('short');
    const value = { a: part, list: [part, 3, null, { deep: part }], n: 1, when: new Date(0) };
    const owned = ownStrings(value);
    expect(owned).toBe(value);
    expect(owned).toEqual({ a: part, list: [part, 3, null, { deep: part }], n: 1, when: new Date(0) });
  });

  it('a parsed entry does not keep its whole file text alive through one of its fields', async () => {
    // A file text made at run time, so it is not a literal the test's own code holds.
    const marker = `marker-${process.pid}-${'x'.repeat(3)}`;
    const text = [`id: request-${marker}`, `question: ${'What was the budget for patrols in 2023? '.repeat(5)}`, `note: ${'filler '.repeat(200)}${marker}`].join('\n') + '\n';
    const schema = z.object({ id: z.string(), question: z.string(), note: z.string() });
    const parsed = parseYaml('requests/x.yaml', text.slice(0), schema);
    // Only the question is kept, as the public view keeps a case's question.
    const kept = { question: parsed.value!.question };
    expect(kept.question).toContain('budget for patrols');
    // The file's text (only it holds `id: request-<marker>`) is no slice's parent.
    const needle = `id: request-${marker}`;
    expect(await slicedParentsHolding(needle)).toBe(0);
    // The probe itself works: a plain slice does keep its source alive.
    const source = `${needle} ${'y'.repeat(100)}`;
    const slice = source.slice(needle.length + 1, needle.length + 60);
    expect(await slicedParentsHolding(needle)).toBeGreaterThan(0);
    expect(slice.length).toBe(59);
  }, 60_000);

  it('walks a value that shares a part (a YAML alias) once, and still owns its strings', () => {
    const long = `a value long enough to be a slice ${'x'.repeat(40)}`.slice(2);
    const shared = { text: long };
    const value = { a: shared, b: shared, list: [shared] };
    expect(ownStrings(value)).toBe(value);
    expect(value.a).toBe(value.b);
    expect(shared.text).toBe(long);
  });

  it('reads a value that holds itself (`set: &a {again: *a}`) instead of walking it for ever', () => {
    // In a child process of the built code: a walk that never ends cannot be stopped inside this
    // one, and would hang the suite rather than fail it. The limit is generous: it catches a hang,
    // it does not time anything.
    const script = `
      const { ownStrings } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'domain', 'own-strings.js')).href)});
      const { parseYaml } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'domain', 'parse.js')).href)});
      const { z } = await import('zod');
      const loop = { text: 'a value long enough to be a slice' };
      loop.self = loop;
      ownStrings({ list: [loop, loop] });
      const parsed = parseYaml('cases/x/correction-1.yaml', 'id: correction-abcd\\nset: &a\\n  note: a long enough note to be a slice\\n  again: *a\\n', z.object({ id: z.string(), set: z.unknown() }));
      const set = parsed.value.set;
      console.log(JSON.stringify({ loop: loop.self === loop, again: set.again === set, note: set.note }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ loop: true, again: true, note: 'a long enough note to be a slice' });
  }, 90_000);
});
