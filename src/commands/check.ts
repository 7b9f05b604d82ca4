import type { Command } from 'commander';
import type { Env } from '../env.js';
import { checkRegister } from '../domain/checks.js';
import { countBySeverity, formatFinding, sortFindings, type Finding } from '../domain/findings.js';
import { candidateIdentities, publishedView, usePublicCaseMemo, type PublicView } from '../domain/public-view.js';
import type { CandidateIdentity } from '../domain/redaction.js';
import { siteFindings } from '../render/site-gate.js';
import { baseUrlFlag } from './base-url.js';
import { containmentFindings } from '../store/containment-check.js';
import { readRegister } from '../store/register-store.js';
import { loadTemplates } from '../store/site-files.js';
import { openPageCache, type PageCache } from '../store/page-cache.js';
import { openParseCache } from '../store/parse-cache.js';
import { openPublicCaseCache, publicCaseStatsLine } from '../store/public-case-cache.js';
import { workTreeChanges } from '../store/work-tree.js';
import { dateFlag } from '../terminal/ask.js';
import { paintFinding, painter, registerPrefix } from '../terminal/output.js';

interface CheckCommandOptions {
  asOf?: string;
  json?: boolean;
  baseUrl?: string;
  /** false with --no-cache: a cold check, which writes fresh caches. */
  cache?: boolean;
}

export async function runCheck(env: Env, opts: CheckCommandOptions): Promise<number> {
  const asOf = dateFlag(env, opts.asOf, '--as-of');

  // --as-of: the register as it stood at the end of that day (what was recorded by then), judged
  // on that day. Files not committed are reported whatever the day: they are at risk now, and
  // `evenhand recover` is the advice (issue 10).
  const past = opts.asOf !== undefined && asOf < dateFlag(env, undefined, '--as-of');
  // Caches in .git/evenhand/cache/ (docs/decisions/0025): --no-cache starts them empty.
  const fresh = opts.cache === false;
  const pages = await openPageCache(env.registerDir, { fresh });
  const judged = await judgeRegister(env, asOf, past, fresh);
  const { registerFindings, contained, cases } = judged;
  // A register that reaches outside itself is never rendered: `build` refuses it before rendering too.
  // The leak gate `build` runs, over the same rendering (issue 11): a clean check means the site builds.
  const siteFindings = judged.site ? await siteGateFindings(env, judged.site, registerFindings, opts.baseUrl, pages) : [];
  pages?.save();
  const findings = sortFindings([...registerFindings, ...contained, ...siteFindings]);
  const { errors, warnings } = countBySeverity(findings);
  if (env.json) {
    env.stdout.write(
      `${JSON.stringify(
        { as_of: asOf, findings: findings.map((f) => ({ code: f.code, severity: f.severity, case: f.case ?? null, file: f.file ?? null, line: f.line ?? null, path: f.path ?? null, message: f.message, hint: f.hint ?? null })), errors, warnings },
        null,
        2,
      )}\n`,
    );
  } else {
    const prefix = registerPrefix(env);
    const paint = await painter(env);
    let lastCase: string | undefined = '\0';
    for (const f of findings) {
      if (f.case !== lastCase) {
        env.stdout.write(`\n${paint.heading(f.case ? `case ${f.case}` : 'register')}\n`);
        lastCase = f.case;
      }
      env.stdout.write(`  ${paintFinding(f, formatFinding(f, prefix), paint)}\n`);
    }
    const errorText = `${errors} error${errors === 1 ? '' : 's'}`;
    const warningText = `${warnings} warning${warnings === 1 ? '' : 's'}`;
    env.stdout.write(
      `${findings.length ? '\n' : ''}${errors ? paint.severity('error', errorText) : errorText}, ${warnings ? paint.severity('warning', warningText) : warningText} in ${cases} case${cases === 1 ? '' : 's'} (as of ${asOf})\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

/**
 * Read the register and judge it, through the caches; with the view `build` would publish when the
 * register is sound enough for `build` to render it. Its own function so that the register itself
 * (every parsed entry) is not held while the site is rendered in memory.
 */
async function judgeRegister(env: Env, asOf: string, past: boolean, fresh: boolean) {
  const parsed = await openParseCache(env.registerDir, { fresh });
  const [register, changes] = await Promise.all([readRegister(env.registerDir, { ...(past ? { asOf } : {}), cache: parsed }), workTreeChanges(env.registerDir)]);
  parsed?.save();
  // Cases redacted and scanned before, from the same files under the same forms, are not again.
  const publicCases = await openPublicCaseCache(env.registerDir, register, parsed, { fresh });
  usePublicCaseMemo(register, publicCases);
  const uncommitted = changes && [...changes.added, ...changes.modified].sort();
  const extraRules = await (await import('../domain/extra-rules.js')).loadExtraRules();
  const registerFindings = checkRegister(register, { asOf, uncommitted, modified: changes?.modified, extraRules });
  const contained = await containmentFindings(env.registerDir, register);
  // `build` refuses a register with load errors, or one that reaches outside itself, before rendering; check reports those already.
  const renderable = register.config && !register.findings.some((f) => f.severity === 'error') && !contained.some((f) => f.severity === 'error');
  const site = renderable ? { identities: candidateIdentities(register), view: publishedView(register) } : undefined;
  publicCases?.save();
  if (publicCases && process.env.EVENHAND_CACHE_STATS) env.stderr.write(`${publicCaseStatsLine(publicCases.stats)}\n`);
  return { registerFindings, contained, site, cases: register.cases.size };
}

/** Render the site in memory and run the leak gate over it. */
async function siteGateFindings(env: Env, site: { identities: CandidateIdentity[]; view: PublicView }, reported: Finding[], baseUrlOption?: string, pages?: PageCache) {
  const baseUrl = baseUrlFlag(baseUrlOption);
  return siteFindings(site.view, await loadTemplates(env.registerDir, env.cwd), site.identities, reported, { baseUrl }, pages);
}
