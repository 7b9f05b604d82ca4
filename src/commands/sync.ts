import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface SyncCommandOptions {
  remote?: string;
  json?: boolean;
}

export async function runSync(env: Env, opts: SyncCommandOptions): Promise<number> {
  const { syncWithRemote } = await import('../store/sync.js');
  const { requireConfig } = await import('../store/register-store.js');
  await requireConfig(env.registerDir);
  const result = await syncWithRemote(env.registerDir, {
    remote: opts.remote,
    onRetry: (attempt, waitMs) => {
      if (!env.json) env.stderr.write(`another office pushed first; trying again in ${(waitMs / 1000).toFixed(1)} s (attempt ${attempt + 1})\n`);
    },
  });
  if (env.json) {
    env.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const where = `${result.remote}/${result.remoteBranch}`;
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  if (result.created) env.stdout.write(`created ${where} and pushed ${n(result.pushed, 'commit')}\n`);
  else if (result.pulled === 0 && result.pushed === 0) env.stdout.write(`already in step with ${where}\n`);
  else env.stdout.write(`in step with ${where}: ${n(result.pulled, 'commit')} from other offices, ${n(result.pushed, 'commit')} of yours pushed\n`);
  return 0;
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('share entries with the other offices: fetch, put your new entries after theirs, push (retrying when another office pushed first)')
    .option('--remote <name>', "the shared repository's remote (default: the branch's upstream, else the only remote, else origin)")
    .option('--json', 'print {"remote", "branch", "pulled", "pushed", "attempts"}')
    .addHelpText(
      'after',
      `
The OPCC, the force and partners can keep one register from several clones (Humberside 11.b).
Each entry is a new file with a unique id, so syncing never conflicts and nothing is lost; your
commits keep the instant they were recorded, so \`evenhand audit\` stays clean. sync refuses to run
with uncommitted changes, and if a file edited by hand does conflict it undoes the rebase and says
what to do. It refuses (exit 1, changing nothing here) when the shared branch no longer holds what
this clone had from it: someone force-pushed a rewrite; the message names the commits that vanished.

Example:
  evenhand sync
  evenhand sync --remote shared`,
    )
    .action(action(runSync));
}
