import type { Env } from '../env.js';
import { usageError } from '../domain/errors.js';
import { writeInternalStep } from './internal-step.js';

interface ReferOptions {
  to?: string;
  for?: string;
  org?: string;
  on?: string;
  json?: boolean;
}

export async function runRefer(env: Env, opts: ReferOptions, rawCase: string): Promise<number> {
  if (!opts.to) throw usageError('missing --to', 'pass --to <officer role or organisation>');
  if (!opts.for) throw usageError('missing --for', 'pass --for "<the data asked for>"');
  return writeInternalStep(env, rawCase, 'referral', opts.on, { to: opts.to, for: opts.for, organisation: opts.org });
}
