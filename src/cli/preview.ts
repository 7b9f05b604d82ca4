// The `preview` command's definition: its options and help. What it does is in src/commands/preview.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('build the disclosure log into a temporary folder and serve it on this machine, rebuilding as the register changes')
    .option('--port <n>', 'the port to serve on (0 picks a free one)', '4173')
    .option('--host <host>', 'the loopback address to serve on: 127.0.0.1, localhost or ::1', '127.0.0.1')
    .option('--no-watch', 'build once; do not rebuild when the register changes')
    .option('--base-url <url>', 'as for `evenhand build`: the URL the site will be published at')
    .addHelpText(
      'after',
      `
The preview is built exactly as \`evenhand build\` builds the public site: the same public view and
the same leak gate. If a change to the register cannot be built, the reason is printed and the last
good preview stays up. Nothing is published, and the temporary folder is removed when you stop.

Examples:
  evenhand preview                 # then open http://127.0.0.1:4173/index.html
  evenhand preview --port 8080 --no-watch`,
    )
    .action(lazy(() => import('../commands/preview.js'), 'runPreview'));
}
