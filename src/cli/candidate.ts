// The `candidate` command's definition: its options and help. What it does is in src/commands/candidate.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';
import { collect } from '../commands/options.js';

function identityOptions(cmd: Command): Command {
  return cmd
    .option('--alias <alias>', 'another name the candidate is known by (repeatable)', collect)
    .option('--party <party>', 'party, or "Independent"')
    .option('--email <email>', 'an email address (repeatable)', collect)
    .option('--phone <phone>', 'a phone number (repeatable)', collect)
    .option('--handle <handle>', 'a social media handle (repeatable)', collect)
    .option('--status <status>', 'prospective | declared | withdrawn')
    .option('--declared-on <date>', 'date the nomination was registered: 27/11/2026, today or 2026-11-27')
    .option('--json', 'print {"id": ...}');
}

export function registerCandidate(program: Command): void {
  const candidate = program
    .command('candidate')
    .description('the roster of candidates: personal data kept only in the register, never published');
  identityOptions(
    candidate
      .command('add')
      .description('add a candidate and print the new id')
      .option('--name <name>', 'full name')
      .option('--incumbent', 'the sitting office-holder standing again (Hampshire 3.7: never favoured)')
      .option('--kind <kind>', 'candidate (default) | agent | party | group: requesters who are not candidates (Kent 4)')
      .option('--acts-for <candidate>', 'for an agent: the candidate they act for (equal treatment is judged for that candidate)'),
  )
    .addHelpText('after', '\nEvery form of identity you give here is redacted from anything published.\nExample:\n  evenhand candidate add --name "Alex Morgan" --alias "Councillor Morgan" --party "Wessex First" --email alex@example.org --status declared --declared-on 2024-04-05')
    .action(lazy(() => import('../commands/candidate.js'), 'runCandidateAdd'));
  identityOptions(
    candidate
      .command('update')
      .description('change a candidate; aliases, emails, phones and handles given are added to the existing ones, and a replaced name or party is kept under `former` (still redacted)')
      .argument('<id>', 'candidate id, e.g. c-7k2q')
      .option('--name <name>', 'full name')
      .option('--incumbent', 'mark as the incumbent')
      .option('--no-incumbent', 'mark as not the incumbent'),
  ).action(lazy(() => import('../commands/candidate.js'), 'runCandidateUpdate'));
  candidate
    .command('list')
    .description('list the candidates')
    .option('--json', 'print {"candidates": [...]}')
    .action(lazy(() => import('../commands/candidate.js'), 'runCandidateList'));
}
