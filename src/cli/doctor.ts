// The `doctor` command's definition: its options and help. What it does is in src/commands/doctor.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description("check that the register's git repository is set up for fast appends; --fix sets it up")
    .option('--fix', 'set what is missing (git config and index commands, listed before they run)')
    .option('--json', 'print {"register", "findings": [{"id", "level", "message", "fix"}], "fixed"}')
    .addHelpText(
      'after',
      `
Every entry is one git commit, so how git keeps the repository's index decides how long an
append takes once a register holds thousands of cases. \`evenhand init\` sets this up in a
repository it creates; a register made any other way (copied with \`cp -a\`, restored from a
backup, cloned, generated) may lack it. doctor reads the git folder and says what is missing
and what it costs; nothing in the register or its history changes.

What it checks:
  split-index        core.splitIndex: without it every append rewrites the whole index
                     (3 MB at 10,000 cases); --fix: git config core.splitIndex true,
                     git update-index --split-index
  split-index-full   the split index's own part holds many entries (a copy or restore leaves
                     them), rewritten by every append; --fix: git update-index --refresh,
                     git update-index --split-index
And says, without changing them (they are the repository's choices): commit.gpgSign (entries
committed by \`git commit\`), core.hooksPath, a HEAD only git can read (reftable).

Exits 1 when something --fix would set is missing, else 0. Run it after restoring or copying
a register, or when appends feel slow:
  evenhand doctor
  evenhand doctor --fix`,
    )
    .action(lazy(() => import('../commands/doctor.js'), 'runDoctor'));
}
