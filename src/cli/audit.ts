// The `audit` command's definition: its options and help. What it does is in src/commands/audit.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';
import { collect } from '../commands/options.js';

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('show from the git history who recorded each entry and when, and prove nothing was changed or removed after')
    .argument('[case]', 'only this case, e.g. 2024-0325-k7q2')
    .option('--since <rev>', 'only commits after this revision (a commit, tag or branch)')
    .option('--require-signed', 'fail on any entry commit without a good signature')
    .option('--published <site|file|url>', 'check the history against a published build: its site folder, its disclosure-log.json, or that file\'s http(s) URL (repeatable)', collect)
    .option('--json', 'print {"entries": [...], "problems": [...]}')
    .option('--no-cache', 'read the whole history and every entry file again, ignoring the cache in .git/evenhand/cache/audit.bin (a cold run); writes a fresh one')
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

The audit resumes from the last commit it verified (a cache in .git/evenhand/cache/audit.bin) when HEAD's
history is that commit's plus new commits on top; after a rewrite, a reset, another branch, or any doubt
about the cache or the work tree it reads everything again. The findings are the same either way.

A shallow clone is deepened with \`git fetch --unshallow\`, or the audit fails: it never reports a partial trail.
In GitHub Actions use actions/checkout with fetch-depth: 0.

Examples:
  evenhand audit
  evenhand audit 2024-0325-k7q2
  evenhand audit --since v2024-04-01 --json
  evenhand audit --published https://example.github.io/disclosure-log/disclosure-log.json
  evenhand audit --published archive/2024-04-30/site --published archive/2024-05-07/site`,
    )
    .action(lazy(() => import('../commands/audit.js'), 'runAudit'));
}
