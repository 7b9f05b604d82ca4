import type { Env } from '../env.js';
import { ukDateTime } from '../domain/uk-time.js';
import { checkWitness, parseWitness } from '../domain/anchors.js';
import { timelineLine } from '../domain/audit.js';
import { packedAuditCacheFromPieces, packedAuditCachePieces } from '../domain/audit-cache-pack.js';
import { EXIT, UserError } from '../domain/errors.js';
import { countBySeverity, formatFinding, sortFindings } from '../domain/findings.js';
import { readCold, readResumed } from '../store/audit-input.js';
import { openCache } from '../store/cache-store.js';
import { anchorFacts, ensureFullHistory, headCommit } from '../store/history.js';
import { readPublishedLog } from '../store/published.js';
import { registerPrefix } from '../terminal/output.js';
import { caseIdArg } from './common.js';

interface AuditOptions {
  since?: string;
  requireSigned?: boolean;
  published?: string[];
  json?: boolean;
  /** false with --no-cache: a cold audit, which writes a fresh cache. */
  cache?: boolean;
}

/** A commit date as UK local time, YYYY-MM-DD HH:MM: registers are kept on UK time (domain/uk-time.ts, not Intl: a formatter call per row cost a tenth of a cold audit). */
function ukCommitTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const { date, time } = ukDateTime(d);
  return `${date} ${time}`;
}

/** Output written a megabyte at a time. */
function chunkedWriter(env: Env): { write(text: string): void; end(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length) env.stdout.write(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= 1 << 20) flush();
    },
    end: flush,
  };
}

export async function runAudit(env: Env, opts: AuditOptions, rawCase?: string): Promise<number> {
  const caseId = rawCase === undefined ? undefined : caseIdArg(rawCase);
  // Published logs first: a source that cannot be read fails before the history is read.
  const witnesses = await Promise.all((opts.published ?? []).map(async (src) => {
    const { source, text } = await readPublishedLog(src, env.cwd);
    return parseWitness(text, source);
  }));
  // Never a partial trail: deepen a shallow clone or refuse (issue 5).
  const { deepened } = await ensureFullHistory(env.registerDir);
  if (deepened) env.stderr.write('evenhand: this clone was shallow; fetched the full history (git fetch --unshallow)\n');
  // The audit resumes from the last commit it verified when its cache still stands, else reads
  // everything (docs/decisions/0027-incremental-audit.md); either way the findings are the same.
  const tip = await headCommit(env.registerDir);
  const cache = opts.since ? undefined : await openCache<never>(env.registerDir, 'audit');
  // --no-cache: read everything, as check and build do with it, and leave a fresh cache behind.
  const useCache = opts.cache !== false;
  const read = { since: opts.since, requireSigned: opts.requireSigned, cache: true };
  const input =
    (useCache && cache && tip ? await readResumed(env.registerDir, tip, packedAuditCacheFromPieces(cache.readPieces()), read) : undefined) ?? (await readCold(env.registerDir, tip, read));
  const result = input.auditor.finish({ caseId, complete: !opts.since, uncommitted: input.uncommitted });
  // Written in pieces: serialized whole it was a second copy of the cache at once (ADR 0041).
  if (cache && input.cache) cache.writePieces(packedAuditCachePieces(input.cache));
  // Let the packed cache go before the timeline is written (at 100,000 cases, tens of MB).
  input.cache = undefined;
  const disk = { entries: input.onDisk, caseIds: input.caseIds };

  // Each published log anchors the history: the commit it was built from must still be in it, and
  // nothing it held changed since (docs/decisions/0012-history-anchors.md).
  const anchored = [];
  for (const w of witnesses) {
    const facts = await anchorFacts(env.registerDir, w.commit);
    const found = checkWitness(w, facts, { addedBy: result.addedBy, onDisk: disk.entries, caseIds: disk.caseIds });
    result.problems.push(...found.filter((p) => !caseId || p.cases.includes(caseId)));
    anchored.push({ source: w.source, commit: w.commit, entries: w.entries, in_history: facts.inHistory });
  }
  if (caseId && result.entryCount === 0 && result.problems.length === 0 && !disk.caseIds.has(caseId))
    throw new UserError(`no case ${caseId} in this register or its history`, EXIT.findings, 'see `evenhand list` for case ids');
  sortFindings(result.problems);
  // Findings about the history as a whole (no file) after those about one entry.
  const problems = [...result.problems.filter((p) => p.file), ...result.problems.filter((p) => !p.file)];
  const { errors, warnings } = countBySeverity(problems);

  // The timeline is written as it is built, in pieces: at 100,000 cases it is 300,000 entries.
  const out = chunkedWriter(env);
  if (env.json) {
    const ENTRIES = '\u0000entries\u0000';
    const rest = JSON.stringify(
      {
        entries: ENTRIES,
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
    );
    // Byte for byte what JSON.stringify(…, null, 2) of the whole would print.
    const [head, tail] = rest.split(JSON.stringify(ENTRIES));
    out.write(head);
    if (result.entryCount === 0) out.write('[]');
    else {
      let first = true;
      for (const e of result.timeline()) {
        out.write(`${first ? '[\n' : ',\n'}    ${JSON.stringify(e, null, 2).replace(/\n/g, '\n    ')}`);
        first = false;
      }
      out.write('\n  ]');
    }
    out.write(`${tail}\n`);
    out.end();
    return errors > 0 ? 1 : 0;
  }

  for (const e of result.timeline()) out.write(`${timelineLine(e, ukCommitTime(e.commit_date))}\n`);
  if (result.entryCount === 0) out.write(`${caseId ? `no entries for case ${caseId}${opts.since ? ` since ${opts.since}` : ''}` : `no entries${opts.since ? ` since ${opts.since}` : ''}`}\n`);
  const prefix = registerPrefix(env);
  if (problems.length) out.write('\n');
  for (const p of problems) out.write(`${formatFinding(p, prefix)}\n`);
  out.write('\n');
  const n = result.entryCount;
  const scope =
    `${n} entr${n === 1 ? 'y' : 'ies'}${caseId ? ` in case ${caseId}` : ''}, ${result.commits} commit${result.commits === 1 ? '' : 's'} read${opts.since ? ` since ${opts.since}` : ''}` +
    (anchored.length ? `, ${anchored.length} published log${anchored.length === 1 ? '' : 's'} checked` : '');
  if (errors === 0)
    out.write(`${scope}: no sign of tampering${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}${opts.requireSigned ? '; every entry commit has a good signature' : ''}\n`);
  else out.write(`${scope}: ${errors} problem${errors === 1 ? '' : 's'} in the history${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}\n`);
  out.end();
  return errors > 0 ? 1 : 0;
}
