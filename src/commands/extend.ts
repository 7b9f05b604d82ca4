import type { Env } from '../env.js';
import { caseState } from '../domain/case-state.js';
import { usageError } from '../domain/errors.js';
import { newEntryId } from '../domain/ids.js';
import * as S from '../domain/schemas.js';
import { askDate, askText, dateFlag } from '../terminal/ask.js';
import * as C from './common.js';

interface ExtendOptions {
  to?: string;
  reason?: string;
  on?: string;
  json?: boolean;
}

export async function runExtend(env: Env, opts: ExtendOptions, rawCase: string): Promise<number> {
  const caseId = C.caseIdArg(rawCase);
  const loaded = await C.loadCase(env, caseId);
  const to = await askDate(env, opts.to, '--to', 'New due date');
  const reason = await askText(env, opts.reason, '--reason', 'Why the public interest test needs more time', '"Public interest test under s.43"');
  const parsed = S.ExtensionEntry.safeParse({
    id: newEntryId('extension', env.randomBytes),
    kind: 'extension',
    case: caseId,
    decided_on: dateFlag(env, opts.on, '--on'),
    new_due: to,
    reason,
    recorded_by: await C.recorder(env),
    recorded_at: env.now().toISOString(),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`${{ new_due: '--to', decided_on: '--on' }[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const judge = ({ record }: { record: typeof loaded.record }) => {
    const problems = [];
    if (!record.request!.value.foi)
      problems.push({ code: 'workflow', severity: 'error' as const, path: 'case', message: `case ${caseId} is not an FOI request`, hint: 'a public-interest extension (FOI Act s.10(3)) applies to FOI requests only' });
    if (caseState(record) === 'answered') problems.push({ code: 'workflow', severity: 'error' as const, path: 'case', message: `case ${caseId} is already answered` });
    if (e.decided_on > C.today(env)) problems.push({ code: 'workflow', severity: 'error' as const, path: 'decided_on', message: `${e.decided_on} is in the future` });
    if (e.new_due <= e.decided_on) problems.push({ code: 'workflow', severity: 'error' as const, path: 'new_due', message: `${e.new_due} is not after ${e.decided_on}` });
    return problems;
  };
  C.refuseIf(judge(loaded), 'extension');
  await C.writeAndCommit(env, { caseId, folder: loaded.record.folder, entry: e, label: loaded.config.label, recheck: C.judgedUnderLock(env, caseId, 'extension', judge) });
  C.printId(env, e.id, `${caseId}: deadline extended to ${e.new_due} (${e.id})`);
  return 0;
}
