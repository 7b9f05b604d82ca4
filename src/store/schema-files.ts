import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonSchemaFiles } from '../domain/json-schema.js';

/** Write the JSON Schemas into dir; returns the names of the files that changed. */
export async function writeSchemaFiles(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const changed: string[] = [];
  for (const [name, text] of Object.entries(jsonSchemaFiles())) {
    const path = join(dir, name);
    const old = await readFile(path, 'utf8').catch(() => undefined);
    if (old === text) continue;
    await writeFile(path, text);
    changed.push(name);
  }
  return changed;
}
