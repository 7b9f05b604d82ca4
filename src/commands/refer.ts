import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface ReferOptions {
  to?: string;
  for?: string;
  org?: string;
  on?: string;
  json?: boolean;
}

export async function runRefer(env: Env, opts: ReferOptions, rawCase: string): Promise<number> {
  const { usageError } = await import('../domain/errors.js');
  const { writeInternalStep } = await import('./internal-step.js');
  if (!opts.to) throw usageError('missing --to', 'pass --to <officer role or organisation>');
  if (!opts.for) throw usageError('missing --for', 'pass --for "<the data asked for>"');
  return writeInternalStep(env, rawCase, 'referral', opts.on, { to: opts.to, for: opts.for, organisation: opts.org });
}

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
    .action(action(runRefer));
}
