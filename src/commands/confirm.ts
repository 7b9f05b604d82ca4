import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface ConfirmOptions {
  sent?: string;
  channel: string;
  json?: boolean;
}

export async function runConfirm(env: Env, opts: ConfirmOptions, rawCase: string): Promise<number> {
  const S = await import('../domain/schemas.js');
  const { usageError } = await import('../domain/errors.js');
  const { newEntryId } = await import('../domain/ids.js');
  const { receivedDate, confirmationWarnings } = await import('../domain/workflow.js');
  const C = await import('./common.js');
  const caseId = C.caseIdArg(rawCase);
  const { config, record } = await C.loadCase(env, caseId);
  const parsed = S.ConfirmationEntry.safeParse({
    id: newEntryId('confirmation', env.randomBytes),
    kind: 'confirmation',
    case: caseId,
    sent_on: (await import('../terminal/ask.js')).dateFlag(env, opts.sent, '--sent'),
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

export function registerConfirm(program: Command): void {
  program
    .command('confirm')
    .description('record that a phone or in-person request was confirmed back to the requester in writing')
    .argument('<case>', 'case id')
    .option('--sent <date>', 'date the confirmation was sent: 27/11/2026, today or 2026-11-27 (default: today)')
    .option('--channel <channel>', 'email | letter', 'email')
    .option('--json', 'print {"id": ...}')
    .addHelpText('after', '\nAvon and Somerset 6.1.2: a request received by telephone is confirmed back in writing before a reply is issued.')
    .action(action(runConfirm));
}
