// The `build` command's definition: its options and help. What it does is in src/commands/build.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('build the anonymised public disclosure log: HTML, Markdown, CSV, JSON and an Atom feed')
    .option('--out <dir>', 'the folder to write the site to, relative to the current folder', 'site')
    .option('--base-url <url>', 'the absolute URL the site is published at (used only for the Atom feed and canonical links)')
    .option('--json', 'print a summary as JSON')
    .option('--no-cache', 'ignore the caches in .git/evenhand/cache/ and do everything again (a cold run); writes fresh ones')
    .addHelpText(
      'after',
      `
The site is written to a temporary folder beside --out, every file is scanned for every candidate's
names, aliases, emails, phones, handles and party, and only then does it replace the old site. Any
hit fails the build (exit 1), naming the file and the case, and leaves the old site in place.
The gate reads what a reader sees: page text and visible attribute values, the feed's text, CSV
cells, JSON values, CSS strings, PDF text and metadata, image metadata and every file name; an asset
it cannot read (a font, an archive) is refused. \`evenhand check\` runs the same gate.

A register can override any default template or asset by file name in <register>/templates/
(e.g. templates/_header.hbs, templates/assets/style.css).

Examples:
  evenhand build
  evenhand build --out public --base-url https://example.github.io/disclosure-log/`,
    )
    .action(lazy(() => import('../commands/build.js'), 'runBuild'));
}
