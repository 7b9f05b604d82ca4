// Builds the commander program. Each command's definition (options, help) is in src/cli/<name>.ts;
// what it does is in src/commands/<name>.ts, loaded only when that command runs, so `--help` starts
// fast (docs/decisions/0020-lazy-commands-static-imports.md).
import { Command, CommanderError, Option } from 'commander';
import { lastEnv } from './commands/action.js';
import { EXIT } from './domain/errors.js';
import { registerInit } from './cli/init.js';
import { registerProtocol } from './cli/protocol.js';
import { registerCandidate } from './cli/candidate.js';
import { registerRequest } from './cli/request.js';
import { registerDecide } from './cli/decide.js';
import { registerRespond } from './cli/respond.js';
import { registerConfirm } from './cli/confirm.js';
import { registerNotify } from './cli/notify.js';
import { registerRefer } from './cli/refer.js';
import { registerClarification } from './cli/clarification.js';
import { registerShow } from './cli/show.js';
import { registerList } from './cli/list.js';
import { registerSchema } from './cli/schema.js';
import { registerCheck } from './cli/check.js';
import { registerBuild } from './cli/build.js';
import { registerPreview } from './cli/preview.js';
import { registerAudit } from './cli/audit.js';
import { registerCorrect } from './cli/correct.js';
import { registerSync } from './cli/sync.js';
import { registerTimetable } from './cli/timetable.js';
import { registerExtend } from './cli/extend.js';
import { registerConfig } from './cli/config.js';
import { registerRecover } from './cli/recover.js';
import { registerApprove } from './cli/approve.js';
import { registerReview } from './cli/review.js';
import { registerDoctor } from './cli/doctor.js';

export function buildProgram(): Command {
  const program = new Command('evenhand')
    .description(
      "Keep the register of election candidates' requests: log each request, record the decision and the " +
        'response, check the register against the protocol, and publish an anonymised disclosure log.',
    )
    .version('0.1.0', '-V, --version')
    .option('-r, --register <dir>', 'the register folder (else $EVENHAND_REGISTER, else the nearest register.yaml upward, else ./register)')
    .option('--no-input', 'never ask questions; a missing value is an error naming its flag (automatic without a terminal)')
    .addOption(new Option('--no-color', 'plain text output'))
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Exit codes: 0 ok, 1 findings or invalid data, 2 usage error, 3 internal error, 130 cancelled (Ctrl-C).

Environment:
  EVENHAND_REGISTER   the register folder, when -r is not given
  EVENHAND_USER       who is recording (recorded_by), else git's user.name, else the OS user
  EVENHAND_NOW        fix the clock to this instant (ISO 8601), for tests and demonstrations only:
                      every commit made under it says so (Evenhand-Clock: fixed <instant>) and
                      \`evenhand audit\` reports it. Never set it when keeping a real register.
  NO_COLOR            plain output even in a terminal (FORCE_COLOR=1 colours it even in a pipe)

Dates are typed day first: 27/11/2026, "27/11/2026 10:30", today, now, "yesterday 16:30" or 2026-11-27.

A day as the SPOC:
  evenhand candidate add --name "Alex Morgan" --party "Wessex First" --status declared --declared-on 2024-04-05
  evenhand request --candidate c-7k2q --received 2024-04-08 --channel email --category budget \\
    --subject "Overtime budget" --text "How much was spent on overtime in 2023/24?" --foi
  evenhand decide 2024-0408-k7q2 --outcome provide --by chief-executive
  evenhand respond 2024-0408-k7q2 --sent 2024-04-15 --channel email --text-file reply.txt
  evenhand list --status open`,
    );
  program.exitOverride();

  registerInit(program);
  registerProtocol(program);
  registerCandidate(program);
  registerRequest(program);
  registerDecide(program);
  registerRespond(program);
  registerConfirm(program);
  registerRefer(program);
  registerNotify(program);
  registerClarification(program);
  registerShow(program);
  registerList(program);
  registerCheck(program);
  registerTimetable(program);
  registerExtend(program);
  registerConfig(program);
  registerSchema(program);
  registerCorrect(program);
  registerReview(program);
  registerApprove(program);
  registerAudit(program);
  registerSync(program);
  registerRecover(program);
  registerBuild(program);
  registerPreview(program);
  registerDoctor(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = await reportError(err);
  }
}

async function reportError(err: unknown): Promise<number> {
  if (err instanceof CommanderError) {
    // Help and version exit 0; every other commander error is a usage error.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const { UserError } = await import('./domain/errors.js');
  if (err instanceof UserError) {
    if (err.findings.length > 0) {
      const { formatFinding } = await import('./domain/findings.js');
      const { registerPrefix } = await import('./terminal/output.js');
      const env = lastEnv();
      const prefix = env ? registerPrefix(env) : '';
      for (const f of err.findings) process.stderr.write(`${formatFinding(f, prefix)}\n`);
    }
    process.stderr.write(`evenhand: ${err.message}\n`);
    if (err.hint) process.stderr.write(`  hint: ${err.hint}\n`);
    return err.exitCode;
  }
  if (err && typeof err === 'object' && (err as { name?: string }).name === 'ExitPromptError') {
    // Ctrl-C at a prompt: the shell's convention for "ended by SIGINT" (128 + 2).
    process.stderr.write('\nevenhand: cancelled; nothing was written\n');
    return EXIT.interrupted;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`evenhand: internal error (this is a bug; please report it with the command you ran): ${message}\n`);
  if (process.env.EVENHAND_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return EXIT.internal;
}
