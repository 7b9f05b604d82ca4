import type { Env } from '../env.js';
import { findCandidate } from '../domain/candidates.js';
import { LIST_STATUSES, caseSummary } from '../domain/case-view.js';
import { usageError } from '../domain/errors.js';
import { fullPublicView } from '../domain/public-view.js';
import { describeReview, reviewLabel, reviewRequired, reviewState } from '../domain/review.js';
import { IsoDate } from '../domain/schemas.js';
import { readValidRegister } from '../store/register-store.js';
import { today } from './common.js';
import { dateFlag } from '../terminal/ask.js';

interface ListOptions {
  asOf?: string;
  status?: string;
  candidate?: string;
  json?: boolean;
}

export async function runList(env: Env, opts: ListOptions): Promise<number> {
  if (opts.status && !(LIST_STATUSES as readonly string[]).includes(opts.status))
    throw usageError(`--status "${opts.status}" is not one of: ${LIST_STATUSES.join(', ')}`);
  const register = await readValidRegister(env.registerDir);
  let candidateId: string | undefined;
  if (opts.candidate) {
    const m = findCandidate([...register.candidates.values()].map((c) => c.value), opts.candidate);
    if (m.kind !== 'one') throw usageError(`--candidate "${opts.candidate}": ${m.kind === 'none' ? 'no such candidate' : 'matches several candidates'}`);
    candidateId = m.candidate.id;
  }
  const day = dateFlag(env, opts.asOf, '--as-of');
  if (!IsoDate.safeParse(day).success) throw usageError(`--as-of "${day}" is not a date`, 'use YYYY-MM-DD');
  const published = new Map(fullPublicView(register).view.cases.map((c) => [c.reference, c]));
  const required = reviewRequired(register.config);
  const rows = [...register.cases.values()]
    .map((c) => {
      const review = reviewState(c, published.get(c.id));
      return { ...caseSummary(register, c, day), review: { ...review, text: describeReview(review, required) }, reviewLabel: reviewLabel(review) };
    })
    .filter((s) => !candidateId || s.candidate === candidateId)
    .filter((s) => !opts.status || (opts.status === 'overdue' ? s.overdue : s.state === opts.status || (opts.status === 'open' && s.state === 'clarifying')));
  if (env.json) {
    env.stdout.write(`${JSON.stringify({ cases: rows.map(({ reviewLabel: _, ...r }) => r) }, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    env.stdout.write('no cases match\n');
    return 0;
  }
  for (const s of rows)
    env.stdout.write(
      `${s.id}  ${s.state.padEnd(10)}  ${s.reviewLabel.padEnd(9)}  ${s.category.padEnd(11)}  ${s.candidate}  ${s.due ? `due ${s.due.date}${s.overdue ? ' OVERDUE' : ''}  ` : ''}${s.subject}\n`,
    );
  const toReview = rows.filter((r) => r.review.state === 'awaiting' || r.review.state === 'void').length;
  env.stdout.write(`${rows.length} case${rows.length === 1 ? '' : 's'}${toReview ? `; ${toReview} awaiting review${required ? '' : ' (review is off in register.yaml)'}` : ''}\n`);
  return 0;
}
