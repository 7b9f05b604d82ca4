// Printing what a write will make `check` say (src/domain/write-check.ts): warnings are said and
// the write goes on; errors refuse it, unless the officer departs from the protocol knowingly
// with --depart-from-protocol "<why>", which is kept in the entry and which check keeps reporting.
import type { Env } from '../env.js';
import { UserError, EXIT } from '../domain/errors.js';
import { formatFinding, type Finding } from '../domain/findings.js';
import { findingsOfWrite, type WriteFindings } from '../domain/write-check.js';
import type { CaseRecord, Register } from '../domain/register-model.js';
import type { RegisterConfig } from '../domain/schemas.js';
import { ukDateTime } from '../domain/uk-time.js';

export function sayWriteFindings(env: Env, found: WriteFindings, what: string, departure: string | undefined): void {
  const line = (f: WriteFindings['errors'][number]) => formatFinding({ ...f, file: undefined, line: undefined });
  for (const f of found.warnings) env.stderr.write(`warning: check will report: ${line(f)}\n`);
  if (found.errors.length === 0) return;
  if (departure !== undefined) {
    for (const f of found.errors) env.stderr.write(`warning: recorded as a departure from the protocol ("${departure}"); check will keep reporting: ${line(f)}\n`);
    return;
  }
  throw new UserError(
    `${what} refused; nothing was written. check would report:\n  ${found.errors.map(line).join('\n  ')}`,
    EXIT.findings,
    'change what you are recording, or, to record it knowingly as a departure from the protocol, add --depart-from-protocol "<why>"',
  );
}

/** Judge a write by the check's rules and say (or refuse) what check would then report. */
export function judgeWrite(
  env: Env,
  register: { config: RegisterConfig; candidates: Register['candidates'] },
  before: CaseRecord | undefined,
  after: CaseRecord,
  what: string,
  departure: string | undefined,
  opts: { sayOnly?: boolean } = {},
): void {
  const found = findingsOfWrite({ ...register, configFile: 'register.yaml' }, before, after, { asOf: ukDateTime(env.now()).date });
  // A correction records what was true: said, never refused.
  if (opts.sayOnly) sayWriteFindings(env, { errors: [], warnings: [...found.errors, ...found.warnings] }, what, departure);
  else sayWriteFindings(env, found, what, departure);
}

/**
 * A judge for C.refuseIf and C.judgedUnderLock (src/commands/common.ts): the write's own rules
 * (`validate`), then what check would report on the case once the entry is in it. It runs before
 * the write and again under the write lock on the case as it is then, so what a concurrent write
 * changed is judged too; warnings and departures are said once, errors refuse each time.
 */
export function judgeWithCheck<T extends { config: RegisterConfig; record: CaseRecord }>(
  env: Env,
  candidates: Register['candidates'],
  what: string,
  departure: string | undefined,
  validate: (current: T) => Finding[],
  after: (record: CaseRecord) => CaseRecord,
  opts: { sayOnly?: boolean } = {},
): (current: T) => Finding[] {
  let said = false;
  return (current) => {
    const own = validate(current);
    if (own.some((f) => f.severity === 'error')) return own;
    const found = findingsOfWrite({ config: current.config, candidates, configFile: 'register.yaml' }, current.record, after(current.record), { asOf: ukDateTime(env.now()).date });
    // A correction records what was true: said, never refused.
    const judged = opts.sayOnly ? { errors: [], warnings: [...found.errors, ...found.warnings] } : found;
    if (!said) sayWriteFindings(env, judged, what, departure);
    else if (departure === undefined) sayWriteFindings(env, { errors: judged.errors, warnings: [] }, what, departure);
    said = true;
    return own;
  };
}
