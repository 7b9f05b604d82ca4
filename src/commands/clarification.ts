import type { Env } from '../env.js';
import { caseState, latestDecision } from '../domain/case-state.js';
import { usageError } from '../domain/errors.js';
import { newEntryId } from '../domain/ids.js';
import * as S from '../domain/schemas.js';
import { askLongText, dateFlag } from '../terminal/ask.js';
import * as C from './common.js';

interface ClarificationOptions {
  received?: string;
  text?: string;
  textFile?: string;
  json?: boolean;
}

export async function runClarification(env: Env, opts: ClarificationOptions, rawCase: string): Promise<number> {
  const caseId = C.caseIdArg(rawCase);
  const loaded = await C.loadCase(env, caseId);
  const text = await askLongText(env, await C.readTextOption(opts.text, opts.textFile, '--text'), '--text', "The candidate's clarification");
  const parsed = S.ClarificationEntry.safeParse({
    id: newEntryId('clarification', env.randomBytes),
    kind: 'clarification',
    case: caseId,
    received: dateFlag(env, opts.received, '--received'),
    text,
    recorded_by: await C.recorder(env),
    recorded_at: env.now().toISOString(),
  });
  if (!parsed.success) throw usageError(`${parsed.error.issues[0].path[0] === 'received' ? '--received' : '--text'}: ${parsed.error.issues[0].message}`);
  const e = parsed.data;
  const judge = ({ record }: { record: typeof loaded.record }) => {
    const asked = latestDecision(record)?.value;
    const problems = [];
    if (caseState(record) !== 'clarifying')
      problems.push({ code: 'workflow', severity: 'error' as const, path: 'case', message: `case ${caseId} is not waiting for a clarification (it is ${caseState(record)})`, hint: 'record a decision with --outcome clarify first' });
    if (e.received > C.today(env)) problems.push({ code: 'workflow', severity: 'error' as const, path: 'received', message: `${e.received} is in the future` });
    if (asked && e.received < asked.decided_on)
      problems.push({ code: 'workflow', severity: 'error' as const, path: 'received', message: `${e.received} is before clarification was asked for (${asked.decided_on})` });
    return problems;
  };
  C.refuseIf(judge(loaded), 'clarification');
  await C.writeAndCommit(env, { caseId, folder: loaded.record.folder, entry: e, label: loaded.config.label, recheck: C.judgedUnderLock(env, caseId, 'clarification', judge) });
  C.printId(env, e.id, `${caseId}: clarification recorded as ${e.id}; the FOI clock runs again from ${e.received}`);
  return 0;
}
