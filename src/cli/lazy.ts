// Commands are defined up front (their options and help) but loaded only when they run, so
// `evenhand --help` and every command pay only for what they use.
import { action } from '../commands/action.js';
import type { Env } from '../env.js';

type Run = (env: Env, opts: never, ...args: string[]) => Promise<number | void>;

export function lazy<M, K extends keyof M>(load: () => Promise<M>, run: K) {
  return action(async (env: Env, opts: unknown, ...args: string[]) => {
    const module = await load();
    return (module[run] as unknown as Run)(env, opts as never, ...args);
  });
}
