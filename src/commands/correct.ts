import type { Command } from 'commander';
import { action } from './action.js';
import { collect } from './options.js';
import type { Env } from '../env.js';

interface CorrectOptions {
  case?: string;
  reason?: string;
  set?: string[];
  setFile?: string[];
  json?: boolean;
}

export async function runCorrect(env: Env, opts: CorrectOptions, rawTarget: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  const { askText } = await import('../terminal/ask.js');
  const S = await import('../domain/schemas.js');
  const { usageError, UserError, EXIT } = await import('../domain/errors.js');
  const { newEntryId, normaliseTypedId } = await import('../domain/ids.js');
  const { buildCorrectionSet, splitSetOption } = await import('../domain/correction.js');
  const C = await import('./common.js');

  // The entry to correct: a case id names the case's request; an entry id is looked for in every
  // case (entry ids are unique only within their case, docs/decisions/0001: --case settles a clash).
  const target = normaliseTypedId(rawTarget);
  const targetIsCase = S.CaseId.safeParse(target).success;
  if (!targetIsCase && !S.EntryId.safeParse(target).success)
    throw usageError(`"${rawTarget}" is neither a case id nor an entry id`, 'give the case id to correct its request (e.g. 2024-0325-k7q2), or an entry id (e.g. response-k7q2)');
  let caseArg = opts.case;
  if (!targetIsCase && caseArg === undefined) {
    const { casesHoldingEntry } = await import('../store/find-entry.js');
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
  const { judgeWrite } = await import('../terminal/write-findings.js');
  const { withEntry } = await import('../domain/write-check.js');
  const { entryFile } = await import('../domain/register-model.js');
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

export function registerCorrect(program: Command): void {
  program
    .command('correct')
    .description('correct a recorded entry with a new entry naming it and why (entries are never edited)')
    .argument('<entry>', "the entry to correct: an entry id such as response-k7q2, or the case id for the case's request")
    .option('--case <case>', 'the case the entry belongs to (found from the entry id when left out)')
    .option('--reason <text>', 'why it is corrected; kept in the record and shown by show and audit')
    .option('--set <field=value>', 'a field and its corrected value, read as YAML: text, true/false, numbers, [a, b] lists (repeatable)', collect)
    .option('--set-file <field=file>', 'a field whose corrected value is the text of a file (repeatable)', collect)
    .option('--json', 'print {"id": ...}')
    .addHelpText(
      'after',
      `
The corrected entry must still be valid; id, kind, case, recorded_by and recorded_at cannot change.
show, list, check and the public disclosure log use the corrected values; audit shows the original and the correction.

Examples:
  evenhand correct response-k7q2 --case 2024-0325-k7q2 --reason "Named an officer" --set public_text="Figures are attached."
  evenhand correct 2024-0325-k7q2 --reason "Made under the FOI Act" --set foi=true
  evenhand correct decision-m3x9 --case 2024-0325-k7q2 --reason "Both reasons given" --set reasons="[Personal data, Cost limit]"`,
    )
    .action(action(runCorrect));
}
