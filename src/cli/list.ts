// The `list` command's definition: its options and help. What it does is in src/commands/list.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list cases, newest id last')
    .option('--status <status>', 'open | clarifying | decided | answered | overdue (the cases `check` calls overdue)')
    .option('--candidate <id>', 'only this candidate\'s cases')
    .option('--as-of <date>', 'judge overdue as of this day, YYYY-MM-DD (default: today), as `check --as-of` does')
    .option('--json', 'print {"cases": [...]}')
    .action(lazy(() => import('../commands/list.js'), 'runList'));
}
