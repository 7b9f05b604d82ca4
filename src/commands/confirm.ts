import type { Env } from '../env.js';
import { usageError } from '../domain/errors.js';
import { newEntryId } from '../domain/ids.js';
import * as S from '../domain/schemas.js';
import { confirmationWarnings, receivedDate } from '../domain/workflow.js';
import * as C from './common.js';
import { dateFlag } from '../terminal/ask.js';

interface ConfirmOptions {
  sent?: string;
  channel: string;
  json?: boolean;
}

export async function runConfirm(env: Env, opts: ConfirmOptions, rawCase: string): Promise<number> {
  const caseId = C.caseIdArg(rawCase);
  const { config, record } = await C.loadCase(env, caseId);
  const parsed = S.ConfirmationEntry.safeParse({
    id: newEntryId('confirmation', env.randomBytes),
    kind: 'confirmation',
    case: caseId,
    sent_on: dateFlag(env, opts.sent, '--sent'),
    channel: opts.channel,
    recorded_by: await C.recorder(env),
    recorded_at: env.now().toISOString(),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`${issue.path[0] === 'sent_on' ? '--sent' : `--${String(issue.path[0])}`}: ${issue.message}`);
  }
  const e = parsed.data;
  const judge = (c: { record: typeof record }) => {
    const received = receivedDate(c.record.request!.value);
    return [
      ...(e.sent_on > C.today(env) ? [{ code: 'workflow', severity: 'error' as const, path: 'sent_on', message: `${e.sent_on} is in the future` }] : []),
      ...(e.sent_on < received ? [{ code: 'workflow', severity: 'error' as const, path: 'sent_on', message: `${e.sent_on} is before the request was received (${received})` }] : []),
    ];
  };
  C.refuseIf(judge({ record }), 'confirmation');
  for (const w of confirmationWarnings(record)) env.stderr.write(`warning: ${w}\n`);
  await C.writeAndCommit(env, { caseId, folder: record.folder, entry: e, label: config.label, recheck: C.judgedUnderLock(env, caseId, 'confirmation', judge) });
  C.printId(env, e.id, `${caseId}: written confirmation recorded as ${e.id}`);
  return 0;
}
