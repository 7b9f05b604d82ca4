import type { Command } from 'commander';
import { action } from './action.js';
import { collect } from './options.js';
import type { Env } from '../env.js';

interface AuditOptions {
  since?: string;
  requireSigned?: boolean;
  published?: string[];
  json?: boolean;
}

/** A commit date as UK local time, YYYY-MM-DD HH:MM: registers are kept on UK time. */
function ukDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export async function runAudit(env: Env, opts: AuditOptions, rawCase?: string): Promise<number> {
  const { readEntriesOnDisk } = await import('../store/register-store.js');
  const { ensureFullHistory, readHistory } = await import('../store/history.js');
  const { uncommittedFiles } = await import('../store/work-tree.js');
  const { auditHistory, timelineLine } = await import('../domain/audit.js');
  const { countBySeverity, formatFinding, sortFindings } = await import('../domain/findings.js');
  const { UserError, EXIT } = await import('../domain/errors.js');
  const { registerPrefix } = await import('../terminal/output.js');
  const { caseIdArg } = await import('./common.js');
  const { readPublishedLog } = await import('../store/published.js');
  const { anchorFacts } = await import('../store/history.js');
  const { parseWitness, checkWitness } = await import('../domain/anchors.js');

  const caseId = rawCase === undefined ? undefined : caseIdArg(rawCase);
  // Published logs first: a source that cannot be read fails before the history is read.
  const witnesses = await Promise.all((opts.published ?? []).map(async (src) => {
    const { source, text } = await readPublishedLog(src, env.cwd);
    return parseWitness(text, source);
  }));
  // Never a partial trail: deepen a shallow clone or refuse (issue 5).
  const { deepened } = await ensureFullHistory(env.registerDir);
  if (deepened) env.stderr.write('evenhand: this clone was shallow; fetched the full history (git fetch --unshallow)\n');
  // git reads the history in its own process while node reads the entry files.
  const [history, disk, uncommitted] = await Promise.all([
    readHistory(env.registerDir, { since: opts.since, signatures: Boolean(opts.requireSigned) }),
    // Who each entry says recorded it, and when (corrections never change either).
    readEntriesOnDisk(env.registerDir),
    uncommittedFiles(env.registerDir),
  ]);

  const result = auditHistory(history, disk.entries, { caseId, requireSigned: opts.requireSigned, complete: !opts.since,
    uncommitted: uncommitted ?? [],
    invalidFiles: new Set(disk.findings.filter((f) => f.severity === 'error' && f.file).map((f) => f.file!)),
  });
  // Each published log anchors the history: the commit it was built from must still be in it, and
  // nothing it held changed since (docs/decisions/0012-history-anchors.md).
  const anchored = [];
  for (const w of witnesses) {
    const facts = await anchorFacts(env.registerDir, w.commit);
    const found = checkWitness(w, facts, { addedBy: result.addedBy, onDisk: disk.entries, caseIds: disk.caseIds });
    result.problems.push(...found.filter((p) => !caseId || p.cases.includes(caseId)));
    anchored.push({ source: w.source, commit: w.commit, entries: w.entries, in_history: facts.inHistory });
  }
  if (caseId && result.entries.length === 0 && result.problems.length === 0 && !disk.caseIds.has(caseId))
    throw new UserError(`no case ${caseId} in this register or its history`, EXIT.findings, 'see `evenhand list` for case ids');
  sortFindings(result.problems);
  // Findings about the history as a whole (no file) after those about one entry.
  const problems = [...result.problems.filter((p) => p.file), ...result.problems.filter((p) => !p.file)];
  const { errors, warnings } = countBySeverity(problems);

  if (env.json) {
    env.stdout.write(
      `${JSON.stringify(
        {
          entries: result.entries,
          problems: problems.map((p) => ({
            code: p.code,
            severity: p.severity,
            case: p.case ?? null,
            file: p.file ?? null,
            commit: p.commit ?? null,
            message: p.message,
            hint: p.hint ?? null,
          })),
          commits: result.commits,
          complete: !opts.since,
          published: anchored,
          errors,
          warnings,
        },
        null,
        2,
      )}\n`,
    );
    return errors > 0 ? 1 : 0;
  }

  const out: string[] = [];
  for (const e of result.entries) out.push(timelineLine(e, ukDateTime(e.commit_date)));
  if (result.entries.length === 0) out.push(caseId ? `no entries for case ${caseId}${opts.since ? ` since ${opts.since}` : ''}` : `no entries${opts.since ? ` since ${opts.since}` : ''}`);
  const prefix = registerPrefix(env);
  if (problems.length) out.push('');
  for (const p of problems) out.push(formatFinding(p, prefix));
  out.push('');
  const scope =
    `${result.entries.length} entr${result.entries.length === 1 ? 'y' : 'ies'}${caseId ? ` in case ${caseId}` : ''}, ${result.commits} commit${result.commits === 1 ? '' : 's'} read${opts.since ? ` since ${opts.since}` : ''}` +
    (anchored.length ? `, ${anchored.length} published log${anchored.length === 1 ? '' : 's'} checked` : '');
  if (errors === 0)
    out.push(`${scope}: no sign of tampering${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}${opts.requireSigned ? '; every entry commit has a good signature' : ''}`);
  else out.push(`${scope}: ${errors} problem${errors === 1 ? '' : 's'} in the history${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`);
  env.stdout.write(`${out.join('\n')}\n`);
  return errors > 0 ? 1 : 0;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('show from the git history who recorded each entry and when, and prove nothing was changed or removed after')
    .argument('[case]', 'only this case, e.g. 2024-0325-k7q2')
    .option('--since <rev>', 'only commits after this revision (a commit, tag or branch)')
    .option('--require-signed', 'fail on any entry commit without a good signature')
    .option('--published <site|file|url>', 'check the history against a published build: its site folder, its disclosure-log.json, or that file\'s http(s) URL (repeatable)', collect)
    .option('--json', 'print {"entries": [...], "problems": [...]}')
    .addHelpText(
      'after',
      `
Exits 1 when the history shows tampering:
  tamper-modified, tamper-deleted   an entry (or attachment) changed or removed after the commit that added it
  tamper-multiple-entries           one commit adds several entries
  tamper-mixed-commit               an entry commit also changes other files
  tamper-format                     an entry added outside evenhand's commit format
  tamper-date                       recorded_at more than an hour from its commit's author date
  tamper-date-order                 a commit dated before its parent (or before its own author date)
  tamper-backdated                  an entry recorded before one committed ahead of it, by a commit dated before that too
  tamper-subject                    a commit subject that no longer matches its entry ("refuse" over a file saying "provide")
  tamper-merge                      a merge commit changes an entry itself
  unsigned-commit                   with --require-signed, an entry commit without a good signature
With --published, against each published build (its disclosure-log.json names the commit it was built from):
  published-rewritten               that commit is no longer in the history: it was rewritten after publication
  published-changed                 an entry that commit held was changed or removed since
  published-backdated               an entry added since, in a commit dated before the build
  published-mismatch                the log does not match its commit (built from uncommitted files, or altered)
Warnings (exit 0): fixed-clock (written under EVENHAND_NOW), late-entry / published-late-entry (an entry
recorded before others it follows: synced late from another office, or backdated), clock-unrecorded.
Candidates (the roster) and register.yaml may change; corrections are new entries, shown beside the original.
What the audit proves, and what signing adds: README, "What the audit proves".

A shallow clone is deepened with \`git fetch --unshallow\`, or the audit fails: it never reports a partial trail.
In GitHub Actions use actions/checkout with fetch-depth: 0.

Examples:
  evenhand audit
  evenhand audit 2024-0325-k7q2
  evenhand audit --since v2024-04-01 --json
  evenhand audit --published https://example.github.io/disclosure-log/disclosure-log.json
  evenhand audit --published archive/2024-04-30/site --published archive/2024-05-07/site`,
    )
    .action(action(runAudit));
}
