// `evenhand build`: render the anonymised disclosure log (issue 4). The public view is the only
// thing the templates see (Norfolk 2.2 "not attributable"; Humberside 5.a.iv "anonymised then
// published"); a leak gate scans every file before the new site replaces the last good one, so
// CI can publish after every entry (Hampshire 3.4, 3.8: the website updated with the latest entry;
// Kent 5: the Disclosure Log).
import type { Env } from '../env.js';
import { relative, resolve } from 'node:path';
import { conflictFinding, registerConflicts } from '../domain/conflicts.js';
import { EXIT, UserError } from '../domain/errors.js';
import { buildPublicView, candidateIdentities, entryCount, usePublicCaseMemo } from '../domain/public-view.js';
import { leakLine, refusalLine } from '../render/leak-gate.js';
import { cacheStatsLine, pageReuse, scanOne, siteGateFor } from '../render/site-gate.js';
import { planSite } from '../render/site.js';
import { baseUrlFlag } from './base-url.js';
import { registerCommit } from '../store/history.js';
import { readValidRegister } from '../store/register-store.js';
import { loadTemplates, writeSiteAtomically } from '../store/site-files.js';
import { openPageCache } from '../store/page-cache.js';
import { openParseCache } from '../store/parse-cache.js';
import { openPublicCaseCache, publicCaseStatsLine } from '../store/public-case-cache.js';
import { workTreeChanges } from '../store/work-tree.js';
import { printJson } from '../terminal/output.js';

interface BuildOptions {
  out?: string;
  baseUrl?: string;
  /** false with --no-cache: a cold build, which writes fresh caches. */
  cache?: boolean;
}

/** How many leak lines to print before summing up the rest. */
const MAX_LEAK_LINES = 40;

export async function runBuild(env: Env, opts: BuildOptions): Promise<number> {
  const baseUrl = baseUrlFlag(opts.baseUrl);
  const out = resolve(env.cwd, opts.out ?? 'site');
  const shownOut = relative(env.cwd, out) || '.';

  // The log publishes what git holds (issue 10): an entry never committed, or edited since, is not
  // on the record. Refused rather than built from HEAD's content: the office sees at once what
  // is wrong and fixes it (docs/decisions/0010-write-safety.md).
  const changes = await workTreeChanges(env.registerDir);
  if (changes === null)
    env.stderr.write('warning: the register is not in a git repository, so nothing vouches for its files: building from them as they are\n');
  else if (changes.added.length + changes.modified.length > 0) {
    const list = (files: string[]) => files.slice(0, 10).join(', ') + (files.length > 10 ? ` and ${files.length - 10} more` : '');
    const parts = [
      ...(changes.modified.length ? [`changed since committed: ${list(changes.modified)}`] : []),
      ...(changes.added.length ? [`never committed: ${list(changes.added)}`] : []),
    ];
    throw new UserError(
      `the register's files differ from what git holds (${parts.join('; ')}); the disclosure log is built only from the committed record, so nothing was built and ${shownOut}/ is unchanged`,
      EXIT.findings,
      '`evenhand check` says what each one is: a complete entry left by an interrupted command is committed by `evenhand recover`; an edited entry is put back with `git restore <file>` and changed with `evenhand correct …`',
    );
  }

  // The register itself is not kept: once the public view is built it can be freed.
  const commitP = registerCommit(env.registerDir);
  // Caches in .git/evenhand/cache/ (docs/decisions/0025): --no-cache starts them empty.
  const fresh = opts.cache === false;
  const [parsed, pages] = await Promise.all([openParseCache(env.registerDir, { fresh }), openPageCache(env.registerDir, { fresh })]);
  const { identities, view } = await readValidRegister(env.registerDir, { cache: parsed }).then(async (register) => {
    // Two decisions or two responses standing on one case: publishing one would silently drop the
    // other (a response that was sent). Refused, naming each case, until a correction says which stands.
    const conflicts = registerConflicts(register);
    if (conflicts.length) {
      const cases = [...new Set(conflicts.map((c) => c.case))];
      throw new UserError(
        `${cases.length === 1 ? 'case' : 'cases'} ${cases.join(', ')} ${cases.length === 1 ? 'has' : 'have'} contradictory entries (two decisions or two responses standing); nothing was built and ${shownOut}/ is unchanged`,
        EXIT.findings,
        'withdraw the entry that does not stand with the `evenhand correct … --set withdrawn=true` command shown above, then build again',
        conflicts.map(conflictFinding),
      );
    }
    const identities = candidateIdentities(register);
    // Cases redacted before, from the same files under the same forms, are not again.
    const publicCases = await openPublicCaseCache(env.registerDir, register, parsed, { fresh });
    usePublicCaseMemo(register, publicCases);
    const built = buildPublicView(register).view;
    publicCases?.save();
    if (publicCases && process.env.EVENHAND_CACHE_STATS) env.stderr.write(`${publicCaseStatsLine(publicCases.stats)}\n`);
    return { identities, view: { ...built, built_from: { commit: await commitP, entries: entryCount(register) } } };
  });
  parsed?.save();
  const templates = await loadTemplates(env.registerDir, env.cwd);
  const files = planSite(view, templates, { baseUrl });
  // One precompiled scanner for the whole build, the same gate `check` runs (render/site-gate.ts).
  const gate = siteGateFor(view, identities);
  const reuse = pages && pageReuse(view, templates, identities, pages);
  let reusable: ReturnType<NonNullable<typeof reuse>['reusable']>;

  await writeSiteAtomically(
    out,
    files,
    {
      scan: (file) => scanOne(gate, file),
      // A piece of the open data as read back: not scanned again when the very same text was clean
      // before. Without a cache, `scan` scans it.
      ...(reuse ? { scanPiece: (piece: Parameters<typeof reuse.scanPiece>[1]) => reuse.scanPiece(gate, piece) } : {}),
      verify: () => {
        const { leaks, refused } = gate;
        if (leaks.length === 0 && refused.length === 0) return;
        // The form is printed here, to the terminal, and nowhere else: nothing leaky stays on disk.
        for (const r of refused) env.stderr.write(`${refusalLine(r, `${shownOut}/`)}\n`);
        for (const l of leaks.slice(0, MAX_LEAK_LINES)) env.stderr.write(`${leakLine(l, `${shownOut}/`)}\n`);
        if (leaks.length > MAX_LEAK_LINES) env.stderr.write(`… and ${leaks.length - MAX_LEAK_LINES} more\n`);
        const fileCount = new Set([...leaks, ...refused].map((l) => l.file)).size;
        const what = [
          ...(leaks.length ? [`${leaks.length} identity form${leaks.length === 1 ? '' : 's'} of candidates`] : []),
          ...(refused.length ? [`${refused.length} file${refused.length === 1 ? '' : 's'} it cannot read`] : []),
        ].join(' and ');
        throw new UserError(
          `leak gate: ${what} in ${fileCount} file${fileCount === 1 ? '' : 's'}; nothing was published and ${shownOut}/ is unchanged`,
          EXIT.findings,
          'run `evenhand check` for leaks in the register text (mark them private or write public wording via a correction entry); a leak written by a template means fixing the template',
        );
      },
    },
    { registerDir: env.registerDir, cwd: env.cwd },
    reuse && {
      previous: (f) => (reusable = reuse.reusable(f))?.hash,
      carried: (f) => reuse.reused(f, reusable!),
      written: (f, reads, back, scan) => reuse.scanned(f, reads, back, scan),
    },
  );
  pages?.save();
  if (reuse && process.env.EVENHAND_CACHE_STATS) env.stderr.write(`${cacheStatsLine(reuse.stats)}\n`);

  const summary = {
    out: shownOut,
    files: files.length,
    published: view.counts.published,
    answered: view.counts.answered,
    awaiting: view.counts.awaiting,
    withheld: view.counts.withheld,
    awaiting_review: view.counts.awaiting_review,
    last_updated: view.last_updated,
  };
  if (env.json) printJson(env, summary);
  else
    env.stdout.write(
      `built ${shownOut}/: ${summary.files} files; ${summary.published} request${summary.published === 1 ? '' : 's'} published (${summary.answered} answered, ${summary.awaiting} awaiting a response), ${summary.withheld} withheld${summary.awaiting_review ? `, ${summary.awaiting_review} awaiting review (not published until approved: \`evenhand review\`)` : ''}; last updated ${summary.last_updated ?? 'never'}\n`,
    );
  return 0;
}
