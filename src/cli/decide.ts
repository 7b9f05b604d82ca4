// The `decide` command's definition: its options and help. What it does is in src/commands/decide.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';
import { collect } from '../commands/options.js';

export function registerDecide(program: Command): void {
  program
    .command('decide')
    .description("record the authorised officer's decision on a case")
    .argument('<case>', 'case id, e.g. 2024-0325-k7q2')
    .option('--outcome <outcome>', 'provide | partial | refuse | already-published | redirect | clarify | not-held (FOI: the information is not held)')
    .option('--by <role>', 'the deciding role, one of register.yaml deciders (e.g. chief-executive, or "Chief Executive")')
    .option('--on <date>', 'date decided: 27/11/2026, today, yesterday or 2026-11-27 (default: today)')
    .option('--reason <text>', 'a reason, as told to the candidate (repeatable; required for refuse, partial, redirect)', collect)
    .option('--exemption <code>', 'an FOI exemption relied on, e.g. s21 or s40(2) (repeatable)', collect)
    .option('--mitigation <text>', 'a risk mitigation (repeatable; Humberside 11.b)', collect)
    .option('--offer-to-all', 'the same offer goes to every declared candidate (visits, meetings, briefings)')
    .option('--depart-from-protocol <why>', 'record it although check will report it, saying why (kept in the entry; check keeps reporting it)')
    .option('--json', 'print {"id": ...}')
    .addHelpText(
      'after',
      `
Examples:
  evenhand decide 2024-0325-k7q2 --outcome provide --by chief-executive
  evenhand decide 2024-0325-k7q2 --outcome refuse --by chief-executive --reason "Personal data of officers" --exemption "s40(2)"
  evenhand decide 2024-0402-m3x9 --outcome provide --by chief-constable --offer-to-all`,
    )
    .action(lazy(() => import('../commands/decide.js'), 'runDecide'));
}
