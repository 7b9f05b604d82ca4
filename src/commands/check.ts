import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface CheckCommandOptions {
  asOf?: string;
  json?: boolean;
  baseUrl?: string;
}

export async function runCheck(env: Env, opts: CheckCommandOptions): Promise<number> {
  const { readRegister } = await import('../store/register-store.js');
  const { workTreeChanges } = await import('../store/work-tree.js');
  const { checkRegister } = await import('../domain/checks.js');
  const { countBySeverity, formatFinding, sortFindings } = await import('../domain/findings.js');
  const { registerPrefix } = await import('../terminal/output.js');
  const { dateFlag } = await import('../terminal/ask.js');
  const { containmentFindings } = await import('../store/containment-check.js');
  const asOf = dateFlag(env, opts.asOf, '--as-of');

  // --as-of: the register as it stood at the end of that day (what was recorded by then), judged
  // on that day. Files not committed are reported whatever the day: they are at risk now, and
  // `evenhand recover` is the advice (issue 10).
  const past = opts.asOf !== undefined && asOf < dateFlag(env, undefined, '--as-of');
  const [register, changes] = await Promise.all([readRegister(env.registerDir, past ? { asOf } : {}), workTreeChanges(env.registerDir)]);
  const uncommitted = changes && [...changes.added, ...changes.modified].sort();
  const extraRules = await (await import('../domain/extra-rules.js')).loadExtraRules();
  const registerFindings = checkRegister(register, { asOf, uncommitted, modified: changes?.modified, extraRules });
  // The leak gate `build` runs, over the same rendering (issue 11): a clean check means the site builds.
  const contained = await containmentFindings(env.registerDir, register);
  // A register that reaches outside itself is never rendered: `build` refuses it before rendering too.
  const siteFindings = contained.some((f) => f.severity === 'error') ? [] : await siteGateFindings(env, register, registerFindings, opts.baseUrl);
  const findings = sortFindings([...registerFindings, ...contained, ...siteFindings]);
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

/** Render the site in memory and run the leak gate, when the register is sound enough for `build` to. */
async function siteGateFindings(env: Env, register: import('../domain/register-model.js').Register, reported: import('../domain/findings.js').Finding[], baseUrlOption?: string) {
  const { usageError } = await import('../domain/errors.js');
  const { normaliseBaseUrl } = await import('../render/site.js');
  let baseUrl: string | undefined;
  if (baseUrlOption !== undefined) {
    baseUrl = normaliseBaseUrl(baseUrlOption) ?? undefined;
    if (!baseUrl) throw usageError(`--base-url "${baseUrlOption}" is not an absolute http(s) URL`, 'e.g. --base-url https://example.github.io/disclosure-log/');
  }
  // `build` refuses a register with load errors before rendering; check reports those already.
  if (!register.config || register.findings.some((f) => f.severity === 'error')) return [];
  const { buildPublicView, candidateIdentities } = await import('../domain/public-view.js');
  const { createRedactor } = await import('../domain/redaction.js');
  const { loadTemplates } = await import('../store/site-files.js');
  const { siteFindings } = await import('../render/site-gate.js');
  const identities = candidateIdentities(register);
  const view = buildPublicView(register, { redactor: createRedactor(identities) }).view;
  return siteFindings(view, await loadTemplates(env.registerDir, env.cwd), identities, reported, { baseUrl });
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check the whole register against the protocol: deadlines, equal treatment, publication, …')
    .option('--as-of <date>', 'the register as it stood at the end of this day (entries recorded later left out), deadlines judged on it: 01/11/2026 or 2026-11-01 (default: today)')
    .option('--json', 'print {"findings": [...], "errors": N, "warnings": N}')
    .option('--base-url <url>', 'render the site as `build --base-url` would, for the leak gate')
    .addHelpText(
      'after',
      `
Exits 1 when any finding is an error, else 0. One line per finding, grouped by case:
  cases/2024-03/2024-0325-k7q2/request.yaml:7: error foi-deadline: unanswered on 2024-04-30, past the deadline of 2024-04-24 (…)

Rules: schema, reference, chronology, decision-maker, refusal-reason, foi-deadline, response-overdue,
unpublished, equal-treatment, pre-election-media, imagery, undeclared, written-confirmation,
political, uncommitted, declaration, conflicting-entries, identifiable, symlink, attachment; and,
following register.yaml's protocol settings: response-sender, answer-not-shared, withheld-incumbent, withhold-reason, fixed-event,
response-channel, notification-missing, organisation, requester, statutory.

conflicting-entries: two decisions standing on one case, a decision recorded after the response,
or two responses (two offices recording the same case and syncing). Each finding gives the
\`evenhand correct <entry> --case <case> --reason "…" --set withdrawn=true\` that withdraws the one
that does not stand; \`build\` refuses such a case until then.
uncommitted: a file git does not hold as it is. A complete entry left by an interrupted command:
\`evenhand recover\`; an edited entry: \`git restore <file>\`, then \`evenhand correct …\`.

check also renders the disclosure log in memory, as \`build\` does, and runs the same leak gate over
it: a form a template writes, or an asset the gate cannot read (unreadable-asset), or a template
that does not render (template), is an error here too, so a clean check means the site builds.`,
    )
    .action(action(runCheck));
}
