// The `approve` command's definition: its options and help. What it does is in src/commands/approve.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerApprove(program: Command): void {
  program
    .command('approve')
    .description("approve cases' public text for publication, without prompts (for scripts; `review` shows the text first)")
    .argument('[cases...]', 'case ids, e.g. 2024-0325-k7q2')
    .option('--all', 'approve every case whose current public text is not approved')
    .option('--dry-run', 'say what would be approved; write nothing')
    .option('--json', 'print {"approved": [...]} as JSON')
    .addHelpText(
      'after',
      `
An approval records who approved and the sha256 of the case's public text exactly as the disclosure
log would show it. Any later change to that text (a correction, a new response, a candidate added or
renamed so that redaction reads differently) voids it, and with publication.review: required in
register.yaml the case leaves the log until it is approved again.

Examples:
  evenhand approve 2024-0325-k7q2 2024-0402-m3x9
  evenhand approve --all --dry-run`,
    )
    // A variadic argument reaches the action as one array.
    .action(lazy(() => import('../commands/approve.js'), 'runApprove'));
}
