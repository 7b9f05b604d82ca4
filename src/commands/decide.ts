import type { Command } from 'commander';
import { action } from './action.js';
import { collect } from './options.js';
import type { Env } from '../env.js';

interface DecideOptions {
  outcome?: string;
  by?: string;
  on?: string;
  reason?: string[];
  exemption?: string[];
  mitigation?: string[];
  offerToAll?: boolean;
  json?: boolean;
}

export async function runDecide(env: Env, opts: DecideOptions, rawCase: string): Promise<number> {
  const { askChoice, enumChoices } = await import('../terminal/ask.js');
  const S = await import('../domain/schemas.js');
  const { usageError } = await import('../domain/errors.js');
  const { newEntryId } = await import('../domain/ids.js');
  const { validateNewDecision, decidersFor } = await import('../domain/workflow.js');
  const C = await import('./common.js');

  const caseId = C.caseIdArg(rawCase);
  const recordedByP = C.recorder(env); // looked up while the case is read
  const { config, record } = await C.loadCase(env, caseId);
  const outcome = await askChoice(env, opts.outcome, '--outcome', 'Outcome', enumChoices(S.OUTCOMES));
  // Deciders per category (Avon and Somerset 3.3.2; Humberside 5.b.ii: visits by the Chief Executive).
  const by = await askChoice(env, opts.by, '--by', 'Decided by (role)', enumChoices(decidersFor(config, record.request!.value.category)));
  const on = opts.on ?? C.today(env);
  let reasons = opts.reason ?? [];
  if (reasons.length === 0 && (S.OUTCOMES_NEEDING_REASONS as readonly string[]).includes(outcome) && env.interactive) {
    const { input } = await import('@inquirer/prompts');
    reasons = [await input({ message: `Reason for ${outcome} (as told to the candidate)`, required: true })];
  }
  const draft = {
    id: newEntryId('decision', env.randomBytes),
    kind: 'decision' as const,
    case: caseId,
    outcome,
    decided_by: by,
    decided_on: on,
    reasons,
    exemptions: opts.exemption ?? [],
    mitigations: opts.mitigation ?? [],
    offer_to_all: Boolean(opts.offerToAll),
    recorded_by: await recordedByP,
    recorded_at: env.now().toISOString(),
  };
  const parsed = S.DecisionEntry.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { decided_on: '--on', exemptions: '--exemption', reasons: '--reason', mitigations: '--mitigation' }[String(issue.path[0])];
    throw usageError(`${flag ?? String(issue.path[0])}: ${issue.message}`);
  }
  const judge = (c: { record: typeof record; config: typeof config }) => validateNewDecision(c.record, parsed.data, c.config, C.today(env));
  C.refuseIf(judge({ record, config }), 'decision');
  await C.writeAndCommit(env, {
    caseId,
    folder: record.folder,
    entry: parsed.data,
    label: config.label,
    recheck: C.judgedUnderLock(env, caseId, 'decision', judge),
  });
  C.printId(env, parsed.data.id, `${caseId}: ${outcome} recorded as ${parsed.data.id}`);
  return 0;
}

export function registerDecide(program: Command): void {
  program
    .command('decide')
    .description("record the authorised officer's decision on a case")
    .argument('<case>', 'case id, e.g. 2024-0325-k7q2')
    .option('--outcome <outcome>', 'provide | partial | refuse | already-published | redirect | clarify')
    .option('--by <role>', 'the deciding role, one of register.yaml deciders (e.g. chief-executive)')
    .option('--on <date>', 'date decided, YYYY-MM-DD (default: today)')
    .option('--reason <text>', 'a reason, as told to the candidate (repeatable; required for refuse, partial, redirect)', collect)
    .option('--exemption <code>', 'an FOI exemption relied on, e.g. s21 or s40(2) (repeatable)', collect)
    .option('--mitigation <text>', 'a risk mitigation (repeatable; Humberside 11.b)', collect)
    .option('--offer-to-all', 'the same offer goes to every declared candidate (visits, meetings, briefings)')
    .option('--json', 'print {"id": ...}')
    .addHelpText(
      'after',
      `
Examples:
  evenhand decide 2024-0325-k7q2 --outcome provide --by chief-executive
  evenhand decide 2024-0325-k7q2 --outcome refuse --by chief-executive --reason "Personal data of officers" --exemption "s40(2)"
  evenhand decide 2024-0402-m3x9 --outcome provide --by chief-constable --offer-to-all`,
    )
    .action(action(runDecide));
}
