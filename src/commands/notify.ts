import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface NotifyOptions {
  to?: string;
  by?: string;
  on?: string;
  note?: string;
  json?: boolean;
}

export async function runNotify(env: Env, opts: NotifyOptions, rawCase: string): Promise<number> {
  const { usageError } = await import('../domain/errors.js');
  const { writeInternalStep } = await import('./internal-step.js');
  if (!opts.to) throw usageError('missing --to', 'pass --to <role>, e.g. --to chief-executive');
  return writeInternalStep(env, rawCase, 'notification', opts.on, { to: opts.to, by: opts.by, note: opts.note });
}

export function registerNotify(program: Command): void {
  program
    .command('notify')
    .description('record that someone was told of a case (a notification the protocol may require)')
    .argument('<case>', 'case id, e.g. 2024-0325-k7q2')
    .option('--to <role>', 'the role notified, e.g. chief-executive, chief-constable, returning-officer')
    .option('--by <role>', 'the role that notified')
    .option('--on <date>', 'date notified, YYYY-MM-DD (default: today)')
    .option('--note <text>', 'what was sent, e.g. "copy of the request forwarded"')
    .option('--json', 'print {"id": ...}')
    .addHelpText(
      'after',
      `
Norfolk 2.2: a request made to the Constabulary is notified to the Chief Executive with a copy;
2.3: every visit request to the Chief Constable and Chief Executive; Avon and Somerset 8.1.2: the
returning officer is told the briefing date. register.yaml notifications lists those required;
\`evenhand check\` flags a missing one.
Example:
  evenhand notify 2024-0325-k7q2 --to chief-executive --by chief-constable --note "copy forwarded"`,
    )
    .action(action(runNotify));
}
