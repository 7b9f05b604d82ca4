// The `sync` command's definition: its options and help. What it does is in src/commands/sync.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('share entries with the other offices: fetch, put your new entries after theirs, push (retrying when another office pushed first)')
    .option('--remote <name>', "the shared repository's remote (default: the branch's upstream, else the only remote, else origin)")
    .option('--json', 'print {"remote", "branch", "pulled", "pushed", "attempts"}')
    .addHelpText(
      'after',
      `
The OPCC, the force and partners can keep one register from several clones (Humberside 11.b).
Each entry is a new file with a unique id, so syncing never conflicts and nothing is lost; your
commits keep the instant they were recorded, so \`evenhand audit\` stays clean. sync refuses to run
with uncommitted changes, and if a file edited by hand does conflict it undoes the rebase and says
what to do. It refuses (exit 1, changing nothing here) when the shared branch no longer holds what
this clone had from it: someone force-pushed a rewrite; the message names the commits that vanished.

Example:
  evenhand sync
  evenhand sync --remote shared`,
    )
    .action(lazy(() => import('../commands/sync.js'), 'runSync'));
}
