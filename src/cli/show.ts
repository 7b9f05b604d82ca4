// The `show` command's definition: its options and help. What it does is in src/commands/show.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('show a case: every entry, its state and its due date')
    .argument('<case>', 'case id, e.g. 2024-0325-k7q2')
    .option('--json', 'print the case as JSON')
    .action(lazy(() => import('../commands/show.js'), 'runShow'));
}
