// The `init` command's definition: its options and help. What it does is in src/commands/init.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';
import { collect } from '../commands/options.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a register (running git init when the folder is not in a repository) and commit it')
    .argument('[dir]', 'where to create it (default: --register, else ./register)')
    .option('--body <name>', 'the public body, e.g. "Wessex OPCC"')
    .option('--election <name>', 'the election, e.g. "Wessex PCC election 2024"')
    .option('--poll-date <date>', 'polling day: 02/05/2024 or 2024-05-02')
    .option('--protocol <name>', 'start from a protocol preset (see `evenhand protocol list`), e.g. hampshire-2021; flags given override it')
    .option('--kind <kind>', 'pcc | mayoral | local | parliamentary | by-election (default: pcc)')
    .option('--nation <nation>', 'england-and-wales | scotland | northern-ireland, whose bank holidays count (default: england-and-wales)')
    .option('--spoc <name>', 'the single point of contact, as published (a job title or team)')
    .option('--spoc-email <email>', "the SPOC's email address")
    .option('--spoc-phone <phone>', "the SPOC's telephone number")
    .option('--decider <role>', 'a role that may decide requests (repeatable; default: chief-executive, chief-constable, deputy-monitoring-officer)', collect)
    .option('--political <policy>', 'clearly political requests: forward-unlogged (Kent) | log (default)')
    .option('--undeclared <policy>', 'requests from people who have not declared: treat-as-public (Avon and Somerset) | log (default)')
    .option('--label <text>', 'label on every request and response, e.g. "PCC Election Candidate Request" (Hampshire 3.4)')
    .option('--written-confirmation', 'phone and in-person requests must be confirmed in writing (Avon and Somerset 6.1.2)')
    .option('--pre-election-start <date>', "the pre-election period start set by the returning officer, YYYY-MM-DD")
    .option('--target-days <n>', 'working days to answer a request that is not under the FOI Act (default: 10)')
    .option('--review <setting>', 'required: publish only cases whose public text a person approved (`evenhand review`); off: publish every case (default: required)')
    .option('--json', 'print the register path as JSON')
    .addHelpText(
      'after',
      '\nWithout --protocol the strictest sensible settings are written (presets/default.yaml); each setting in\nregister.yaml carries a comment saying where it comes from.\nExamples:\n  evenhand init wessex --body "Wessex OPCC" --election "Wessex PCC election 2024" --poll-date 2024-05-02\n  evenhand init humberside --protocol humberside-2024',
    )
    .action(lazy(() => import('../commands/init.js'), 'runInit'));
}
