import type { Env } from '../env.js';
import { usageError } from '../domain/errors.js';
import { newEntryId } from '../domain/ids.js';
import { entryFile } from '../domain/register-model.js';
import * as S from '../domain/schemas.js';
import { DecisionEntry } from '../domain/schemas.js';
import { decidersFor, decisionPreconditions, validateNewDecision } from '../domain/workflow.js';
import { withEntry } from '../domain/write-check.js';
import { askChoice, askChoices, askText, enumChoices, readDate } from '../terminal/ask.js';
import { judgeWithCheck } from '../terminal/write-findings.js';
import * as C from './common.js';

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
