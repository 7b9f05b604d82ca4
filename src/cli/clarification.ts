// The `clarification` command's definition: its options and help. What it does is in src/commands/clarification.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerClarification(program: Command): void {
  program
    .command('clarification')
    .description("record the candidate's answer to a request for clarification (after a decision with --outcome clarify)")
    .argument('<case>', 'case id')
    .option('--received <date>', 'date the answer arrived: 27/11/2026, today or 2026-11-27 (default: today)')
    .option('--text <text>', "the candidate's clarification")
    .option('--text-file <file>', 'read it from a file')
    .option('--json', 'print {"id": ...}')
    .addHelpText('after', '\nUnder the FOI Act (s.1(3), s.10(6)) the 20 working days run from the day the clarification is received.')
    .action(lazy(() => import('../commands/clarification.js'), 'runClarification'));
}
