import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface InitOptions {
  body?: string;
  election?: string;
  pollDate?: string;
  kind: string;
  nation: string;
  spoc?: string;
  spocEmail?: string;
  spocPhone?: string;
  political: string;
  undeclared: string;
  writtenConfirmation?: boolean;
  preElectionStart?: string;
  targetDays: string;
  json?: boolean;
}

export async function runInit(env: Env, opts: InitOptions, dirArg?: string): Promise<number> {
  const { resolve, join, relative } = await import('node:path');
  const { existsSync } = await import('node:fs');
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { askText, askChoice, enumChoices } = await import('../terminal/ask.js');
  const { ELECTION_KINDS, NATIONS, RegisterConfig } = await import('../domain/schemas.js');
  const { configYaml } = await import('../domain/serialize.js');
  const { writeSchemaFiles } = await import('../store/schema-files.js');
  const { git, repoRoot } = await import('../store/git.js');
  const { commitPaths } = await import('../store/commit.js');
  const { UserError, EXIT } = await import('../domain/errors.js');
  const { recorder, clockOf } = await import('./common.js');

  // [dir] wins; else --register/$EVENHAND_REGISTER; else ./register.
  const dir = dirArg ? resolve(env.cwd, dirArg) : env.registerDir;
  if (existsSync(join(dir, 'register.yaml')))
    throw new UserError(`${join(dir, 'register.yaml')} already exists`, EXIT.usage, 'a register is created once; edit register.yaml to change its settings');

  const body = await askText(env, opts.body, '--body', 'The public body keeping this register', '"Wessex OPCC"');
  const election = await askText(env, opts.election, '--election', 'The election', '"Wessex PCC election 2024"');
  const pollDate = await askText(env, opts.pollDate, '--poll-date', 'Poll date (YYYY-MM-DD)', '2024-05-02');
  const kind = await askChoice(env, opts.kind, '--kind', 'Kind of election', enumChoices(ELECTION_KINDS));
  const nation = await askChoice(env, opts.nation, '--nation', 'Nation (whose bank holidays count)', enumChoices(NATIONS));

  const parsed = RegisterConfig.safeParse({
    body,
    election: { name: election, kind, poll_date: pollDate, nation },
    spoc: { name: opts.spoc ?? 'Single point of contact for candidate requests', email: opts.spocEmail, phone: opts.spocPhone },
    response_target_days: Number(opts.targetDays),
    policy: {
      political_requests: opts.political,
      undeclared: opts.undeclared,
      written_confirmation_required: Boolean(opts.writtenConfirmation),
      pre_election_period_start: opts.preElectionStart,
    },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    const flag: Record<string, string> = {
      'election.poll_date': '--poll-date',
      response_target_days: '--target-days',
      'policy.pre_election_period_start': '--pre-election-start',
      'spoc.email': '--spoc-email',
      'policy.political_requests': '--political',
      'policy.undeclared': '--undeclared',
    };
    throw new UserError(`${flag[field] ?? field}: ${issue.message}`, EXIT.usage);
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
  await writeFile(join(dir, 'register.yaml'), configYaml(parsed.data as unknown as Record<string, unknown>), { flag: 'wx' });
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
    subject: `init register: ${body}`,
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
    .option('--poll-date <date>', 'polling day, YYYY-MM-DD')
    .option('--kind <kind>', 'pcc | mayoral | local | parliamentary | by-election', 'pcc')
    .option('--nation <nation>', 'england-and-wales | scotland | northern-ireland (whose bank holidays count)', 'england-and-wales')
    .option('--spoc <name>', 'the single point of contact, as published (a job title or team)')
    .option('--spoc-email <email>', "the SPOC's email address")
    .option('--spoc-phone <phone>', "the SPOC's telephone number")
    .option('--political <policy>', 'clearly political requests: forward-unlogged (Kent) | log', 'log')
    .option('--undeclared <policy>', 'requests from people who have not declared: treat-as-public (Avon and Somerset) | log', 'log')
    .option('--written-confirmation', 'phone and in-person requests must be confirmed in writing (Avon and Somerset 6.1.2)')
    .option('--pre-election-start <date>', "the pre-election period start set by the returning officer, YYYY-MM-DD")
    .option('--target-days <n>', 'working days to answer a request that is not under the FOI Act', '10')
    .option('--json', 'print the register path as JSON')
    .addHelpText('after', '\nExample:\n  evenhand init wessex --body "Wessex OPCC" --election "Wessex PCC election 2024" --poll-date 2024-05-02')
    .action(action(runInit));
}
