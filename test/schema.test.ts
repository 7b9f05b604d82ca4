// The JSON Schemas are generated from the zod schemas; committed copies must not go stale.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../src/domain/json-schema.js';
import { ROOT, run, tempDir } from './helpers.js';

describe('JSON Schemas', () => {
  const expected = jsonSchemaFiles();
  for (const dir of ['schemas', 'register/schemas']) {
    it(`${dir}/ matches the zod schemas (regenerate with: node bin/evenhand.js schema --out ${dir})`, async () => {
      expect((await readdir(join(ROOT, dir))).sort()).toEqual(Object.keys(expected).sort());
      for (const [name, text] of Object.entries(expected)) expect(await readFile(join(ROOT, dir, name), 'utf8'), name).toBe(text);
    });
  }

  it('`evenhand schema --out` writes every schema, and reports when nothing changed', async () => {
    const dir = await tempDir();
    const first = JSON.parse((await run(['schema', '--out', join(dir, 's'), '--json'])).stdout);
    expect(first.changed.sort()).toEqual(Object.keys(expected).sort());
    const second = JSON.parse((await run(['schema', '--out', join(dir, 's'), '--json'])).stdout);
    expect(second.changed).toEqual([]);
    const request = JSON.parse(await readFile(join(dir, 's', 'request.schema.json'), 'utf8'));
    expect(request.properties.category.enum).toContain('imagery');
    expect(request.additionalProperties).toBe(false);
    expect(request.required).toEqual(expect.arrayContaining(['id', 'kind', 'candidate', 'received', 'channel', 'category', 'subject', 'text']));
    expect(request.required).not.toContain('foi'); // it has a default, so a person may leave it out
  });
});
