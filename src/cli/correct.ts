// The `correct` command's definition: its options and help. What it does is in src/commands/correct.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';
import { collect } from '../commands/options.js';

export function registerCorrect(program: Command): void {
  program
    .command('correct')
    .description('correct a recorded entry with a new entry naming it and why (entries are never edited)')
    .argument('<entry>', "the entry to correct: an entry id such as response-k7q2, or the case id for the case's request")
    .option('--case <case>', 'the case the entry belongs to (found from the entry id when left out)')
    .option('--reason <text>', 'why it is corrected; kept in the record and shown by show and audit')
    .option('--set <field=value>', 'a field and its corrected value, read as YAML: text, true/false, numbers, [a, b] lists (repeatable)', collect)
    .option('--set-file <field=file>', 'a field whose corrected value is the text of a file (repeatable)', collect)
    .option('--json', 'print {"id": ...}')
    .addHelpText(
      'after',
      `
The corrected entry must still be valid; id, kind, case, recorded_by and recorded_at cannot change.
show, list, check and the public disclosure log use the corrected values; audit shows the original and the correction.

Examples:
  evenhand correct response-k7q2 --case 2024-0325-k7q2 --reason "Named an officer" --set public_text="Figures are attached."
  evenhand correct 2024-0325-k7q2 --reason "Made under the FOI Act" --set foi=true
  evenhand correct decision-m3x9 --case 2024-0325-k7q2 --reason "Both reasons given" --set reasons="[Personal data, Cost limit]"`,
    )
    .action(lazy(() => import('../commands/correct.js'), 'runCorrect'));
}
