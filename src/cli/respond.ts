// The `respond` command's definition: its options and help. What it does is in src/commands/respond.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';
import { collect } from '../commands/options.js';

export function registerRespond(program: Command): void {
  program
    .command('respond')
    .description('record the response sent to the candidate')
    .argument('<case>', 'case id, e.g. 2024-0325-k7q2')
    .option('--sent <date>', 'date sent: 27/11/2026, today, yesterday or 2026-11-27 (default: today)')
    .option('--channel <channel>', 'email | letter | phone | in-person | social-media | web-form')
    .option('--text <text>', 'the response as sent')
    .option('--text-file <file>', 'read the response text from a file')
    .option('--public-text <text>', 'wording for the disclosure log (else the text is redacted and published)')
    .option('--offered-to <candidate>', 'a candidate the same offer went to (repeatable; equal treatment)', collect)
    .option('--attachment <file>', 'a file sent with the response, kept in the register (repeatable; an ordinary file of at most 25 MiB)', collect)
    .option('--withhold <reason>', 'do not publish this response, for this reason')
    .option('--depart-from-protocol <why>', 'record it although check will report it, saying why (kept in the entry; check keeps reporting it)')
    .option('--by <role>', 'the role sending it, one of register.yaml responders (Humberside 11.e)')
    .option('--org <id>', 'the organisation sending it (default: the one handling the case)')
    .option('--circulated-to <candidate>', 'a candidate the answer was also sent to (repeatable; default under share_answers: send-to-all: every candidate standing that day)', collect)
    .option('--json', 'print {"id": ...}')
    .addHelpText(
      'after',
      `
Every response is published, anonymised, unless withheld with a reason (Kent 5; Norfolk 2.2).
Examples:
  evenhand respond 2024-0325-k7q2 --sent 2024-04-02 --channel email --text-file reply.txt
  evenhand respond 2024-0402-m3x9 --channel email --text "A visit is offered to every candidate on 12 April." \\
    --offered-to c-7k2q --offered-to c-p4m1 --offered-to c-x9z3`,
    )
    .action(lazy(() => import('../commands/respond.js'), 'runRespond'));
}
