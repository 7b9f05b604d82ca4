import type { Command } from 'commander';
import type { Env } from '../env.js';
import { requireConfig } from '../store/register-store.js';
import { syncWithRemote } from '../store/sync.js';

interface SyncCommandOptions {
  remote?: string;
  json?: boolean;
}

export async function runSync(env: Env, opts: SyncCommandOptions): Promise<number> {
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
