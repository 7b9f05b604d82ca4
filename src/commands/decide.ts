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
  departFromProtocol?: string;
  json?: boolean;
}

export async function runDecide(env: Env, opts: DecideOptions, rawCase: string): Promise<number> {
  const { askChoice, askText, readDate, enumChoices } = await import('../terminal/ask.js');
  const { decisionPreconditions } = await import('../domain/workflow.js');
  const S = await import('../domain/schemas.js');
  const { usageError } = await import('../domain/errors.js');
  const { newEntryId } = await import('../domain/ids.js');
  const { validateNewDecision, decidersFor } = await import('../domain/workflow.js');
  const C = await import('./common.js');

  const caseId = C.caseIdArg(rawCase);
  const recordedByP = C.recorder(env); // looked up while the case is read
  const { config, record } = await C.loadCase(env, caseId);
  // Deciders per category (Avon and Somerset 3.3.2; Humberside 5.b.ii: visits by the Chief Executive).
  const deciders = enumChoices(decidersFor(config, record.request!.value.category));
  // A role given that may not decide is a usage error whatever the case's state; then refuse before
  // asking anything when no decision can be recorded on this case.
  const byGiven = opts.by === undefined ? undefined : await askChoice(env, opts.by, '--by', 'Decided by (role)', deciders);
  C.refuseIf(decisionPreconditions(record), 'decision');
  const outcome = await askChoice(env, opts.outcome, '--outcome', 'Outcome', enumChoices(S.OUTCOMES));
  const by = byGiven ?? (await askChoice(env, undefined, '--by', 'Decided by (role)', deciders));
  const on = opts.on === undefined ? C.today(env) : readDate(env, opts.on, '--on');
  let reasons = opts.reason ?? [];
  if (reasons.length === 0 && (S.OUTCOMES_NEEDING_REASONS as readonly string[]).includes(outcome) && env.interactive)
    reasons = [await askText(env, undefined, '--reason', `Reason for ${outcome} (as told to the candidate)`)];
  let exemptions = opts.exemption ?? [];
  // An FOI refusal names the exemption relied on (FOI Act s.17); "not held" is not an exemption.
  if (exemptions.length === 0 && record.request?.value.foi && (outcome === 'refuse' || outcome === 'partial') && env.interactive)
    exemptions = await askExemptions(env);
  const draft = {
    id: newEntryId('decision', env.randomBytes),
    kind: 'decision' as const,
    case: caseId,
    outcome,
    decided_by: by,
    decided_on: on,
    reasons,
    exemptions,
    mitigations: opts.mitigation ?? [],
    offer_to_all: Boolean(opts.offerToAll),
    departs_from_protocol: opts.departFromProtocol,
    recorded_by: await recordedByP,
    recorded_at: env.now().toISOString(),
  };
  const parsed = S.DecisionEntry.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { decided_on: '--on', exemptions: '--exemption', reasons: '--reason', mitigations: '--mitigation' }[String(issue.path[0])];
    throw usageError(`${flag ?? String(issue.path[0])}: ${issue.message}`);
  }
  // The decision's own rules, then what check would report on the case once it is in it (the
  // check's own rules: deciders, reasons, exemptions…); judged again under the write lock.
  const { judgeWithCheck } = await import('../terminal/write-findings.js');
  const { withEntry } = await import('../domain/write-check.js');
  const { entryFile } = await import('../domain/register-model.js');
  const judge = judgeWithCheck<{ record: typeof record; config: typeof config }>(
    env,
    await C.loadCandidates(env),
    'decision',
    opts.departFromProtocol,
    (c) => validateNewDecision(c.record, parsed.data, c.config, C.today(env)),
    (r) => withEntry(r, { value: parsed.data, file: entryFile(r.folder, caseId, parsed.data.id), lines: {} }),
  );
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

/** The exemptions an FOI refusal relies on, picked from the common ones or typed; "not held" is sent to its own outcome. */
async function askExemptions(env: Env): Promise<string[]> {
  const { default: EXEMPTIONS } = await import('../domain/foi-exemptions.json', { with: { type: 'json' } });
  const { askChoices, askText } = await import('../terminal/ask.js');
  const { DecisionEntry } = await import('../domain/schemas.js');
  const picked = await askChoices<string>(
    'FOI exemptions relied on (FOI Act s.17); if the information is not held, untick all and use --outcome not-held',
    [...EXEMPTIONS.map((e) => ({ value: e.code, name: `${e.code}  ${e.title}` })), { value: 'other', name: 'another section (type it next)' }],
  );
  const codes = picked.filter((c) => c !== 'other');
  if (picked.includes('other')) {
    const valid = (v: string) => (DecisionEntry.shape.exemptions.safeParse([v]).success ? undefined : 'expected an FOI section such as s21 or s40(2)');
    codes.push(await askText(env, undefined, '--exemption', 'Section relied on (e.g. s27(1))', undefined, valid));
  }
  return codes;
}

export function registerDecide(program: Command): void {
  program
    .command('decide')
    .description("record the authorised officer's decision on a case")
    .argument('<case>', 'case id, e.g. 2024-0325-k7q2')
    .option('--outcome <outcome>', 'provide | partial | refuse | already-published | redirect | clarify | not-held (FOI: the information is not held)')
    .option('--by <role>', 'the deciding role, one of register.yaml deciders (e.g. chief-executive, or "Chief Executive")')
    .option('--on <date>', 'date decided: 27/11/2026, today, yesterday or 2026-11-27 (default: today)')
    .option('--reason <text>', 'a reason, as told to the candidate (repeatable; required for refuse, partial, redirect)', collect)
    .option('--exemption <code>', 'an FOI exemption relied on, e.g. s21 or s40(2) (repeatable)', collect)
    .option('--mitigation <text>', 'a risk mitigation (repeatable; Humberside 11.b)', collect)
    .option('--offer-to-all', 'the same offer goes to every declared candidate (visits, meetings, briefings)')
    .option('--depart-from-protocol <why>', 'record it although check will report it, saying why (kept in the entry; check keeps reporting it)')
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
