// Every prompt has a flag (DESIGN.md habit 4): in a terminal a missing value is asked for;
// without one it is a usage error naming the flag. @inquirer/prompts loads only when needed.
import type { Env } from '../env.js';
import { usageError } from '../domain/errors.js';

export interface Choice<T extends string> {
  value: T;
  name?: string;
  description?: string;
}

function missing(flag: string, example?: string): Error {
  return usageError(`missing ${flag}`, `pass ${flag}${example ? ` ${example}` : ''}, or run in a terminal to be asked`);
}

export async function askText(env: Env, value: string | undefined, flag: string, message: string, example?: string): Promise<string> {
  if (value !== undefined) return value;
  if (!env.interactive) throw missing(flag, example);
  const { input } = await import('@inquirer/prompts');
  return input({ message, required: true });
}

export async function askOptionalText(env: Env, value: string | undefined, message: string): Promise<string | undefined> {
  if (value !== undefined || !env.interactive) return value;
  const { input } = await import('@inquirer/prompts');
  const answer = await input({ message: `${message} (optional, Enter to skip)` });
  return answer.trim() ? answer : undefined;
}

export async function askLongText(env: Env, value: string | undefined, flag: string, message: string): Promise<string> {
  if (value !== undefined) return value;
  if (!env.interactive) throw missing(flag, '<text> (or --text-file <file>)');
  const { editor } = await import('@inquirer/prompts');
  return editor({ message, validate: (t) => (t.trim() ? true : 'the text must not be empty') });
}

export async function askChoice<T extends string>(
  env: Env,
  value: string | undefined,
  flag: string,
  message: string,
  choices: readonly Choice<T>[],
): Promise<T> {
  if (value !== undefined) {
    const found = choices.find((c) => c.value === value);
    if (!found) throw usageError(`${flag} "${value}" is not one of: ${choices.map((c) => c.value).join(', ')}`);
    return found.value;
  }
  if (!env.interactive) throw missing(flag, `<${choices.map((c) => c.value).join('|')}>`);
  const { select } = await import('@inquirer/prompts');
  return select<T>({ message, choices: choices.map((c) => ({ value: c.value, name: c.name ?? c.value, description: c.description })) });
}

export function enumChoices<T extends string>(values: readonly T[]): Choice<T>[] {
  return values.map((value) => ({ value }));
}
