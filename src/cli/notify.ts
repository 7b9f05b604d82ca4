// The `notify` command's definition: its options and help. What it does is in src/commands/notify.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerNotify(program: Command): void {
  program
    .command('notify')
    .description('record that someone was told of a case (a notification the protocol may require)')
    .argument('<case>', 'case id, e.g. 2024-0325-k7q2')
    .option('--to <role>', 'the role notified, e.g. chief-executive, chief-constable, returning-officer')
    .option('--by <role>', 'the role that notified')
    .option('--on <date>', 'date notified, YYYY-MM-DD (default: today)')
    .option('--note <text>', 'what was sent, e.g. "copy of the request forwarded"')
    .option('--json', 'print {"id": ...}')
    .addHelpText(
      'after',
      `
Norfolk 2.2: a request made to the Constabulary is notified to the Chief Executive with a copy;
2.3: every visit request to the Chief Constable and Chief Executive; Avon and Somerset 8.1.2: the
returning officer is told the briefing date. register.yaml notifications lists those required;
\`evenhand check\` flags a missing one.
Example:
  evenhand notify 2024-0325-k7q2 --to chief-executive --by chief-constable --note "copy forwarded"`,
    )
    .action(lazy(() => import('../commands/notify.js'), 'runNotify'));
}
