// The `recover` command's definition: its options and help. What it does is in src/commands/recover.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerRecover(program: Command): void {
  program
    .command('recover')
    .description('commit entries an interrupted command wrote but did not commit, and clear what it left behind')
    .option('--dry-run', 'say what would be committed and removed, change nothing')
    .option('--json', 'print {"committed": [...], "removed": [...], "problems": [...]}')
    .addHelpText(
      'after',
      `
A command killed between writing its entry and committing it (a closed laptop, kill -9, a full
disk) leaves the entry on disk but not in the history; \`evenhand check\` reports it as uncommitted.
Do not \`git add\` and \`git commit\` it by hand: that sweeps every leftover into one commit that
\`evenhand audit\` rejects. recover instead, holding the write lock:
  - commits each complete, valid entry file on its own, with the subject, trailers and date the
    command would have used (a response's attachments in the same commit), oldest first;
  - commits a valid new candidate file as \`candidate add\` would;
  - removes temporary files (*.evenhand-tmp), case folders left empty, and .git/evenhand.lock.*
    files of killed evenhand processes;
  - reports, and leaves alone, an invalid or partial file (fix it or delete it) and any file
    changed since it was committed: entries are never edited, so put it back with
    \`git restore <file>\` and change the record with \`evenhand correct …\`.
Exits 1 when something is left for you to deal with, else 0.

Examples:
  evenhand recover --dry-run
  evenhand recover && evenhand check && evenhand audit`,
    )
    .action(lazy(() => import('../commands/recover.js'), 'runRecover'));
}
