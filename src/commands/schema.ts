import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface SchemaOptions {
  out?: string;
  json?: boolean;
}

export async function runSchema(env: Env, opts: SchemaOptions): Promise<number> {
  const { resolve } = await import('node:path');
  const { writeSchemaFiles } = await import('../store/schema-files.js');
  const out = resolve(env.cwd, opts.out ?? 'schemas');
  const changed = await writeSchemaFiles(out);
  if (env.json) env.stdout.write(`${JSON.stringify({ out, changed }, null, 2)}\n`);
  else env.stdout.write(changed.length ? `wrote ${changed.join(', ')} to ${out}\n` : `schemas in ${out} are up to date\n`);
  return 0;
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('write the JSON Schemas of register.yaml, candidates and every entry kind (generated from the zod schemas)')
    .option('--out <dir>', 'where to write them', 'schemas')
    .option('--json', 'print what changed as JSON')
    .addHelpText('after', '\nEditors that use yaml-language-server validate entry files against these as you type.')
    .action(action(runSchema));
}
