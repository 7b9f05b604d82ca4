// The `schema` command's definition: its options and help. What it does is in src/commands/schema.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('write the JSON Schemas of register.yaml, candidates and every entry kind (generated from the zod schemas)')
    .option('--out <dir>', 'where to write them', 'schemas')
    .option('--json', 'print what changed as JSON')
    .addHelpText('after', '\nEditors that use yaml-language-server validate entry files against these as you type.')
    .action(lazy(() => import('../commands/schema.js'), 'runSchema'));
}
