// Published builds as anchors of the history (issue 10, the way transparency logs are kept honest):
// every disclosure-log.json names the commit and entry count it was built from, and copies of it
// live where a rewriter of the repository does not reach (the live site, the Pages history, an
// archive). A history that no longer holds that commit, or in which an entry that commit held has
// changed or a new one claims to predate it, was rewritten after publication. Pure: the store
// answers the questions about git (src/store/history.ts anchorFacts).
// Design: docs/decisions/0012-history-anchors.md.
import { UserError, EXIT } from './errors.js';
import { MAX_CLOCK_SKEW_MS, classifyPath, type AuditProblem, type EntryOnDisk, type FileChange, type HistoryCommit } from './audit.js';

/** What a published log says about what it was built from. */
export interface Witness {
  source: string;
  commit: string;
  entries: number;
  /** The cases it published. */
  references: string[];
}

/** What git says about a witness's commit in this repository. */
export interface AnchorFacts {
  /** The commit object is in this repository at all. */
  exists: boolean;
  /** It is HEAD or an ancestor of HEAD. */
  inHistory: boolean;
  /** Its commit date (when it is in the history). */
  date?: string;
  /** Entry and attachment files (register-relative) in its tree. */
  files?: string[];
  /** What changed in the register folder from it to HEAD. */
  changes?: FileChange[];
  /** Commits touching the register reachable from it whose change HEAD does not hold: "<short> <subject>", oldest first. */
  lost?: string[];
}

/** Read a published disclosure-log.json: refuse anything that is not one, or one with no commit to check. */
export function parseWitness(text: string, source: string): Witness {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UserError(`--published ${source}: not JSON`, EXIT.findings, 'give the disclosure-log.json written by `evenhand build` (or the folder holding it)');
  }
  const d = doc as { format?: unknown; built_from?: { commit?: unknown; entries?: unknown }; cases?: unknown };
  if (typeof d?.format !== 'string' || !d.format.startsWith('evenhand-disclosure-log/') || !Array.isArray(d.cases))
    throw new UserError(`--published ${source}: not an evenhand disclosure log (no "format": "evenhand-disclosure-log/…")`, EXIT.findings, 'give the disclosure-log.json written by `evenhand build`');
  const commit = d.built_from?.commit;
  const entries = d.built_from?.entries;
  if (typeof commit !== 'string' || !/^[0-9a-f]{40,64}$/.test(commit) || typeof entries !== 'number' || !Number.isInteger(entries) || entries < 0)
    throw new UserError(
      `--published ${source}: it names no commit it was built from (no "built_from"), so it cannot anchor the history`,
      EXIT.findings,
      'logs built by an evenhand older than 0012-history-anchors carry no commit; audit against a build made since',
    );
  const references = d.cases.map((c) => (c as { reference?: unknown })?.reference).filter((r): r is string => typeof r === 'string');
  return { source, commit, entries, references };
}

const short = (sha: string) => sha.slice(0, 7);

/**
 * The problems a witness shows in the history. `addedBy` maps each entry file to the commit that
 * added it (from the audit's one pass); `onDisk` what each entry says; `caseIds` the cases now.
 */
export function checkWitness(
  w: Witness,
  facts: AnchorFacts,
  ctx: { addedBy: Map<string, Pick<HistoryCommit, 'sha' | 'commitDate'>>; onDisk: Map<string, EntryOnDisk>; caseIds: Set<string> },
): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const built = `${w.source} (built from ${short(w.commit)}, ${w.entries} entries)`;
  const gone = w.references.filter((r) => !ctx.caseIds.has(r));

  if (!facts.inHistory) {
    const lost = facts.lost ?? [];
    const shown = lost.slice(0, 10).join('; ') + (lost.length > 10 ? `; and ${lost.length - 10} more` : '');
    problems.push({
      code: 'published-rewritten',
      severity: 'error',
      cases: [...w.references],
      commit: w.commit,
      message:
        `${built} was published from a commit that ${facts.exists ? 'is no longer in the history of HEAD' : 'this repository does not hold'}: the history was rewritten after it was published` +
        (lost.length ? `. Commits it held whose changes HEAD does not hold: ${shown}` : '') +
        (gone.length ? `. Cases it published that are gone: ${gone.join(', ')}` : ''),
      hint: facts.exists
        ? `compare with \`git log --oneline --left-right ${short(w.commit)}...HEAD\`; the register is append-only, so restore what was dropped and find out who rewrote it`
        : 'the commit may be in another clone, or the reflog of the shared repository: find the history that holds it, and who rewrote this one',
    });
    for (const r of gone)
      problems.push({
        code: 'published-case-missing',
        severity: 'error',
        case: r,
        cases: [r],
        commit: w.commit,
        message: `case ${r} was published in ${w.source} and is no longer in the register`,
        hint: 'entries are never removed: restore the case from a clone or backup that has it',
      });
    return problems;
  }

  const files = facts.files ?? [];
  const entryFiles = files.filter((f) => classifyPath(f).type === 'entry');
  const casesThen = new Set(entryFiles.flatMap((f) => { const c = classifyPath(f); return c.type === 'entry' && c.name === 'request.yaml' ? [c.case] : []; }));
  const notThen = w.references.filter((r) => !casesThen.has(r));
  if (entryFiles.length !== w.entries || notThen.length > 0)
    problems.push({
      code: 'published-mismatch',
      severity: 'error',
      cases: notThen,
      commit: w.commit,
      message:
        `${built} does not match that commit, which holds ${entryFiles.length} entries` +
        (notThen.length ? ` and not the published case${notThen.length === 1 ? '' : 's'} ${notThen.join(', ')}` : '') +
        ': it was built from files never committed as they were, or the log itself was altered',
      hint: 'a log is built from what git holds; build again from a clean checkout, and keep the copy that was published for the record',
    });

  const published = new Set(w.references);
  const anchorAt = Date.parse(facts.date ?? '');
  for (const ch of facts.changes ?? []) {
    const cls = classifyPath(ch.path);
    if (cls.type !== 'entry' && cls.type !== 'attachment') continue;
    const st = ch.status[0];
    if (st !== 'A') {
      problems.push({
        code: 'published-changed',
        severity: 'error',
        file: ch.path,
        case: cls.case,
        cases: [cls.case],
        commit: w.commit,
        message: `${st === 'D' ? 'removed' : 'changed'} since ${built}, which held it${published.has(cls.case) ? ' and published its case' : ''}: not through \`evenhand correct\``,
        hint: `entries are never edited or removed; \`git diff ${short(w.commit)} HEAD -- ${ch.path}\` shows what changed, \`git log ${short(w.commit)}..HEAD -- ${ch.path}\` by which commit`,
      });
      continue;
    }
    if (cls.type !== 'entry' || !Number.isFinite(anchorAt)) continue;
    const c = ctx.addedBy.get(ch.path);
    const disk = ctx.onDisk.get(ch.path);
    const committed = c ? Date.parse(c.commitDate) : NaN;
    const recorded = disk ? Date.parse(disk.recorded_at) : NaN;
    if (committed < anchorAt - MAX_CLOCK_SKEW_MS)
      problems.push({
        code: 'published-backdated',
        severity: 'error',
        file: ch.path,
        case: cls.case,
        cases: [cls.case],
        commit: c!.sha,
        message: `added after ${built}, yet its commit ${short(c!.sha)} is dated ${c!.commitDate}, before that build's commit (${facts.date}): it was inserted into the past`,
        hint: 'evenhand commits with the time of writing, so this commit was dated by hand or the history was rewritten around it',
      });
    else if (recorded < anchorAt - MAX_CLOCK_SKEW_MS && published.has(cls.case))
      problems.push({
        code: 'published-late-entry',
        severity: 'warning',
        file: ch.path,
        case: cls.case,
        cases: [cls.case],
        ...(c ? { commit: c.sha } : {}),
        message: `recorded_at ${disk!.recorded_at} is before ${built}, which published this case without it`,
        hint: 'an entry recorded in another office and synced after the build looks like this, and so does a backdated one: ask who recorded it',
      });
  }
  return problems;
}
