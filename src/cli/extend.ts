// The `extend` command's definition: its options and help. What it does is in src/commands/extend.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerExtend(program: Command): void {
  program
    .command('extend')
    .description('record a public-interest extension of an FOI deadline, with its reason and new date')
    .argument('<case>', 'case id')
    .option('--to <date>', 'the new due date: 20/05/2024 or 2024-05-20')
    .option('--reason <text>', 'why more time is needed to consider the public interest')
    .option('--on <date>', 'date the extension was decided and told to the requester (default: today)')
    .option('--json', 'print {"id": ...}')
    .addHelpText('after', '\nFOI Act s.10(3): the time for the public interest test may be extended to what is reasonable; tell the requester the new date.')
    .action(lazy(() => import('../commands/extend.js'), 'runExtend'));
}
