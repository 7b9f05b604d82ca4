// Reads a register folder into the in-memory model. The only reader of register files.
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { direntKind, linkFinding, pathKind, readRegisterTextSync, refuseLinksOnPath, specialFinding } from './contained.js';
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
import type { ParseCache } from './parse-cache.js';
import type { Parsed } from '../domain/parse.js';
import type { z } from 'zod';
import { pushAll } from '../domain/push-all.js';
import { boundHeapGrowthFor } from './heap-growth.js';

/** parseYaml, through the parse cache when there is one (src/store/parse-cache.ts). */
function parseFile<S extends z.ZodType>(cache: ParseCache | undefined, file: string, as: string, text: string, schema: S): Parsed<z.infer<S>> {
  return cache ? cache.parse(file, as, text, () => parseYaml(file, text, schema)) : parseYaml(file, text, schema);
}

export const CONFIG_FILE = 'register.yaml';

/**
 * The entries of a folder of the register (`rel`), without following links: a link in its place or
 * in it is a finding, never read (src/store/contained.ts). A missing folder is empty.
 */
function listRegisterDir(dir: string, rel: string, findings: Finding[] | undefined, caseId?: string | ((name: string) => string | undefined), listedAsDir = false): Dirent[] {
  const caseOf = (name: string) => (typeof caseId === 'function' ? caseId(name) : caseId);
  // A folder its parent's listing already showed to be one needs no lstat (10,000 case folders).
  const kind = listedAsDir ? 'dir' : pathKind(join(dir, rel));
  if (kind !== 'dir') {
    const self = typeof caseId === 'function' ? undefined : caseId;
    if (kind === 'link') findings?.push(linkFinding(rel, self));
    else if (kind === 'file') findings?.push({ code: 'schema', severity: 'error', file: rel, ...(self ? { case: self } : {}), message: 'is a file where a folder should be', hint: 'move it aside' });
    else if (kind !== undefined) findings?.push(specialFinding(rel, self));
    return [];
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(join(dir, rel), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries.filter((d) => {
    const k = direntKind(d);
    if (k === 'link') findings?.push(linkFinding(`${rel}/${d.name}`, caseOf(d.name)));
    else if (k === 'special') findings?.push(specialFinding(`${rel}/${d.name}`, caseOf(d.name)));
    return k === 'file' || k === 'dir';
  });
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function isEntryFileName(name: string): boolean {
  return name.endsWith('.yaml') && !name.startsWith('.');
}

export async function readConfig(dir: string, cache?: ParseCache): Promise<{ config?: RegisterConfig; findings: Finding[] }> {
  const read = readRegisterTextSync(dir, CONFIG_FILE);
  if ('gone' in read)
    throw new UserError(`no register at ${dir}: ${CONFIG_FILE} not found`, EXIT.usage, 'create one with `evenhand init`, or point to it with --register <dir> or $EVENHAND_REGISTER');
  if ('finding' in read) return { findings: [read.finding] };
  const parsed = parseFile(cache, CONFIG_FILE, 'config', read.text, RegisterConfig);
  return { config: parsed.value, findings: parsed.findings };
}

/** The configuration, or a data error naming every problem in register.yaml. */
export async function requireConfig(dir: string): Promise<RegisterConfig> {
  const { config, findings } = await readConfig(dir);
  if (!config) throw new UserError(`${CONFIG_FILE} is not valid`, EXIT.findings, undefined, findings);
  return config;
}

export async function readCandidates(dir: string, findings: Finding[], cache?: ParseCache): Promise<Map<string, Loaded<Candidate>>> {
  const names = listRegisterDir(dir, 'candidates', findings)
    .filter((d) => d.isFile() && isEntryFileName(d.name))
    .map((d) => d.name)
    .sort();
  const out = new Map<string, Loaded<Candidate>>();
  names.forEach((name) => {
    const file = `candidates/${name}`;
    const read = readRegisterTextSync(dir, file);
    if ('gone' in read) return;
    if ('finding' in read) return void findings.push(read.finding);
    const parsed = parseFile(cache, file, 'candidate', read.text, Candidate);
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
export function parseCaseFiles(caseId: string, folder: string, files: { name: string; text: string }[], findings: Finding[], cache?: ParseCache): CaseRecord | undefined {
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
    const parsed = parseFile(cache, file, kind, text, ENTRY_SCHEMAS[kind]);
    for (const f of parsed.findings) findings.push({ ...f, case: caseId });
    if (!parsed.value) continue;
    if (kind === 'request') record.request = { value: parsed.value as RequestEntry, file, lines: parsed.lines };
    else record.entries.push({ value: parsed.value as CaseEntry, file, lines: parsed.lines });
  }
  record.entries.sort(entryOrder);
  return any ? record : undefined;
}

/** Whether a case folder is there; a link on the way to it refuses (the command would write through it). */
function isCaseDirectory(dir: string, rel: string): boolean {
  refuseLinksOnPath(dir, rel);
  return pathKind(join(dir, rel)) === 'dir';
}

/** Where a case's files are: its month folder, else (a register written before months) cases/<id>. */
export async function findCaseFolder(dir: string, caseId: string): Promise<string | undefined> {
  const monthly = caseFolder(caseId);
  const flat = `cases/${caseId}`;
  const inMonth = isCaseDirectory(dir, monthly);
  const inFlat = !MONTH_FOLDER.test(caseId) && isCaseDirectory(dir, flat);
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
  return parseCaseFiles(caseId, folder, readCaseFilesSync(dir, folder, caseId, findings), findings);
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

/**
 * The entry files of a case folder, sorted by name; a folder or file gone since it was listed is
 * skipped. A link (or pipe, device) in the folder or in its attachments/ is a finding, never read.
 */
function readCaseFilesSync(dir: string, folder: string, caseId: string, findings: Finding[]): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const d of listRegisterDir(dir, folder, findings, caseId, true).sort(byName)) {
    if (d.isDirectory()) {
      if (d.name === 'attachments') listRegisterDir(dir, `${folder}/attachments`, findings, caseId, true);
      continue;
    }
    if (!isEntryFileName(d.name)) continue;
    const read = readRegisterTextSync(dir, `${folder}/${d.name}`, caseId);
    if ('text' in read) out.push({ name: d.name, text: read.text });
    else if ('finding' in read) findings.push(read.finding);
  }
  return out;
}

/** Every case folder: cases/<YYYY-MM>/<id>, and cases/<id> from registers written before months. */
export async function listCaseFolders(dir: string, findings?: Finding[]): Promise<{ id: string; folder: string }[]> {
  // Links (to a case, a month, or cases/ itself) are reported in `findings` and never followed.
  // A link among month folders' children is a case folder: reported under that case.
  const folders = (rel: string, listedAsDir = false) => listRegisterDir(dir, rel, findings, (name) => (listedAsDir || !MONTH_FOLDER.test(name) ? name : undefined), listedAsDir).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
  const out: { id: string; folder: string }[] = [];
  for (const name of folders('cases')) {
    if (!MONTH_FOLDER.test(name)) out.push({ id: name, folder: `cases/${name}` });
    else for (const id of folders(`cases/${name}`, true)) out.push({ id, folder: `cases/${name}/${id}` });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.folder < b.folder ? -1 : 1));
}

/**
 * What the audit needs of every entry file on disk, keyed by file: its stamp read from its lines
 * where that is certain (src/domain/entry-stamps.ts), else from a full parse. Findings are those
 * of the files parsed in full.
 */
export async function readEntriesOnDisk(
  dir: string,
  /** Only these case folders (as listCaseFolders gives them): the incremental audit re-reads what changed. */
  only?: { id: string; folder: string }[],
): Promise<{ entries: Map<string, EntryOnDisk>; caseIds: Set<string>; folders: { id: string; folder: string }[]; findings: Finding[] }> {
  const findings: Finding[] = [];
  const folders = only ?? (await listCaseFolders(dir, findings));
  const entries = new Map<string, EntryOnDisk>();
  await inBatches(folders, ({ id: caseId, folder }) => {
    for (const { name, text } of readCaseFilesSync(dir, folder, caseId, findings)) {
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
  return { entries, caseIds: new Set(folders.map((f) => f.id)), folders, findings };
}

/** Read the whole register. Problems are collected in register.findings, never thrown. */
/** The whole register; with `asOf`, as it stood at the end of that day (src/domain/as-of.ts). */
export async function readRegister(dir: string, opts: { asOf?: string; cache?: ParseCache } = {}): Promise<Register> {
  const findings: Finding[] = [];
  const { config, findings: configFindings } = await readConfig(dir, opts.cache);
  findings.push(...configFindings);
  const history = readCandidateHistory(dir);
  const candidates = await readCandidates(dir, findings, opts.cache);
  const all = await listCaseFolders(dir, findings);
  // One case in two folders (a month folder and the older flat layout) would be two records of it.
  // (Sorted by id, so a second folder of a case comes right after the first.)
  const folders = all.filter((f, i) => {
    const prev = all[i - 1];
    if (prev?.id !== f.id) return true;
    findings.push({ code: 'reference', severity: 'error', file: f.folder, case: f.id, message: `case ${f.id} has two folders: ${prev.folder}/ and ${f.folder}/`, hint: 'keep one folder per case: move the files into one of them' });
    return false;
  });
  // A large register is held whole while it is judged: keep the heap near what it holds.
  boundHeapGrowthFor(folders.length);
  const cases = new Map<string, CaseRecord>();
  const raws = new Map<string, CaseRecord>();
  await inBatches(folders, ({ id, folder }) => {
    const raw = parseCaseFiles(id, folder, readCaseFilesSync(dir, folder, id, findings), findings, opts.cache);
    if (!raw) return;
    if (opts.asOf) raws.set(id, raw);
    const { record, findings: corrections } = applyCorrections(raw);
    pushAll(findings, corrections);
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
  if (config) pushAll(findings, referenceFindings(register));
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
export async function readValidRegister(dir: string, opts: { cache?: ParseCache } = {}): Promise<Register> {
  const register = await readRegister(dir, opts);
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
