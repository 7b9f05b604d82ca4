// Shared steps of the commands that write entries. Loaded only when a command runs.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import type { Env } from '../env.js';
import { ukDate } from '../env.js';
import { ukDateTime } from '../domain/uk-time.js';
import { UserError, EXIT, usageError } from '../domain/errors.js';
import type { Finding } from '../domain/findings.js';
import { applyCorrections } from '../domain/case-state.js';
import { normaliseTypedId } from '../domain/ids.js';
import { entryFile, type CaseRecord, type Loaded } from '../domain/register-model.js';
import { CaseId, type Candidate, type Entry, type RegisterConfig } from '../domain/schemas.js';
import { entryCommitTrailers } from '../domain/commit-subjects.js';
import { entryYaml } from '../domain/serialize.js';
import { subjectFor } from '../domain/entry-subject.js';
import { labelled } from '../domain/label.js';
import { findingsMessage } from '../domain/workflow.js';
import { appendEntry, recorderName } from '../store/entry-writer.js';
import { assertRegisterWritable } from '../store/repo-state.js';
import { readCandidates, readCaseFolder, requireConfig } from '../store/register-store.js';
import { printJson } from '../terminal/output.js';

export function today(env: Env): string {
  return ukDate(env.now());
}

/** Local UK date-time YYYY-MM-DDTHH:MM, to compare with a `received` that carries a time. */
export function nowLocal(env: Env): string {
  const { date, time } = ukDateTime(env.now());
  return `${date}T${time}`;
}

export async function readTextOption(text: string | undefined, file: string | undefined, flag: string): Promise<string | undefined> {
  if (text !== undefined && file !== undefined) throw usageError(`give ${flag} or ${flag}-file, not both`);
  if (file === undefined) return text;
  try {
    return await readFile(resolve(file), 'utf8');
  } catch {
    throw usageError(`${flag}-file ${file}: cannot read that file`, 'check the path');
  }
}

export function caseIdArg(raw: string): string {
  const id = normaliseTypedId(raw);
  if (!CaseId.safeParse(id).success) throw usageError(`"${raw}" is not a case id`, 'case ids look like 2024-0325-k7q2; see `evenhand list`');
  return id;
}

/** Throw a data error carrying the findings when a value fails its rules. */
export function refuseIf(findings: Finding[], what: string): void {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return;
  throw new UserError(`${what} refused; nothing was written:\n  ${findingsMessage(errors)}`, EXIT.findings);
}

export interface CaseForWrite {
  config: RegisterConfig;
  record: CaseRecord;
}

/** Read register.yaml and one case folder, refusing when either is invalid or the case is unknown. */
export async function loadCase(env: Env, caseId: string): Promise<CaseForWrite> {
  // Before any question is asked: a write that would be lost or mixed is refused at once.
  await assertRegisterWritable(env.registerDir);
  const config = await requireConfig(env.registerDir);
  const findings: Finding[] = [];
  const raw = await readCaseFolder(env.registerDir, caseId, findings);
  if (findings.some((f) => f.severity === 'error'))
    throw new UserError(`case ${caseId} has invalid files; fix them first`, EXIT.findings, 'run `evenhand check`', findings);
  if (!raw?.request) throw new UserError(`no case ${caseId} in this register`, EXIT.findings, 'see `evenhand list` for case ids');
  const { record, findings: corrections } = applyCorrections(raw);
  if (corrections.length) throw new UserError(`case ${caseId} has invalid corrections`, EXIT.findings, undefined, corrections);
  return { config, record };
}

export async function loadCandidates(env: Env): Promise<Map<string, Loaded<Candidate>>> {
  const findings: Finding[] = [];
  const candidates = await readCandidates(env.registerDir, findings);
  if (findings.some((f) => f.severity === 'error'))
    throw new UserError('the candidate files are invalid; fix them first', EXIT.findings, 'run `evenhand check`', findings);
  return candidates;
}

export async function recorder(env: Env): Promise<string> {
  let osUser = 'unknown';
  try {
    osUser = userInfo().username || osUser;
  } catch {
    /* no passwd entry in some containers */
  }
  // Never rejects: it is started early and may go unawaited when the command fails first.
  return recorderName(env.registerDir, env.vars, osUser).catch(() => osUser);
}

export interface WriteEntrySpec {
  caseId: string;
  /** The case's folder (CaseRecord.folder, or caseFolder() for a new case). */
  folder: string;
  entry: Entry;
  extraFiles?: { bytes: Uint8Array; to: string }[];
  /** The register's label (Hampshire 3.4, 7.2), added to the subject as " [<label>]". */
  label?: string;
  /**
   * The workflow rules for this entry, judged again holding the write lock on the case as it is
   * on disk then (see judgedUnderLock). Without it, two processes each judging the case before
   * either wrote would both be allowed (issue 10: six concurrent `respond` wrote two responses).
   */
  recheck?: () => Promise<void>;
}

/**
 * A recheck for writeAndCommit: re-read the case (and register.yaml) and refuse, exactly as before
 * the lock, when `judge` finds an error in what is on disk now.
 */
export function judgedUnderLock(env: Env, caseId: string, what: string, judge: (current: CaseForWrite) => Finding[]): () => Promise<void> {
  return async () => refuseIf(judge(await loadCase(env, caseId)), what);
}

/** Write one entry file and commit it, its subject made from the entry (src/domain/entry-subject.ts). */
export async function writeAndCommit(env: Env, spec: WriteEntrySpec): Promise<void> {
  await appendEntry({
    registerDir: env.registerDir,
    file: entryFile(spec.folder, spec.caseId, spec.entry.id),
    content: entryYaml(spec.entry as unknown as { kind: string } & Record<string, unknown>, spec.folder),
    extraFiles: spec.extraFiles,
    recheck: spec.recheck,
    commit: {
      // The same subject and trailers `evenhand recover` gives an entry whose command was killed;
      // the register's label follows the subject (Hampshire 3.4, 7.2).
      subject: labelled({ label: spec.label }, subjectFor(spec.caseId, spec.entry as unknown as { kind: string } & Record<string, unknown>)),
      trailers: entryCommitTrailers(spec.entry),
      date: env.now(),
      clock: clockOf(env),
      fallbackName: spec.entry.recorded_by,
    },
  });
}

/** Whether this run's clock is fixed by $EVENHAND_NOW (tests) or the system's: every commit says which. */
export function clockOf(env: Env): 'system' | 'fixed' {
  return env.vars.EVENHAND_NOW ? 'fixed' : 'system';
}

export function printId(env: Env, id: string, human: string): void {
  if (env.json) printJson(env, { id });
  else env.stdout.write(`${human}\n`);
}
