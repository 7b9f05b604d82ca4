import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface ClarificationOptions {
  received?: string;
  text?: string;
  textFile?: string;
  json?: boolean;
}

export async function runClarification(env: Env, opts: ClarificationOptions, rawCase: string): Promise<number> {
  const S = await import('../domain/schemas.js');
  const { usageError } = await import('../domain/errors.js');
  const { newEntryId } = await import('../domain/ids.js');
  const { caseState, latestDecision } = await import('../domain/case-state.js');
  const { askLongText } = await import('../terminal/ask.js');
  const C = await import('./common.js');
  const caseId = C.caseIdArg(rawCase);
  const loaded = await C.loadCase(env, caseId);
  const text = await askLongText(env, await C.readTextOption(opts.text, opts.textFile, '--text'), '--text', "The candidate's clarification");
  const parsed = S.ClarificationEntry.safeParse({
    id: newEntryId('clarification', env.randomBytes),
    kind: 'clarification',
    case: caseId,
    received: (await import('../terminal/ask.js')).dateFlag(env, opts.received, '--received'),
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

export function registerClarification(program: Command): void {
  program
    .command('clarification')
    .description("record the candidate's answer to a request for clarification (after a decision with --outcome clarify)")
    .argument('<case>', 'case id')
    .option('--received <date>', 'date the answer arrived: 27/11/2026, today or 2026-11-27 (default: today)')
    .option('--text <text>', "the candidate's clarification")
    .option('--text-file <file>', 'read it from a file')
    .option('--json', 'print {"id": ...}')
    .addHelpText('after', '\nUnder the FOI Act (s.1(3), s.10(6)) the 20 working days run from the day the clarification is received.')
    .action(action(runClarification));
}
