import type { Env } from '../env.js';
import { usageError } from '../domain/errors.js';
import { writeInternalStep } from './internal-step.js';

interface NotifyOptions {
  to?: string;
  by?: string;
  on?: string;
  note?: string;
  json?: boolean;
}

export async function runNotify(env: Env, opts: NotifyOptions, rawCase: string): Promise<number> {
  if (!opts.to) throw usageError('missing --to', 'pass --to <role>, e.g. --to chief-executive');
  return writeInternalStep(env, rawCase, 'notification', opts.on, { to: opts.to, by: opts.by, note: opts.note });
}
