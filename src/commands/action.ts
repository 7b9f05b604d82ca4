// The bridge between commander and a command's run(env, opts): builds the Env and sets the exit code.
import type { Command } from 'commander';
import type { Env, GlobalOptions } from '../env.js';

export type Action<O> = (env: Env, opts: O, ...args: string[]) => Promise<number | void>;

/** The Env of the running command, so the top-level error handler can print paths the user can open. */
let currentEnv: Env | undefined;

export function action<O>(run: Action<O>) {
  return async function (this: Command, ...args: unknown[]): Promise<void> {
    const cmd = this;
    const opts = cmd.opts() as O;
    const globals = cmd.optsWithGlobals() as GlobalOptions;
    const positional = args.slice(0, cmd.registeredArguments.length) as string[];
    const { processEnv } = await import('../env.js');
    const env = processEnv(globals);
    currentEnv = env;
    const code = await run(env, opts, ...positional);
    process.exitCode = code ?? 0;
  };
}

export function lastEnv(): Env | undefined {
  return currentEnv;
}
