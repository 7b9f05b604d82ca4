// Internal steps recorded as entries of a case (issue 12): a referral for data (Hampshire 3.4) and
// a notification (Norfolk 2.2, 2.3; Avon and Somerset 8.1.2). Shared by `refer` and `notify`.
import type { Env } from '../env.js';
import { usageError } from '../domain/errors.js';
import { newEntryId } from '../domain/ids.js';
import * as S from '../domain/schemas.js';
import { receivedDate } from '../domain/workflow.js';
import * as C from './common.js';

export async function writeInternalStep(
  env: Env,
  rawCase: string,
  kind: 'referral' | 'notification',
  on: string | undefined,
  fields: Record<string, unknown>,
): Promise<number> {
  const caseId = C.caseIdArg(rawCase);
  const recordedByP = C.recorder(env);
  const { config, record } = await C.loadCase(env, caseId);
  const sentOn = on ?? C.today(env);
  const parsed = S.ENTRY_SCHEMAS[kind].safeParse({
    id: newEntryId(kind, env.randomBytes),
    kind,
    case: caseId,
    sent_on: sentOn,
    ...fields,
    recorded_by: await recordedByP,
    recorded_at: env.now().toISOString(),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0]);
    throw usageError(`${field === 'sent_on' ? '--on' : `--${field}`}: ${issue.message}`);
  }
  if (sentOn > C.today(env)) throw usageError(`--on ${sentOn} is in the future (today is ${C.today(env)})`);
  if (sentOn < receivedDate(record.request!.value)) throw usageError(`--on ${sentOn} is before the request was received (${receivedDate(record.request!.value)})`);
  const orgIds = config.organisations.map((o) => o.id);
  const org = (parsed.data as { organisation?: string }).organisation;
  if (org !== undefined && !orgIds.includes(org)) throw usageError(`--org "${org}" is not an organisation of this register`, `one of: ${orgIds.join(', ') || '(none listed)'}`);
  await C.writeAndCommit(env, {
    caseId,
    folder: record.folder,
    entry: parsed.data as never,
    label: config.label,
  });
  C.printId(env, parsed.data.id, `${caseId}: ${kind} recorded as ${parsed.data.id}`);
  return 0;
}
