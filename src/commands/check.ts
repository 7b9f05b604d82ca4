import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface CheckCommandOptions {
  asOf?: string;
  json?: boolean;
}

export async function runCheck(env: Env, opts: CheckCommandOptions): Promise<number> {
  const { readRegister } = await import('../store/register-store.js');
  const { uncommittedFiles } = await import('../store/work-tree.js');
  const { checkRegister } = await import('../domain/checks.js');
  const { countBySeverity, formatFinding, sortFindings } = await import('../domain/findings.js');
  const { registerPrefix } = await import('../terminal/output.js');
  const { dateFlag } = await import('../terminal/ask.js');
  const asOf = dateFlag(env, opts.asOf, '--as-of');

  // --as-of: the register as it stood at the end of that day (what was recorded by then), judged
  // on that day; files not yet committed are today's business, not that day's.
  const past = opts.asOf !== undefined && asOf < dateFlag(env, undefined, '--as-of');
  const [register, uncommitted] = await Promise.all([
    readRegister(env.registerDir, past ? { asOf } : {}),
    past ? Promise.resolve([] as string[]) : uncommittedFiles(env.registerDir),
  ]);
  const extraRules = await (await import('../domain/extra-rules.js')).loadExtraRules();
  const findings = sortFindings(checkRegister(register, { asOf, uncommitted, extraRules }));
  const { errors, warnings } = countBySeverity(findings);
  if (env.json) {
    env.stdout.write(
      `${JSON.stringify(
        { as_of: asOf, findings: findings.map((f) => ({ code: f.code, severity: f.severity, case: f.case ?? null, file: f.file ?? null, line: f.line ?? null, path: f.path ?? null, message: f.message, hint: f.hint ?? null })), errors, warnings },
        null,
        2,
      )}\n`,
    );
  } else {
    const prefix = registerPrefix(env);
    const { painter, paintFinding } = await import('../terminal/output.js');
    const paint = await painter(env);
    let lastCase: string | undefined = '\0';
    for (const f of findings) {
      if (f.case !== lastCase) {
        env.stdout.write(`\n${paint.heading(f.case ? `case ${f.case}` : 'register')}\n`);
        lastCase = f.case;
      }
      env.stdout.write(`  ${paintFinding(f, formatFinding(f, prefix), paint)}\n`);
    }
    const cases = register.cases.size;
    const errorText = `${errors} error${errors === 1 ? '' : 's'}`;
    const warningText = `${warnings} warning${warnings === 1 ? '' : 's'}`;
    env.stdout.write(
      `${findings.length ? '\n' : ''}${errors ? paint.severity('error', errorText) : errorText}, ${warnings ? paint.severity('warning', warningText) : warningText} in ${cases} case${cases === 1 ? '' : 's'} (as of ${asOf})\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check the whole register against the protocol: deadlines, equal treatment, publication, …')
    .option('--as-of <date>', 'the register as it stood at the end of this day (entries recorded later left out), deadlines judged on it: 01/11/2026 or 2026-11-01 (default: today)')
    .option('--json', 'print {"findings": [...], "errors": N, "warnings": N}')
    .addHelpText(
      'after',
      `
Exits 1 when any finding is an error, else 0. One line per finding, grouped by case:
  cases/2024-03/2024-0325-k7q2/request.yaml:7: error foi-deadline: unanswered on 2024-04-30, past the deadline of 2024-04-24 (…)

Rules: schema, reference, chronology, decision-maker, refusal-reason, foi-deadline, response-overdue,
unpublished, equal-treatment, pre-election-media, imagery, undeclared, written-confirmation,
political, uncommitted, declaration, identifiable.`,
    )
    .action(action(runCheck));
}
