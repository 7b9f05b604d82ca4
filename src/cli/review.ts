// The `review` command's definition: its options and help. What it does is in src/commands/review.ts,
// loaded only when the command runs (docs/decisions/0020-lazy-commands-static-imports.md).
import { type Command } from 'commander';
import { lazy } from './lazy.js';

export function registerReview(program: Command): void {
  program
    .command('review')
    .description('read, in a terminal, each case whose public wording is not yet approved, and approve, edit or mark words private')
    .argument('[cases...]', 'only these cases (default: every case awaiting review)')
    .option('--all', 'walk every published case, approved ones included')
    .addHelpText(
      'after',
      `
Each case is shown as the disclosure log will publish it, redactions in [brackets], with flags on what
automatic redaction cannot judge: greetings and sign-offs, a given name it does not know, a word beside
a redaction, a gendered title before one ("Dear Ms [candidate]"), he/she, the incumbent's office while
the incumbent stands, long digit runs, and names of other people (FOI s.40). Then:
  approve   record an approval of exactly this text (any later change to it voids the approval)
  edit      rewrite the public wording (public_summary, subject or public_text) as a correction entry
  private   mark words never to publish (the request's private list) as a correction entry
  skip      leave it unpublished for now

Without a terminal, use \`evenhand approve <case>…\` or \`evenhand approve --all\`.`,
    )
    .action(lazy(() => import('../commands/review.js'), 'runReview'));
}
