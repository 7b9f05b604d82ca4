// Reads a register folder into the in-memory model. The only reader of register files.
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../domain/findings.js';
import type { EntryOnDisk } from '../domain/audit.js';
import { readEntryStamp } from '../domain/entry-stamps.js';
import { subjectFields } from '../domain/entry-subject.js';
import { parseYaml } from '../domain/parse.js';
import { caseFolder, entryOrder, MONTH_FOLDER, type CaseRecord, type Loaded, type Register } from '../domain/register-model.js';
import { referenceFindings } from '../domain/references.js';
import { caseAsOf } from '../domain/as-of.js';
import { applyCorrections } from '../domain/case-state.js';
import { Candidate, ENTRY_KINDS, ENTRY_SCHEMAS, RegisterConfig, type CaseEntry, type EntryKind, type RequestEntry } from '../domain/schemas.js';
import { UserError, EXIT } from '../domain/errors.js';
import { readCandidateHistory } from './candidate-history.js';

export const CONFIG_FILE = 'register.yaml';

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function isEntryFileName(name: string): boolean {
  return name.endsWith('.yaml') && !name.startsWith('.');
}

export async function readConfig(dir: string): Promise<{ config?: RegisterConfig; findings: Finding[] }> {
  let text: string;
  try {
    text = await readFile(join(dir, CONFIG_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserError(`no register at ${dir}: ${CONFIG_FILE} not found`, EXIT.usage, 'create one with `evenhand init`, or point to it with --register <dir> or $EVENHAND_REGISTER');
    throw err;
  }
  const parsed = parseYaml(CONFIG_FILE, text, RegisterConfig);
  return { config: parsed.value, findings: parsed.findings };
}

/** The configuration, or a data error naming every problem in register.yaml. */
export async function requireConfig(dir: string): Promise<RegisterConfig> {
  const { config, findings } = await readConfig(dir);
  if (!config) throw new UserError(`${CONFIG_FILE} is not valid`, EXIT.findings, undefined, findings);
  return config;
}

export async function readCandidates(dir: string, findings: Finding[]): Promise<Map<string, Loaded<Candidate>>> {
  const names = (await listDir(join(dir, 'candidates'))).filter(isEntryFileName).sort();
  const out = new Map<string, Loaded<Candidate>>();
  const texts = await Promise.all(names.map((n) => readFile(join(dir, 'candidates', n), 'utf8')));
  names.forEach((name, i) => {
    const file = `candidates/${name}`;
    const parsed = parseYaml(file, texts[i], Candidate);
    findings.push(...parsed.findings);
    if (!parsed.value) return;
    if (out.has(parsed.value.id))
      findings.push({ code: 'reference', severity: 'error', file, line: parsed.lines.id, path: 'id', message: `candidate id "${parsed.value.id}" is used by two files` });
    else out.set(parsed.value.id, { value: parsed.value, file, lines: parsed.lines });
  });
  return out;
}

function kindOf(fileName: string, data: string): EntryKind | undefined {
  if (fileName === 'request.yaml') return 'request';
  const m = /^kind:\s*["']?([a-z]+)/m.exec(data);
  const fromField = m?.[1] as EntryKind | undefined;
  if (fromField && (ENTRY_KINDS as readonly string[]).includes(fromField)) return fromField;
  const fromName = fileName.split('-')[0] as EntryKind;
  return (ENTRY_KINDS as readonly string[]).includes(fromName) ? fromName : undefined;
}

/** Parse one case folder's files. Unknown files and temporary files are reported or skipped. */
export function parseCaseFiles(caseId: string, folder: string, files: { name: string; text: string }[], findings: Finding[]): CaseRecord | undefined {
  const record: CaseRecord = { id: caseId, folder, entries: [] };
  let any = false;
  for (const { name, text } of files) {
    const file = `${folder}/${name}`;
    const kind = kindOf(name, text);
    if (!kind) {
      findings.push({
        code: 'schema',
        severity: 'error',
        file,
        case: caseId,
        path: 'kind',
        message: `cannot tell what kind of entry this is`,
        hint: `set kind to one of ${ENTRY_KINDS.join(', ')}`,
      });
      continue;
    }
    any = true;
    const parsed = parseYaml(file, text, ENTRY_SCHEMAS[kind]);
    for (const f of parsed.findings) findings.push({ ...f, case: caseId });
    if (!parsed.value) continue;
    if (kind === 'request') record.request = { value: parsed.value as RequestEntry, file, lines: parsed.lines };
    else record.entries.push({ value: parsed.value as CaseEntry, file, lines: parsed.lines });
  }
  record.entries.sort(entryOrder);
  return any ? record : undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

/** Where a case's files are: its month folder, else (a register written before months) cases/<id>. */
export async function findCaseFolder(dir: string, caseId: string): Promise<string | undefined> {
  const monthly = caseFolder(caseId);
  const flat = `cases/${caseId}`;
  const [inMonth, inFlat] = await Promise.all([isDirectory(join(dir, monthly)), !MONTH_FOLDER.test(caseId) && isDirectory(join(dir, flat))]);
  // Never write into one of two records of a case (check reports the pair as a reference error).
  if (inMonth && inFlat)
    throw new UserError(`case ${caseId} has two folders: ${monthly}/ and ${flat}/`, EXIT.findings, 'keep one folder per case: move the files into one of them, then run `evenhand check`');
  return inMonth ? monthly : inFlat ? flat : undefined;
}

/** Read one case, wherever its folder is; undefined when there is no such case. */
export async function readCaseFolder(dir: string, caseId: string, findings: Finding[]): Promise<CaseRecord | undefined> {
  const folder = await findCaseFolder(dir, caseId);
  return folder ? readCaseAt(dir, caseId, folder, findings) : undefined;
}

async function readCaseAt(dir: string, caseId: string, folder: string, findings: Finding[]): Promise<CaseRecord | undefined> {
  const caseDir = join(dir, folder);
  const names = (await listDir(caseDir)).filter(isEntryFileName).sort();
  const files = await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(caseDir, name), 'utf8') })));
  return parseCaseFiles(caseId, folder, files, findings);
}

/**
 * Run `fn` over the items a batch at a time. The reads inside are synchronous on purpose: for tens of
 * thousands of small files the promise machinery of fs/promises costs more than the reads. Between
 * batches the event loop runs, so a git process read at the same time never waits on a full pipe.
 */
async function inBatches<T>(items: T[], fn: (item: T) => void, size = 100): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await new Promise((r) => setImmediate(r));
    for (const item of items.slice(start, start + size)) fn(item);
  }
}

/** The entry files of a case folder, sorted by name; a folder or file gone since it was listed is skipped. */
function readCaseFilesSync(dir: string, folder: string): { name: string; text: string }[] {
  const gone = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';
  let names: string[];
  try {
    names = readdirSync(join(dir, folder)).filter(isEntryFileName).sort();
  } catch (err) {
    if (gone(err)) return [];
    throw err;
  }
  const out: { name: string; text: string }[] = [];
  for (const name of names) {
    try {
      out.push({ name, text: readFileSync(join(dir, folder, name), 'utf8') });
    } catch (err) {
      if (!gone(err)) throw err;
    }
  }
  return out;
}

/** Every case folder: cases/<YYYY-MM>/<id>, and cases/<id> from registers written before months. */
export async function listCaseFolders(dir: string): Promise<{ id: string; folder: string }[]> {
  const folders = async (path: string) =>
    (await readdir(path, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
  const out: { id: string; folder: string }[] = [];
  for (const name of await folders(join(dir, 'cases'))) {
    if (!MONTH_FOLDER.test(name)) out.push({ id: name, folder: `cases/${name}` });
    else for (const id of await folders(join(dir, 'cases', name))) out.push({ id, folder: `cases/${name}/${id}` });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.folder < b.folder ? -1 : 1));
}

/**
 * What the audit needs of every entry file on disk, keyed by file: its stamp read from its lines
 * where that is certain (src/domain/entry-stamps.ts), else from a full parse. Findings are those
 * of the files parsed in full.
 */
export async function readEntriesOnDisk(dir: string): Promise<{ entries: Map<string, EntryOnDisk>; caseIds: Set<string>; findings: Finding[] }> {
  const folders = await listCaseFolders(dir);
  const entries = new Map<string, EntryOnDisk>();
  const findings: Finding[] = [];
  await inBatches(folders, ({ id: caseId, folder }) => {
    for (const { name, text } of readCaseFilesSync(dir, folder)) {
        const file = `${folder}/${name}`;
        const stamp = readEntryStamp(text);
        if (stamp && (name === 'request.yaml') === (stamp.kind === 'request')) {
          entries.set(file, { file, case: caseId, ...stamp });
          continue;
        }
        const parsed = parseCaseFiles(caseId, folder, [{ name, text }], findings);
        const e = parsed?.request ?? parsed?.entries[0];
        if (!e) continue;
        const v = e.value;
        entries.set(file, {
          file,
          case: caseId,
          kind: v.kind,
          id: v.id,
          recorded_by: v.recorded_by,
          recorded_at: v.recorded_at,
          subject_fields: subjectFields(v.kind, v as unknown as Record<string, unknown>),
          ...(v.kind === 'correction' ? { corrects: v.corrects, reason: v.reason, set: v.set } : {}),
        });
    }
  });
  return { entries, caseIds: new Set(folders.map((f) => f.id)), findings };
}

/** Read the whole register. Problems are collected in register.findings, never thrown. */
/** The whole register; with `asOf`, as it stood at the end of that day (src/domain/as-of.ts). */
export async function readRegister(dir: string, opts: { asOf?: string } = {}): Promise<Register> {
  const findings: Finding[] = [];
  const { config, findings: configFindings } = await readConfig(dir);
  findings.push(...configFindings);
  const history = readCandidateHistory(dir);
  const candidates = await readCandidates(dir, findings);
  const all = await listCaseFolders(dir);
  // One case in two folders (a month folder and the older flat layout) would be two records of it.
  // (Sorted by id, so a second folder of a case comes right after the first.)
  const folders = all.filter((f, i) => {
    const prev = all[i - 1];
    if (prev?.id !== f.id) return true;
    findings.push({ code: 'reference', severity: 'error', file: f.folder, case: f.id, message: `case ${f.id} has two folders: ${prev.folder}/ and ${f.folder}/`, hint: 'keep one folder per case: move the files into one of them' });
    return false;
  });
  const cases = new Map<string, CaseRecord>();
  const raws = new Map<string, CaseRecord>();
  await inBatches(folders, ({ id, folder }) => {
    const raw = parseCaseFiles(id, folder, readCaseFilesSync(dir, folder), findings);
    if (!raw) return;
    if (opts.asOf) raws.set(id, raw);
    const { record, findings: corrections } = applyCorrections(raw);
    findings.push(...corrections);
    cases.set(id, record);
  });
  const register: Register = {
    config: config ?? (undefined as unknown as RegisterConfig),
    configFile: CONFIG_FILE,
    candidates,
    cases: new Map([...cases.entries()].sort(([a], [b]) => a.localeCompare(b))),
    findings,
    candidateHistory: await history,
  };
  if (config) findings.push(...referenceFindings(register));
  // As of a day: the files' own problems stand (they are in the files now); the cases are those
  // recorded by then, with only the corrections recorded by then applied.
  if (opts.asOf) {
    const asOf = opts.asOf;
    const then = new Map<string, CaseRecord>();
    for (const [id, record] of register.cases) {
      const raw = raws.get(id)!;
      const kept = caseAsOf(raw, asOf);
      if (kept) then.set(id, kept === raw ? record : applyCorrections(kept).record);
    }
    register.cases = then;
  }
  return register;
}

/** Read the whole register and fail with every problem found when any file is invalid. */
export async function readValidRegister(dir: string): Promise<Register> {
  const register = await readRegister(dir);
  const errors = register.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const files = new Set(errors.map((f) => f.file));
    throw new UserError(
      `the register has ${errors.length} problem${errors.length > 1 ? 's' : ''} in ${files.size} file${files.size > 1 ? 's' : ''}`,
      EXIT.findings,
      'fix each file named above (or add a correction entry for a committed one), then run `evenhand check`',
      errors,
    );
  }
  return register;
}
