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
  const { IsoDate } = await import('../domain/schemas.js');
  const { usageError } = await import('../domain/errors.js');
  const { registerPrefix } = await import('../terminal/output.js');
  const { today } = await import('./common.js');
  const { containmentFindings } = await import('../store/containment-check.js');
  const asOf = opts.asOf ?? today(env);
  if (!IsoDate.safeParse(asOf).success) throw usageError(`--as-of "${asOf}" is not a date`, 'use YYYY-MM-DD');

  const [register, uncommitted] = await Promise.all([readRegister(env.registerDir), uncommittedFiles(env.registerDir)]);
  const extraRules = await (await import('../domain/extra-rules.js')).loadExtraRules();
  const findings = sortFindings([...checkRegister(register, { asOf, uncommitted, extraRules }), ...(await containmentFindings(env.registerDir, register))]);
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
    let lastCase: string | undefined = '\0';
    for (const f of findings) {
      if (f.case !== lastCase) {
        env.stdout.write(f.case ? `\ncase ${f.case}\n` : '\nregister\n');
        lastCase = f.case;
      }
      env.stdout.write(`  ${formatFinding(f, prefix)}\n`);
    }
    const cases = register.cases.size;
    env.stdout.write(
      `${findings.length ? '\n' : ''}${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${cases} case${cases === 1 ? '' : 's'} (as of ${asOf})\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check the whole register against the protocol: deadlines, equal treatment, publication, …')
    .option('--as-of <date>', 'judge overdue items as of this day, YYYY-MM-DD (default: today)')
    .option('--json', 'print {"findings": [...], "errors": N, "warnings": N}')
    .addHelpText(
      'after',
      `
Exits 1 when any finding is an error, else 0. One line per finding, grouped by case:
  cases/2024-0325-k7q2/request.yaml:7: error foi-deadline: unanswered on 2024-04-30, past the deadline of 2024-04-24 (…)

Rules: schema, reference, chronology, decision-maker, refusal-reason, foi-deadline, response-overdue,
unpublished, equal-treatment, pre-election-media, imagery, undeclared, written-confirmation,
political, uncommitted, declaration, identifiable, symlink, attachment; and, following register.yaml's protocol settings:
response-sender, answer-not-shared, withheld-incumbent, withhold-reason, fixed-event, response-channel,
notification-missing, organisation, requester, statutory.`,
    )
    .action(action(runCheck));
}
