// The `refer` command's definition: its options and help. What it does is in src/commands/refer.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerRefer(program: Command): void {
  program
    .command('refer')
    .description('record a referral for data to an officer or another organisation (an internal step)')
    .argument('<case>', 'case id, e.g. 2024-0325-k7q2')
    .option('--to <who>', 'the officer (by role) or organisation asked')
    .option('--for <text>', 'what was asked for')
    .option('--org <id>', 'the organisation asked, where it shares the register')
    .option('--on <date>', 'date referred, YYYY-MM-DD (default: today)')
    .option('--json', 'print {"id": ...}')
    .addHelpText('after', '\nHampshire 3.4: data needed from the Constabulary is requested through named officers.\nExample:\n  evenhand refer 2024-0325-k7q2 --to "force data officer" --org force --for "burglaries recorded 2020"')
    .action(lazy(() => import('../commands/refer.js'), 'runRefer'));
}
