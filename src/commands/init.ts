import type { Command } from 'commander';
import { action } from './action.js';
import { collect } from './options.js';
import type { Env } from '../env.js';

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
  const { resolve, join, relative } = await import('node:path');
  const { existsSync } = await import('node:fs');
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { askText, askChoice, askChoices, askDate, askOptionalText, enumChoices } = await import('../terminal/ask.js');
  const { DEFAULT_DECIDERS, ELECTION_KINDS, NATIONS, RegisterConfig } = await import('../domain/schemas.js');
  const { schemaHeader } = await import('../domain/serialize.js');
  const { writeSchemaFiles } = await import('../store/schema-files.js');
  const { git, repoRoot } = await import('../store/git.js');
  const { commitPaths } = await import('../store/commit.js');
  const { UserError, EXIT } = await import('../domain/errors.js');
  const { recorder, clockOf } = await import('./common.js');

  // [dir] wins; else --register/$EVENHAND_REGISTER; else ./register.
  const dir = dirArg ? resolve(env.cwd, dirArg) : env.registerDir;
  if (existsSync(join(dir, 'register.yaml')))
    throw new UserError(`${join(dir, 'register.yaml')} already exists`, EXIT.usage, 'a register is created once; change its settings with `evenhand config set <key> <value>` (see `evenhand config list`)');

  // The settings come from a preset (data, with a comment citing the protocol's section above each
  // setting); flags given here are laid over it and the whole is validated like register.yaml.
  const { parsePreset, overridePreset, orderAsSchema, commentUncommented, validatePreset } = await import('../domain/presets.js');
  const { readPresetText, DEFAULT_PRESET } = await import('../store/presets.js');
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

  // Inside an existing repository: refuse before writing anything if the commit would be lost or mixed.
  const { findGitDir, assertReadyToCommit } = await import('../store/repo-state.js');
  const enclosing = await findGitDir(dir);
  if (enclosing) assertReadyToCommit(enclosing);
  await mkdir(dir, { recursive: true });
  if (!(await repoRoot(dir))) {
    await git(dir, ['init', '-q']);
    // A split index rewrites only what changed on each append instead of the whole index (3 MB
    // at 10,000 cases): a third off an append at that size (docs/performance.md). Only set in a
    // repository evenhand creates; an existing one is the user's to configure.
    await git(dir, ['config', 'core.splitIndex', 'true']);
  }
  await writeFile(join(dir, 'register.yaml'), schemaHeader('', 'register') + doc.toString({ lineWidth: 0 }), { flag: 'wx' });
  // Temporary files from an interrupted write never belong in the history.
  if (!existsSync(join(dir, '.gitignore'))) await writeFile(join(dir, '.gitignore'), '*.evenhand-tmp\nsite/\n');
  await mkdir(join(dir, 'cases'), { recursive: true });
  await mkdir(join(dir, 'candidates'), { recursive: true });
  await writeSchemaFiles(join(dir, 'schemas'));
  const { readdir } = await import('node:fs/promises');
  const schemaPaths = (await readdir(join(dir, 'schemas'))).map((f) => `schemas/${f}`);
  const who = await recorder({ ...env, registerDir: dir });
  await commitPaths({
    cwd: dir,
    paths: ['register.yaml', '.gitignore', ...schemaPaths],
    subject: `init register: ${body}${opts.protocol ? ` (protocol ${opts.protocol})` : ''}`,
    trailers: { 'Evenhand-Entry': 'init', 'Recorded-By': who },
    date: env.now(),
    clock: clockOf(env),
    fallbackName: who,
  });
  const shown = relative(env.cwd, dir) || '.';
  if (env.json) env.stdout.write(`${JSON.stringify({ register: dir }, null, 2)}\n`);
  else
    env.stdout.write(
      `created register in ${shown} for ${body}\nnext: evenhand -r ${shown} candidate add --name "<name>" --status declared\n`,
    );
  return 0;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a register (running git init when the folder is not in a repository) and commit it')
    .argument('[dir]', 'where to create it (default: --register, else ./register)')
    .option('--body <name>', 'the public body, e.g. "Wessex OPCC"')
    .option('--election <name>', 'the election, e.g. "Wessex PCC election 2024"')
    .option('--poll-date <date>', 'polling day: 02/05/2024 or 2024-05-02')
    .option('--protocol <name>', 'start from a protocol preset (see `evenhand protocol list`), e.g. hampshire-2021; flags given override it')
    .option('--kind <kind>', 'pcc | mayoral | local | parliamentary | by-election (default: pcc)')
    .option('--nation <nation>', 'england-and-wales | scotland | northern-ireland, whose bank holidays count (default: england-and-wales)')
    .option('--spoc <name>', 'the single point of contact, as published (a job title or team)')
    .option('--spoc-email <email>', "the SPOC's email address")
    .option('--spoc-phone <phone>', "the SPOC's telephone number")
    .option('--decider <role>', 'a role that may decide requests (repeatable; default: chief-executive, chief-constable, deputy-monitoring-officer)', collect)
    .option('--political <policy>', 'clearly political requests: forward-unlogged (Kent) | log (default)')
    .option('--undeclared <policy>', 'requests from people who have not declared: treat-as-public (Avon and Somerset) | log (default)')
    .option('--label <text>', 'label on every request and response, e.g. "PCC Election Candidate Request" (Hampshire 3.4)')
    .option('--written-confirmation', 'phone and in-person requests must be confirmed in writing (Avon and Somerset 6.1.2)')
    .option('--pre-election-start <date>', "the pre-election period start set by the returning officer, YYYY-MM-DD")
    .option('--target-days <n>', 'working days to answer a request that is not under the FOI Act (default: 10)')
    .option('--review <setting>', 'required: publish only cases whose public text a person approved (`evenhand review`); off: publish every case (default: required)')
    .option('--json', 'print the register path as JSON')
    .addHelpText(
      'after',
      '\nWithout --protocol the strictest sensible settings are written (presets/default.yaml); each setting in\nregister.yaml carries a comment saying where it comes from.\nExamples:\n  evenhand init wessex --body "Wessex OPCC" --election "Wessex PCC election 2024" --poll-date 2024-05-02\n  evenhand init humberside --protocol humberside-2024',
    )
    .action(action(runInit));
}
