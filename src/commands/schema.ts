import type { Env } from '../env.js';
import { resolve } from 'node:path';
import { writeSchemaFiles } from '../store/schema-files.js';

interface SchemaOptions {
  out?: string;
  json?: boolean;
}

export async function runSchema(env: Env, opts: SchemaOptions): Promise<number> {
  const out = resolve(env.cwd, opts.out ?? 'schemas');
  const changed = await writeSchemaFiles(out);
  if (env.json) env.stdout.write(`${JSON.stringify({ out, changed }, null, 2)}\n`);
  else env.stdout.write(changed.length ? `wrote ${changed.join(', ')} to ${out}\n` : `schemas in ${out} are up to date\n`);
  return 0;
}
