// The audit (issue 5): from the git history, the timeline of every entry and the proof that the
// record was only ever appended to. Pure: the store streams `git log` and reads the entry files;
// this only compares them, one commit at a time (HistoryAuditor), carrying only what later commits'
// checks need, so an audit can resume from a cached state (docs/decisions/0027-incremental-audit.md).
// What counts as tampering, and why: docs/decisions/0005-audit-and-sync.md.
//
// One register for the OPCC, the force and partners (Humberside 11.b): many people and machines
// write to it, so the history must show who added what, when, and that nothing was changed after.
import type { Finding } from './findings.js';
import { MONTH_FOLDER } from './register-model.js';
import { entrySubject, type SubjectFields } from './entry-subject.js';

/** An entry's recorded_at and its commit's author date are set from the same instant by evenhand; more than this apart means it was written by hand. */
export const MAX_RECORDING_SKEW_MS = 60 * 60 * 1000;

/**
 * How far out of order two instants from the system clock may be before the audit calls it
 * backdating: writers waiting for the lock take their instant before it, and offices' clocks differ
 * by seconds (docs/decisions/0012-history-anchors.md).
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The Evenhand-Clock trailer of a commit: `system`, `fixed` (EVENHAND_NOW), or none (made before evenhand wrote it, or by hand). */
export type CommitClock = 'system' | 'fixed' | 'none' | 'invalid';

export function commitClock(trailers: Map<string, string>): CommitClock {
  const v = trailers.get('Evenhand-Clock');
  if (v === undefined) return 'none';
  if (v === 'system') return 'system';
  return /^fixed \S+$/.test(v) && Number.isFinite(Date.parse(v.slice(6))) ? 'fixed' : 'invalid';
}

export interface FileChange {
  /** git's name-status letter(s): A, M, D, T; a merge's combined status has one letter per parent. */
  status: string;
  /** Relative to the register folder. */
  path: string;
}

export interface HistoryCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorDate: string;
  commitDate: string;
  /** %G?: G good, B bad, U good but unknown validity, X/Y expired, R revoked, E cannot check, N none. Absent when not asked for. */
  signature?: string;
  subject: string;
  body: string;
  changes: FileChange[];
}

/** What an entry file on disk says about itself. */
export interface EntryOnDisk {
  file: string;
  case: string;
  kind: string;
  id: string;
  recorded_by: string;
  recorded_at: string;
  corrects?: string;
  reason?: string;
  set?: Record<string, unknown>;
  /** What its commit subject is made from; absent when the file lacks one of them. */
  subject_fields?: SubjectFields;
}

export interface TimelineEntry {
  file: string;
  case: string;
  kind: string;
  id: string;
  commit: string;
  short: string;
  subject: string;
  author: string;
  author_email: string;
  author_date: string;
  commit_date: string;
  recorded_by: string | null;
  recorded_at: string | null;
  signature?: string;
  /** For a correction: the entry it corrects, why, and the fields it sets. */
  corrects?: string;
  reason?: string;
  set?: Record<string, unknown>;
  attachments?: string[];
}

export interface AuditProblem extends Finding {
  commit?: string;
  /** Every case the problem touches, to filter by case. */
  cases: string[];
}

export interface AuditOptions {
  /** Only this case's timeline and problems. */
  caseId?: string;
  requireSigned?: boolean;
  /** The history read is the whole history (no --since), so an entry on disk missing from it is worth a warning. */
  complete?: boolean;
  /** Entry files changed on disk but not committed. */
  uncommitted?: string[];
  /** Entry files on disk that are not valid entries (their recorded_at cannot be trusted or read). */
  invalidFiles?: Set<string>;
}

/** What later checks need of a commit that added a file: its id (for messages) and date (published-backdated). */
export type CommitRef = Pick<HistoryCommit, 'sha' | 'commitDate'>;

/** What the timeline keeps of an entry commit: one object per commit, shared by its entries and `added`. */
export type CommitInfo = Pick<HistoryCommit, 'sha' | 'subject' | 'authorName' | 'authorEmail' | 'authorDate' | 'commitDate' | 'signature'>;

/**
 * An entry in the timeline as kept while auditing: the file and its commit. The rest of a
 * TimelineEntry (kind, id, who recorded it and when, a correction's fields) is what the file says,
 * looked up when it is shown: the same file the checks read, so the same values, and at 100,000
 * cases a third of the memory.
 */
export interface TimelineRow {
  file: string;
  commit: CommitInfo;
  attachments?: string[];
}

export interface AuditResult {
  /** The timeline, in history order (built on demand: `timeline()` yields it one entry at a time). */
  readonly entries: TimelineEntry[];
  timeline(): Iterable<TimelineEntry>;
  /** How many entries the timeline holds. */
  entryCount: number;
  problems: AuditProblem[];
  /** Commits that changed something in the register. */
  commits: number;
  /** Each entry or attachment file in the history, with the commit that added it. */
  addedBy: Map<string, CommitRef>;
}

/** A commit named in a warning about several commits (fixed-clock, clock-unrecorded). */
interface ClockNote {
  sha: string;
  subject: string;
  cases: string[];
}

/**
 * Everything the checks of later commits need from the commits already read, and the timeline and
 * findings those commits gave. Plain data (Maps, Sets, arrays), so it can be v8-serialized into a
 * cache and an audit resumed after its last commit gives what reading the whole history would.
 */
export interface AuditState {
  /** Entry and attachment files currently in the history, with the commit that added them. */
  added: Map<string, CommitRef>;
  /** Files removed, with the commit that removed them, so a later add can say "added again". */
  removed: Map<string, string>;
  /** Per commit: its system-clock commit date (else NaN), and the latest entry among it and its ancestors. */
  seen: Map<string, { date: number; latest?: Latest }>;
  /** Commits written under EVENHAND_NOW, and entry commits with no clock recorded (before evenhand wrote one). */
  fixedClock: ClockNote[];
  unrecordedClock: ClockNote[];
  /** Once a commit carries an Evenhand-Clock trailer, every later entry commit must. */
  clockRecorded: boolean;
  /** Commits that changed something in the register. */
  changing: number;
  /**
   * The timeline and the findings of the commits read, in history order. The entry files of the
   * timeline are exactly those whose on-disk form (EntryOnDisk, or being invalid) a check read: a
   * resume is sound only while they still say the same (consultedFiles).
   */
  entries: TimelineRow[];
  problems: AuditProblem[];
}

/** The entry files a state's checks read on disk. */
export function consultedFiles(state: AuditState): Set<string> {
  return new Set(state.entries.map((r) => r.file));
}

export function emptyAuditState(): AuditState {
  return {
    added: new Map(),
    removed: new Map(),
    seen: new Map(),
    fixedClock: [],
    unrecordedClock: [],
    clockRecorded: false,
    changing: 0,
    entries: [],
    problems: [],
  };
}

/** The latest recorded_at (system clock) among a commit and its ancestors, and which entry holds it. */
interface Latest {
  at: number;
  recordedAt: string;
  file: string;
  sha: string;
}

type PathClass =
  | { type: 'entry'; case: string; id: string; name: string }
  | { type: 'attachment'; case: string }
  | { type: 'case-other'; case: string }
  | { type: 'roster' }
  | { type: 'config' }
  | { type: 'other' };

/** Where a path sits in the register layout (docs/decisions/0001-register-layout-and-ids.md). */
export function classifyPath(path: string): PathClass {
  const all = path.split('/');
  // cases/<YYYY-MM>/<case>/… and, in registers written before months, cases/<case>/…
  const parts = all[0] === 'cases' && all.length >= 3 && MONTH_FOLDER.test(all[1]) ? ['cases', ...all.slice(2)] : all;
  if (parts[0] === 'cases' && parts.length >= 2) {
    const caseId = parts[1];
    if (parts.length === 3 && parts[2].endsWith('.yaml') && !parts[2].startsWith('.')) {
      const name = parts[2];
      return { type: 'entry', case: caseId, name, id: name === 'request.yaml' ? caseId : name.slice(0, -'.yaml'.length) };
    }
    if (parts.length >= 4 && parts[2] === 'attachments') return { type: 'attachment', case: caseId };
    return { type: 'case-other', case: caseId };
  }
  if (parts[0] === 'candidates') return { type: 'roster' };
  if (path === 'register.yaml' || path === '.gitignore' || parts[0] === 'schemas') return { type: 'config' };
  return { type: 'other' };
}

/** Does a commit subject read "<command> <case>: <something>"? (Not a RegExp per commit: compiling one for each of 30,000 commits was a fifth of a cold audit.) */
export function subjectNamesCase(subject: string, caseId: string): boolean {
  const verb = /^[a-z]+ /.exec(subject);
  if (!verb) return false;
  const prefix = `${caseId}: `;
  const next = subject.charAt(verb[0].length + prefix.length);
  return subject.startsWith(prefix, verb[0].length) && next !== '' && !/\s/.test(next);
}

/** The kind an entry file holds, from its name when the file itself cannot be read. */
function kindFromName(name: string): string {
  return name === 'request.yaml' ? 'request' : name.split('-')[0];
}

/** The last value of each `Key: value` trailer line in a commit body. */
export function parseTrailers(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of body.split('\n')) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*?)\s*$/.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

const SIGNATURE_STATUS: Record<string, string> = {
  G: 'good',
  B: 'bad',
  U: 'good but of unknown validity',
  X: 'good but expired',
  Y: 'made by an expired key',
  R: 'made by a revoked key',
  E: 'not checkable (missing key)',
  N: 'missing (unsigned commit)',
};

function short(sha: string): string {
  return sha.slice(0, 7);
}

function describeCommit(c: HistoryCommit): string {
  return `commit ${short(c.sha)} (${c.authorName}, ${c.commitDate}: "${c.subject}")`;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

const HINT_IMMUTABLE =
  'entry files are never edited or removed once committed; a mistake is fixed with `evenhand correct`. ' +
  'Find who did this with `git show <commit>`; the history keeps the original';

/**
 * Audit the history. `commits` must be oldest first with parents before children
 * (`git log --reverse --topo-order`). Linear in the number of file changes.
 */
export function auditHistory(commits: Iterable<HistoryCommit>, onDisk: Map<string, EntryOnDisk>, opts: AuditOptions = {}): AuditResult {
  const auditor = new HistoryAuditor(onDisk, opts);
  for (const c of commits) auditor.push(c);
  return auditor.finish(opts);
}

/**
 * The audit one commit at a time, oldest first with parents before children. `state` resumes an
 * audit of a prefix of the history: pushing the rest then gives what auditing all of it would, as
 * long as the entry files in consultedFiles(state) still read as they did (the caller's to prove).
 */
export class HistoryAuditor {
  readonly state: AuditState;

  constructor(
    private readonly onDisk: Map<string, EntryOnDisk>,
    private readonly opts: Pick<AuditOptions, 'requireSigned' | 'invalidFiles'> = {},
    state?: AuditState,
  ) {
    this.state = state ?? emptyAuditState();
  }

  private problem(p: Omit<AuditProblem, 'severity'> & { severity?: AuditProblem['severity'] }): void {
    this.state.problems.push({ severity: 'error', ...p });
  }

  /** What the entry file at `path` says now (every path asked about gets a timeline row: consultedFiles). */
  private disk(path: string): EntryOnDisk | undefined {
    return this.onDisk.get(path);
  }

  push(c: HistoryCommit): void {
    const { added, removed, seen, fixedClock, unrecordedClock, entries } = this.state;
    const opts = this.opts;
    const problem = (p: Parameters<HistoryAuditor['problem']>[0]) => this.problem(p);
    // What this commit's ancestors recorded last (merges: the latest of either side).
    let latest: Latest | undefined;
    for (const p of c.parents) {
      const l = seen.get(p)?.latest;
      if (l && (!latest || l.at > latest.at)) latest = l;
    }
    const trailers = parseTrailers(c.body);
    const clock = commitClock(trailers);
    const ratchet = this.state.clockRecorded;
    if (clock !== 'none') this.state.clockRecorded = true;
    const mine = { date: clock === 'system' ? Date.parse(c.commitDate) : NaN, latest };
    seen.set(c.sha, mine);
    // Commits that changed nothing in the register (code, when it lives in a larger repository)
    // only carry the ancestry above.
    if (c.changes.length === 0) return;
    this.state.changing++;
    const ref: CommitInfo = {
      sha: c.sha,
      subject: c.subject,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      authorDate: c.authorDate,
      // Usually the same instant: one string.
      commitDate: c.commitDate === c.authorDate ? c.authorDate : c.commitDate,
      ...(c.signature !== undefined ? { signature: c.signature } : {}),
    };
    if (clock === 'fixed') fixedClock.push({ sha: c.sha, subject: c.subject, cases: [...new Set(c.changes.map((ch) => classifyPath(ch.path)).flatMap((x) => ('case' in x ? [x.case] : [])))] });

    if (c.parents.length > 1) {
      // A merge normally changes nothing itself; with --diff-merges=dense-combined git lists only
      // the files the merge made different from every parent.
      for (const ch of c.changes) {
        const cls = classifyPath(ch.path);
        if (cls.type === 'entry' || cls.type === 'attachment' || cls.type === 'case-other')
          problem({
            code: 'tamper-merge',
            file: ch.path,
            case: cls.case,
            cases: [cls.case],
            commit: c.sha,
            message: `changed by the merge ${describeCommit(c)} itself, not by an entry commit`,
            hint: `${HINT_IMMUTABLE}; share entries with \`evenhand sync\`, which rebases instead of merging`,
          });
      }
      return;
    }

    const addedEntries: { path: string; cls: Extract<PathClass, { type: 'entry' }> }[] = [];
    const addedAttachments: { path: string; case: string }[] = [];
    const others: FileChange[] = [];
    for (const ch of c.changes) {
      const cls = classifyPath(ch.path);
      const immutable = cls.type === 'entry' || cls.type === 'attachment';
      const st = ch.status[0];
      if (immutable && st === 'A') {
        // The state keeps the path the disk listing read, when there is one: one string per file, not two.
        const path = (cls.type === 'entry' && this.disk(ch.path)?.file) || ch.path;
        const before = removed.get(path);
        if (before)
          problem({
            code: 'tamper-readded',
            file: path,
            case: cls.case,
            cases: [cls.case],
            commit: c.sha,
            message: `added again by ${describeCommit(c)} after ${short(before)} removed it`,
            hint: HINT_IMMUTABLE,
          });
        removed.delete(path);
        added.set(path, ref);
        if (cls.type === 'entry') addedEntries.push({ path, cls });
        else addedAttachments.push({ path, case: cls.case });
        continue;
      }
      if (immutable) {
        const origin = added.get(ch.path);
        const since = origin ? ` after ${short(origin.sha)} recorded it` : '';
        if (st === 'D') {
          added.delete(ch.path);
          removed.set(ch.path, c.sha);
          problem({
            code: 'tamper-deleted',
            file: ch.path,
            case: cls.case,
            cases: [cls.case],
            commit: c.sha,
            message: `deleted (or renamed) by ${describeCommit(c)}${since}`,
            hint: HINT_IMMUTABLE,
          });
        } else {
          problem({
            code: 'tamper-modified',
            file: ch.path,
            case: cls.case,
            cases: [cls.case],
            commit: c.sha,
            message: `modified by ${describeCommit(c)}${since}`,
            hint: HINT_IMMUTABLE,
          });
        }
      }
      others.push(ch);
    }

    if (addedEntries.length === 0) {
      // Attachments come with their response, in the same commit (docs/decisions/0001).
      for (const a of addedAttachments)
        problem({
          code: 'tamper-attachment',
          file: a.path,
          case: a.case,
          cases: [a.case],
          commit: c.sha,
          message: `attachment added by ${describeCommit(c)} without the response that records it`,
          hint: 'attachments are added by `evenhand respond --attachment`, in the same commit as the response and with their sha256 in it',
        });
      return;
    }

    const entryCases = [...new Set(addedEntries.map((e) => e.cls.case))];
    if (addedEntries.length > 1) {
      problem({
        code: 'tamper-multiple-entries',
        file: addedEntries[0].path,
        case: addedEntries[0].cls.case,
        cases: entryCases,
        commit: c.sha,
        message: `${describeCommit(c)} adds ${addedEntries.length} entries at once: ${addedEntries.map((e) => e.path).join(', ')}`,
        hint: 'evenhand commits each entry on its own, so each has its own author and date; these were added by hand',
      });
    }

    // Attachments are legitimate only beside a single response of their own case, or the request
    // they came with (kept from its email, issue 13).
    const single = addedEntries.length === 1 ? addedEntries[0] : undefined;
    const singleKind = single ? (this.disk(single.path)?.kind ?? kindFromName(single.cls.name)) : undefined;
    const mixed = [
      ...others.map((o) => o.path),
      ...addedAttachments.filter((a) => !(single && (singleKind === 'response' || singleKind === 'request') && a.case === single.cls.case)).map((a) => a.path),
    ];
    if (mixed.length > 0) {
      const shown = mixed.slice(0, 5).join(', ') + (mixed.length > 5 ? ` and ${mixed.length - 5} more` : '');
      problem({
        code: 'tamper-mixed-commit',
        file: addedEntries[0].path,
        case: addedEntries[0].cls.case,
        cases: [...new Set([...entryCases, ...mixed.map((p) => classifyPath(p)).flatMap((x) => ('case' in x ? [x.case] : []))])],
        commit: c.sha,
        message: `${describeCommit(c)} adds this entry and also changes ${shown}`,
        hint: 'an entry commit adds exactly one entry file (and a response its attachments); roster and settings changes are separate commits',
      });
    }

    if (clock === 'none' && !ratchet) unrecordedClock.push({ sha: c.sha, subject: c.subject, cases: entryCases });
    // The commit's own date against its parents' (system clocks only: a fixed or unrecorded clock says nothing).
    if (clock === 'system') {
      const date = Date.parse(c.commitDate);
      const parent = c.parents.map((p) => ({ p, d: seen.get(p)?.date ?? NaN })).filter((x) => Number.isFinite(x.d)).sort((a, b) => b.d - a.d)[0];
      const authored = Date.parse(c.authorDate);
      const why =
        parent && date < parent.d - MAX_CLOCK_SKEW_MS
          ? `is dated ${c.commitDate}, ${duration(parent.d - date)} before its parent ${short(parent.p)} (${new Date(parent.d).toISOString()})`
          : date < authored - MAX_CLOCK_SKEW_MS
            ? `is dated ${c.commitDate}, ${duration(authored - date)} before its own author date ${c.authorDate}`
            : undefined;
      if (why)
        problem({
          code: 'tamper-date-order',
          file: addedEntries[0].path,
          case: addedEntries[0].cls.case,
          cases: entryCases,
          commit: c.sha,
          message: `${describeCommit(c)} ${why}: a commit made by the system clock is never older than the one it follows`,
          hint: 'the commit was made or re-dated by hand (GIT_COMMITTER_DATE, a rewrite): see it with `git show --format=fuller <commit>`; published builds (`evenhand audit --published`) show what the history held before',
        });
    }

    for (const { path, cls } of addedEntries) {
      const disk = this.disk(path);
      const kind = disk?.kind ?? kindFromName(cls.name);

      // evenhand's commit format (src/commands/common.ts writeAndCommit): subject "<verb> <case>: …",
      // trailers naming the case, the entry and who recorded it.
      const wrong: string[] = [];
      if (!subjectNamesCase(c.subject, cls.case)) wrong.push(`its subject is not "<command> ${cls.case}: …"`);
      const tCase = trailers.get('Evenhand-Case');
      if (tCase !== cls.case) wrong.push(tCase === undefined ? 'it has no Evenhand-Case trailer' : `its Evenhand-Case trailer says ${tCase}`);
      const tEntry = trailers.get('Evenhand-Entry');
      if (tEntry !== `${kind} ${cls.id}`) wrong.push(tEntry === undefined ? 'it has no Evenhand-Entry trailer' : `its Evenhand-Entry trailer says "${tEntry}", not "${kind} ${cls.id}"`);
      const tBy = trailers.get('Recorded-By');
      if (tBy === undefined) wrong.push('it has no Recorded-By trailer');
      else if (disk && normalise(tBy) !== normalise(disk.recorded_by)) wrong.push(`its Recorded-By trailer says "${tBy}" but the entry says "${disk.recorded_by}"`);
      if (clock === 'invalid') wrong.push(`its Evenhand-Clock trailer says "${trailers.get('Evenhand-Clock')}", not "system" or "fixed <instant>"`);
      else if (clock === 'none' && ratchet) wrong.push('it has no Evenhand-Clock trailer, which evenhand has written in every commit since this history first had one');
      if (wrong.length > 0)
        problem({
          code: 'tamper-format',
          file: path,
          case: cls.case,
          cases: [cls.case],
          commit: c.sha,
          message: `added by ${describeCommit(c)}, which is not an evenhand entry commit: ${wrong.join('; ')}`,
          hint: 'entries are recorded with evenhand commands (request, decide, respond, confirm, clarification, correct), never committed by hand',
        });

      // The subject is made from the entry (src/domain/entry-subject.ts): "refuse" over a file saying "provide" is a changed file or a forged commit.
      const expected = disk?.subject_fields && wrong.length === 0 ? entrySubject(cls.case, kind, disk.subject_fields) : undefined;
      // The register's label may follow the subject (" [PCC Election Candidate Request]", src/domain/label.ts).
      if (expected !== undefined && c.subject.replace(/ \[[^\]]*\]$/, '') !== expected)
        problem({
          code: 'tamper-subject',
          file: path,
          case: cls.case,
          cases: [cls.case],
          commit: c.sha,
          message: `the subject of ${describeCommit(c)} does not match the entry it adds, which makes it "${expected}"`,
          hint: 'evenhand makes the subject from the entry, so one of them was written or changed by hand (a rewrite that edited the file, or a forged commit): compare `git show <commit>` with the file',
        });

      if (!disk && opts.invalidFiles?.has(path))
        problem({
          code: 'unreadable-entry',
          severity: 'warning',
          file: path,
          case: cls.case,
          cases: [cls.case],
          commit: c.sha,
          message: 'not a valid entry, so who recorded it and when cannot be compared with its commit',
          hint: 'run `evenhand check` to see what is wrong with it',
        });
      if (disk) {
        // The author date: a rebase (evenhand sync, or plain git) keeps it and moves only the commit date.
        const skew = Date.parse(disk.recorded_at) - Date.parse(c.authorDate);
        if (Number.isFinite(skew) && Math.abs(skew) > MAX_RECORDING_SKEW_MS)
          problem({
            code: 'tamper-date',
            file: path,
            case: cls.case,
            cases: [cls.case],
            commit: c.sha,
            message: `recorded_at ${disk.recorded_at} is ${duration(Math.abs(skew))} ${skew < 0 ? 'before' : 'after'} the date of ${describeCommit(c)}`,
            hint: 'evenhand gives an entry and its commit the same instant, so the entry was written or dated by hand',
          });
        const at = Date.parse(disk.recorded_at);
        if (clock === 'system' && Number.isFinite(at)) {
          if (latest && at < latest.at - MAX_CLOCK_SKEW_MS) {
            // Committed before the later entry was even recorded, yet placed after it: only by hand.
            // Committed after it: an entry recorded in another clone and synced later, or one backdated.
            const moved = Date.parse(c.commitDate) >= latest.at - MAX_CLOCK_SKEW_MS;
            problem({
              code: moved ? 'late-entry' : 'tamper-backdated',
              severity: moved ? 'warning' : 'error',
              file: path,
              case: cls.case,
              cases: [cls.case],
              commit: c.sha,
              message:
                `recorded_at ${disk.recorded_at} is ${duration(latest.at - at)} before ${latest.file} (recorded ${latest.recordedAt}), which was committed before it (${short(latest.sha)})` +
                (moved ? `; this entry came into the history at ${c.commitDate}, after that` : ''),
              hint: moved
                ? 'an entry recorded in another office and brought in by `evenhand sync` looks like this, and so does a backdated one; a build published in between (`evenhand audit --published`) tells them apart'
                : `${describeCommit(c)} claims to come before an entry it follows: it was dated by hand or the history was rewritten`,
            });
          }
          if (!mine.latest || at > mine.latest.at) mine.latest = { at, recordedAt: disk.recorded_at, file: path, sha: c.sha };
        }
      }

      if (opts.requireSigned && c.signature !== 'G')
        problem({
          code: 'unsigned-commit',
          file: path,
          case: cls.case,
          cases: [cls.case],
          commit: c.sha,
          message: `added by ${describeCommit(c)}, whose signature is ${SIGNATURE_STATUS[c.signature ?? 'N'] ?? `status ${c.signature}`}`,
          hint: 'sign entry commits (git config commit.gpgsign true, with a key git can verify), or audit without --require-signed',
        });

      const attachments = single === undefined ? [] : addedAttachments.filter((a) => a.case === cls.case).map((a) => a.path);
      entries.push({ file: path, commit: ref, ...(attachments.length ? { attachments } : {}) });
    }
  }

  /** A timeline row as shown: the commit's facts and what the entry file says. */
  private entryOf(row: TimelineRow): TimelineEntry {
    const cls = classifyPath(row.file) as Extract<PathClass, { type: 'entry' }>;
    const c = row.commit;
    const disk = this.onDisk.get(row.file);
    return {
      file: row.file,
      case: cls.case,
      kind: disk?.kind ?? kindFromName(cls.name),
      id: cls.id,
      commit: c.sha,
      short: short(c.sha),
      subject: c.subject,
      author: c.authorName,
      author_email: c.authorEmail,
      author_date: c.authorDate,
      commit_date: c.commitDate,
      recorded_by: disk?.recorded_by ?? null,
      recorded_at: disk?.recorded_at ?? null,
      ...(c.signature !== undefined ? { signature: c.signature } : {}),
      ...(disk?.corrects !== undefined ? { corrects: disk.corrects, reason: disk.reason, set: disk.set } : {}),
      ...(row.attachments ? { attachments: row.attachments } : {}),
    };
  }

  private timelineOf(rows: TimelineRow[]): Pick<AuditResult, 'entries' | 'timeline' | 'entryCount'> {
    const entryOf = (r: TimelineRow) => this.entryOf(r);
    return {
      get entries() {
        return rows.map(entryOf);
      },
      *timeline() {
        for (const r of rows) yield entryOf(r);
      },
      entryCount: rows.length,
    };
  }

  /**
   * The findings of the whole history read, and those about the files now: on disk but never added
   * (with `complete`), changed but not committed. Leaves the state as it was, to be cached.
   */
  finish(opts: Pick<AuditOptions, 'caseId' | 'complete' | 'uncommitted'> = {}): AuditResult {
    const { added, fixedClock, unrecordedClock, entries } = this.state;
    const problems = [...this.state.problems];
    const problem = (p: Omit<AuditProblem, 'severity'> & { severity?: AuditProblem['severity'] }) => problems.push({ severity: 'error', ...p });
    if (opts.complete) {
      for (const [file, e] of this.onDisk) {
        if (added.has(file)) continue;
        problem({
          code: 'not-in-history',
          severity: 'warning',
          file,
          case: e.case,
          cases: [e.case],
          message: 'this entry is on disk but no commit added it: it is not part of the audit trail yet',
          hint: 'an interrupted write leaves such a file: `evenhand recover` commits it as its command would have (one commit per entry; not `git add` + `git commit`), or reports why it cannot',
        });
      }
    }
    for (const file of opts.uncommitted ?? []) {
      const cls = classifyPath(file);
      if ((cls.type !== 'entry' && cls.type !== 'attachment') || !added.has(file)) continue;
      problem({
        code: 'uncommitted-change',
        severity: 'warning',
        file,
        case: cls.case,
        cases: [cls.case],
        message: 'changed on disk since it was committed; the history holds the original',
        hint: `entry files are never edited: restore it with \`git checkout -- ${file}\` and use \`evenhand correct\``,
      });
    }

    const keep = (cases: string[]) => !opts.caseId || cases.includes(opts.caseId);
    /** One warning for a set of commits (in this case, with --case), naming the latest three. */
    const warnAbout = (list: ClockNote[], code: string, what: (n: number, were: string, named: string) => string, hint: string) => {
      const mine = list.filter((x) => keep(x.cases));
      if (mine.length === 0) return;
      // The latest first: where a backdated write would be.
      const named = mine.slice(-3).reverse().map((c) => `${short(c.sha)} "${c.subject}"`).join(', ') + (mine.length > 3 ? ` and ${mine.length - 3} earlier` : '');
      const n = mine.length;
      problem({ code, severity: 'warning', cases: [...new Set(mine.flatMap((x) => x.cases))], commit: mine[n - 1].sha, message: what(n, n === 1 ? ' was' : 's were', named), hint });
    };
    warnAbout(
      fixedClock,
      'fixed-clock',
      (n, were, named) => `${n} commit${were} written with the clock fixed by EVENHAND_NOW (${named}): their dates are what it was set to, not when they were made`,
      'EVENHAND_NOW is for tests and demonstrations; a real register is written with the system clock. List them with `git log --grep "^Evenhand-Clock: fixed"`',
    );
    warnAbout(
      unrecordedClock,
      'clock-unrecorded',
      (n, were, named) => `${n} entry commit${were} made before evenhand recorded its clock in each commit (${named}): their dates are not checked against each other`,
      'the order of dates is checked for commits with an Evenhand-Clock trailer; published builds (`evenhand audit --published`) anchor the rest',
    );
    // Not a spread: that would build every entry now (the getter); the command streams them.
    return Object.assign(this.timelineOf(opts.caseId === undefined ? entries : entries.filter((r) => keep([entryCase(r.file)]))), {
      problems: problems.filter((p) => keep(p.cases)),
      commits: this.state.changing,
      addedBy: added,
    });
  }
}

/** The case an entry file is in ('' for a path that is not an entry). */
function entryCase(file: string): string {
  const cls = classifyPath(file);
  return 'case' in cls ? cls.case : '';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One line per entry for people: date, commit, author, entry, who recorded it. */
export function timelineLine(e: TimelineEntry, when: string): string {
  const entry = e.kind === 'request' ? `${e.case} request` : `${e.case} ${e.id}`;
  let line = `${when}  ${e.short}  ${e.author}  ${entry}  recorded by ${e.recorded_by ?? '?'}`;
  if (e.corrects !== undefined)
    line += `\n    corrects ${e.corrects}: ${Object.keys(e.set ?? {}).join(', ') || 'nothing'}${e.reason ? ` (reason: ${e.reason})` : ''}`;
  if (e.attachments?.length) line += `\n    attachments: ${e.attachments.join(', ')}`;
  return line;
}
