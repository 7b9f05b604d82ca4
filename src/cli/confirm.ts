// The `confirm` command's definition: its options and help. What it does is in src/commands/confirm.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerConfirm(program: Command): void {
  program
    .command('confirm')
    .description('record that a phone or in-person request was confirmed back to the requester in writing')
    .argument('<case>', 'case id')
    .option('--sent <date>', 'date the confirmation was sent: 27/11/2026, today or 2026-11-27 (default: today)')
    .option('--channel <channel>', 'email | letter', 'email')
    .option('--json', 'print {"id": ...}')
    .addHelpText('after', '\nAvon and Somerset 6.1.2: a request received by telephone is confirmed back in writing before a reply is issued.')
    .action(lazy(() => import('../commands/confirm.js'), 'runConfirm'));
}
