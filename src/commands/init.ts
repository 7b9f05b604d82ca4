import type { Env } from '../env.js';
import { join, relative, resolve } from 'node:path';
import { EXIT, UserError } from '../domain/errors.js';
import { commentUncommented, orderAsSchema, overridePreset, parsePreset, validatePreset } from '../domain/presets.js';
import { DEFAULT_DECIDERS, ELECTION_KINDS, NATIONS, RegisterConfig } from '../domain/schemas.js';
import { schemaHeader } from '../domain/serialize.js';
import { DEFAULT_PRESET, readPresetText } from '../store/presets.js';
import { createRegister, registerExists } from '../store/register-skeleton.js';
import { askChoice, askChoices, askDate, askOptionalText, askText, enumChoices } from '../terminal/ask.js';
import { clockOf, recorder } from './common.js';

interface InitOptions {
  body?: string;
  election?: string;
  pollDate?: string;
  kind?: string;
  decider?: string[];
  nation?: string;
  protocol?: string;
  label?: string;
  spoc?: string;
  spocEmail?: string;
  spocPhone?: string;
  political?: string;
  undeclared?: string;
  writtenConfirmation?: boolean;
  preElectionStart?: string;
  targetDays?: string;
  review?: string;
  json?: boolean;
}

export async function runInit(env: Env, opts: InitOptions, dirArg?: string): Promise<number> {
  // [dir] wins; else --register/$EVENHAND_REGISTER; else ./register.
  const dir = dirArg ? resolve(env.cwd, dirArg) : env.registerDir;
  if (registerExists(dir))
    throw new UserError(`${join(dir, 'register.yaml')} already exists`, EXIT.usage, 'a register is created once; change its settings with `evenhand config set <key> <value>` (see `evenhand config list`)');

  // The settings come from a preset (data, with a comment citing the protocol's section above each
  // setting); flags given here are laid over it and the whole is validated like register.yaml.
  const doc = parsePreset(await readPresetText(opts.protocol ?? DEFAULT_PRESET));
  const preset = (doc.toJS() ?? {}) as { body?: string; election?: { name?: string; poll_date?: string; kind?: string; nation?: string } };
  const given = <T,>(value: T | undefined, fromPreset: T | undefined) => value ?? fromPreset;
  const body = given(opts.body, preset.body) ?? (await askText(env, undefined, '--body', 'The public body keeping this register', '"Wessex OPCC"'));
  const election = given(opts.election, preset.election?.name) ?? (await askText(env, undefined, '--election', 'The election', '"Wessex PCC election 2024"'));
  // Typed dates read day first (27/11/2026, issue 13), as everywhere else.
  const pollDate = opts.pollDate !== undefined || preset.election?.poll_date === undefined ? await askDate(env, opts.pollDate, '--poll-date', 'Poll date') : preset.election.poll_date;
  const choose = (value: string | undefined, fromPreset: string | undefined, flag: string, message: string, choices: readonly string[]) =>
    value !== undefined || fromPreset !== undefined || !env.interactive ? askChoice(env, value ?? fromPreset ?? choices[0], flag, message, enumChoices(choices)) : askChoice(env, undefined, flag, message, enumChoices(choices));
  const kind = await choose(opts.kind, preset.election?.kind, '--kind', 'Kind of election', ELECTION_KINDS);
  const nation = await choose(opts.nation, preset.election?.nation, '--nation', 'Nation (whose bank holidays count)', NATIONS);

  // A preset's dates belong to its own election: with another poll date, the returning officer's
  // start of the pre-election period no longer applies, and fixed-date events need new dates.
  const otherPoll = opts.protocol !== undefined && preset.election?.poll_date !== undefined && pollDate !== preset.election.poll_date;
  if (otherPoll && opts.preElectionStart === undefined && doc.hasIn(['policy', 'pre_election_period_start'])) doc.deleteIn(['policy', 'pre_election_period_start']);
  if (otherPoll && doc.hasIn(['events']))
    env.stderr.write(`note: the ${opts.protocol} preset's fixed-date events are for a poll on ${preset.election?.poll_date}; set their dates in register.yaml (events)\n`);
  // The SPOC's contact and who may decide: what candidates are told and what check judges by. Asked
  // only at a terminal, and only what neither a flag nor the preset says.
  const emailOk = (v: string) => (RegisterConfig.shape.spoc.shape.email.safeParse(v).success ? undefined : 'expected an email address, e.g. candidates@wessex-opcc.example');
  const unset = (path: string[]) => doc.getIn(path) === undefined;
  const spocName = opts.spoc ?? (unset(['spoc', 'name']) ? ((await askOptionalText(env, undefined, 'Single point of contact, as published (a job title or team)')) ?? 'Single point of contact for candidate requests') : undefined);
  const spocEmail = opts.spocEmail ?? (unset(['spoc', 'email']) ? await askOptionalText(env, undefined, "The SPOC's email address", emailOk) : undefined);
  const spocPhone = opts.spocPhone ?? (unset(['spoc', 'phone']) ? await askOptionalText(env, undefined, "The SPOC's telephone number") : undefined);
  let deciders = opts.decider;
  if (!deciders?.length && opts.protocol === undefined && env.interactive) {
    const roles = [...DEFAULT_DECIDERS, 'monitoring-officer'];
    deciders = await askChoices('Who may decide requests', roles.map((r) => ({ value: r, checked: DEFAULT_DECIDERS.includes(r) })));
    const more = await askOptionalText(env, undefined, 'Other deciding roles, comma-separated (e.g. head-of-communications)');
    if (more) deciders.push(...more.split(',').map((r) => r.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean));
  }
  overridePreset(doc, [
    [['body'], body],
    [['election', 'name'], election],
    [['election', 'kind'], kind],
    [['election', 'poll_date'], pollDate],
    [['election', 'nation'], nation],
    [['spoc', 'name'], spocName],
    [['spoc', 'email'], spocEmail],
    [['spoc', 'phone'], spocPhone],
    [['deciders'], deciders?.length ? deciders : undefined],
    [['response_target_days'], opts.targetDays === undefined ? undefined : Number(opts.targetDays)],
    [['label'], opts.label],
    [['policy', 'political_requests'], opts.political],
    [['policy', 'undeclared'], opts.undeclared],
    [['policy', 'written_confirmation_required'], opts.writtenConfirmation],
    [['policy', 'pre_election_period_start'], opts.preElectionStart],
    // A new register publishes only what a person approved (issue 11), unless --review off or its
    // preset says otherwise; an older register without the key keeps publishing everything
    // (docs/decisions/0016-review-before-publication.md).
    [['publication', 'review'], opts.review ?? (doc.hasIn(['publication', 'review']) ? undefined : 'required')],
  ]);
  orderAsSchema(doc);
  commentUncommented(doc, ' Given to `evenhand init`.');
  const checked = validatePreset(doc);
  if (!checked.config) {
    const problem = checked.problems[0];
    const flag: Record<string, string> = {
      'election.poll_date': '--poll-date',
      response_target_days: '--target-days',
      'policy.pre_election_period_start': '--pre-election-start',
      'spoc.email': '--spoc-email',
      'policy.political_requests': '--political',
      'policy.undeclared': '--undeclared',
      deciders: '--decider',
      'publication.review': '--review',
    };
    throw new UserError(`${flag[problem.path] ?? problem.path}: ${problem.message}`, EXIT.usage);
  }

  await createRegister(dir, schemaHeader('', 'register') + doc.toString({ lineWidth: 0 }), async () => {
    const who = await recorder({ ...env, registerDir: dir });
    return {
      subject: `init register: ${body}${opts.protocol ? ` (protocol ${opts.protocol})` : ''}`,
      trailers: { 'Evenhand-Entry': 'init', 'Recorded-By': who },
      date: env.now(),
      clock: clockOf(env),
      fallbackName: who,
    };
  });
  const shown = relative(env.cwd, dir) || '.';
  if (env.json) env.stdout.write(`${JSON.stringify({ register: dir }, null, 2)}\n`);
  else
    env.stdout.write(
      `created register in ${shown} for ${body}\nnext: evenhand -r ${shown} candidate add --name "<name>" --status declared\n`,
    );
  return 0;
}
