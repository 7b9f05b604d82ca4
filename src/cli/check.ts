// The `check` command's definition: its options and help. What it does is in src/commands/check.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check the whole register against the protocol: deadlines, equal treatment, publication, …')
    .option('--as-of <date>', 'the register as it stood at the end of this day (entries recorded later left out), deadlines judged on it: 01/11/2026 or 2026-11-01 (default: today)')
    .option('--json', 'print {"findings": [...], "errors": N, "warnings": N}')
    .option('--base-url <url>', 'render the site as `build --base-url` would, for the leak gate')
    .option('--no-cache', 'ignore the caches in .git/evenhand/cache/ and do everything again (a cold run); writes fresh ones')
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
    .action(lazy(() => import('../commands/check.js'), 'runCheck'));
}
