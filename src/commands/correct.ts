import type { Env } from '../env.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildCorrectionSet, splitSetOption } from '../domain/correction.js';
import { EXIT, UserError, usageError } from '../domain/errors.js';
import { newEntryId, normaliseTypedId } from '../domain/ids.js';
import { entryFile } from '../domain/register-model.js';
import * as S from '../domain/schemas.js';
import { withEntry } from '../domain/write-check.js';
import { casesHoldingEntry } from '../store/find-entry.js';
import { askText } from '../terminal/ask.js';
import { judgeWrite } from '../terminal/write-findings.js';
import * as C from './common.js';

interface CorrectOptions {
  case?: string;
  reason?: string;
  set?: string[];
  setFile?: string[];
  json?: boolean;
}

export async function runCorrect(env: Env, opts: CorrectOptions, rawTarget: string): Promise<number> {
  // The entry to correct: a case id names the case's request; an entry id is looked for in every
  // case (entry ids are unique only within their case, docs/decisions/0001: --case settles a clash).
  const target = normaliseTypedId(rawTarget);
  const targetIsCase = S.CaseId.safeParse(target).success;
  if (!targetIsCase && !S.EntryId.safeParse(target).success)
    throw usageError(`"${rawTarget}" is neither a case id nor an entry id`, 'give the case id to correct its request (e.g. 2024-0325-k7q2), or an entry id (e.g. response-k7q2)');
  let caseArg = opts.case;
  if (!targetIsCase && caseArg === undefined) {
    const holding = await casesHoldingEntry(env.registerDir, target);
    if (holding.length === 0) throw new UserError(`no entry ${target} in this register`, EXIT.findings, 'see `evenhand show <case>` for its entry ids');
    if (holding.length > 1) throw usageError(`${target} is in ${holding.length} cases: ${holding.join(', ')}`, `say which: evenhand correct ${target} --case <case> …`);
    caseArg = holding[0];
  }
  const caseId = C.caseIdArg(caseArg ?? target);
  if (targetIsCase && caseId !== target) throw usageError(`${target} is a case id but --case says ${caseId}`, 'to correct a request, give its case id alone');

  const pairs: { field: string; raw: string; literal?: boolean }[] = [];
  for (const s of opts.set ?? []) {
    const p = splitSetOption(s);
    if (!p) throw usageError(`--set "${s}": expected field=value`, 'e.g. --set public_text="Figures are attached." or --set foi=true or --set reasons="[first, second]"');
    pairs.push(p);
  }
  for (const s of opts.setFile ?? []) {
    const p = splitSetOption(s);
    if (!p) throw usageError(`--set-file "${s}": expected field=file`, 'e.g. --set-file public_text=reply.txt');
    let text: string;
    try {
      text = await readFile(resolve(env.cwd, p.raw), 'utf8');
    } catch {
      throw usageError(`--set-file ${p.field}=${p.raw}: cannot read that file`, 'check the path');
    }
    pairs.push({ field: p.field, raw: text, literal: true });
  }
  if (pairs.length === 0) throw usageError('missing --set: say which fields change', 'e.g. --set public_text="…" (repeatable), or --set-file public_text=reply.txt');

  const { config, record } = await C.loadCase(env, caseId);
  // A withdrawn entry can still be corrected (withdrawn=false puts it back).
  const find = (r: typeof record) => (targetIsCase ? r.request : [...r.entries, ...(r.withdrawn ?? [])].find((e) => e.value.id === target));
  const loaded = find(record);
  if (!loaded) throw new UserError(`case ${caseId} has no entry ${target}`, EXIT.findings, `see \`evenhand show ${caseId}\` for its entries`);
  if (loaded.value.kind === 'approval')
    throw usageError(`${target} is an approval`, 'an approval is never corrected: a changed public text voids it by itself; approve the new text with `evenhand review` or `evenhand approve`');
  if (loaded.value.kind === 'correction')
    throw usageError(`${target} is itself a correction`, `correct the original entry (${loaded.value.corrects}) instead: a later correction replaces the values of an earlier one`);

  const built = buildCorrectionSet(loaded.value, pairs);
  if (!built.ok) {
    const flag = built.field ? `--set ${built.field}: ` : '';
    throw new UserError(`${flag}${built.message}; nothing was written`, EXIT.usage, built.hint);
  }
  const reason = await askText(env, opts.reason, '--reason', 'Why is it corrected? (kept in the record)', '"Wrong date typed"');

  const entry = S.CorrectionEntry.parse({
    id: newEntryId('correction', env.randomBytes),
    kind: 'correction',
    case: caseId,
    corrects: target,
    reason,
    set: built.set,
    recorded_by: await C.recorder(env),
    recorded_at: env.now().toISOString(),
  });
  const fields = Object.keys(built.set).join(', ');
  // What check will say once the correction applies (the check's own rules), said before it is written.
  const after = withEntry(record, { value: entry, file: entryFile(record.folder, caseId, entry.id), lines: {} });
  judgeWrite(env, { config, candidates: await C.loadCandidates(env) }, record, after, 'correction', undefined, { sayOnly: true });
  await C.writeAndCommit(env, {
    caseId,
    folder: record.folder,
    entry,
    label: config.label,
    // Another correction may have landed meanwhile: the change must still apply to the entry as it stands now.
    recheck: async () => {
      const now = find((await C.loadCase(env, caseId)).record);
      const again = now ? buildCorrectionSet(now.value, pairs) : undefined;
      if (!again?.ok || JSON.stringify(again.set) !== JSON.stringify(built.set))
        throw new UserError(`correction refused; nothing was written: ${again && !again.ok ? again.message : `${target} changed while this correction was being recorded`}`, EXIT.findings, `see \`evenhand show ${caseId}\`, then run the command again if it is still needed`);
    },
  });
  C.printId(env, entry.id, `${caseId}: ${entry.id} corrects ${target} (${fields})`);
  return 0;
}
