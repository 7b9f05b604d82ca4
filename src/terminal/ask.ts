// Every prompt has a flag (DESIGN.md habit 4): in a terminal a missing value is asked for;
// without one it is a usage error naming the flag. @inquirer/prompts loads only when needed.
// Each answer is judged as it is typed (inquirer's `validate`): a bad answer is asked again on
// the spot, with what was typed still there, never after every later question (issue 13).
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from '../env.js';
import { usageError } from '../domain/errors.js';
import { matchChoice } from '../domain/suggest.js';
import { parseTypedDate, type UkNow } from '../domain/typed-date.js';
import { ukDateTime } from '../domain/uk-time.js';

export interface Choice<T extends string> {
  value: T;
  name?: string;
  description?: string;
}

/** Says why an answer is not acceptable, or undefined when it is. */
export type Check = (value: string) => string | undefined;

function missing(flag: string, example?: string): Error {
  return usageError(`missing ${flag}`, `pass ${flag}${example ? ` ${example}` : ''}, or run in a terminal to be asked`);
}

const asValidate = (check?: Check) => (value: string) => (check ? (check(value) ?? true) : true);

export async function askText(env: Env, value: string | undefined, flag: string, message: string, example?: string, check?: Check): Promise<string> {
  if (value !== undefined) {
    const problem = check?.(value);
    if (problem) throw usageError(`${flag} "${value}": ${problem}`);
    return value;
  }
  if (!env.interactive) throw missing(flag, example);
  const { input } = await import('@inquirer/prompts');
  return input({ message, required: true, validate: asValidate(check) });
}

export async function askOptionalText(env: Env, value: string | undefined, message: string, check?: Check): Promise<string | undefined> {
  if (value !== undefined || !env.interactive) return value;
  const { input } = await import('@inquirer/prompts');
  const answer = await input({ message: `${message} (optional, Enter to skip)`, validate: (v) => (v.trim() ? asValidate(check)(v) : true) });
  return answer.trim() ? answer : undefined;
}

export function ukNow(env: Env): UkNow {
  return ukDateTime(env.now());
}

export interface DateQuestion {
  /** A time of day may be given (YYYY-MM-DDTHH:MM is stored). */
  time?: boolean;
  /** What Enter gives in a terminal, and the value when the flag is left out: `now`, `today` or a date typed the same way. */
  default?: string;
  /** Rules on the date itself (e.g. not in the future), judged as it is typed. */
  check?: Check;
}

/** Read a typed date, refusing with the reason; for flags and for answers alike. */
export function readDate(env: Env, typed: string, flag: string, q: DateQuestion = {}): string {
  const r = parseTypedDate(typed, ukNow(env), { time: q.time });
  if (!r.ok) throw usageError(`${flag} "${typed}": ${r.message}`, q.time ? 'e.g. 27/11/2026, 27/11/2026 10:30, today, now, yesterday 16:30' : 'e.g. 27/11/2026, today, yesterday or 2026-11-27');
  const problem = q.check?.(r.value);
  if (problem) throw usageError(`${flag} "${typed}": ${problem}`);
  return r.value;
}

/**
 * A date from its flag, else asked (re-asked until it reads as a real date that passes `check`),
 * else its default when there is no terminal. Day first: 27/11/2026, today, yesterday 16:30 …
 */
export async function askDate(env: Env, value: string | undefined, flag: string, message: string, q: DateQuestion = {}): Promise<string> {
  if (value !== undefined) return readDate(env, value, flag, q);
  if (!env.interactive) {
    if (q.default) return readDate(env, q.default, flag, q);
    throw missing(flag, q.time ? '27/11/2026 or "27/11/2026 10:30"' : '27/11/2026');
  }
  const { input } = await import('@inquirer/prompts');
  const judge = (typed: string) => {
    const r = parseTypedDate(typed, ukNow(env), { time: q.time });
    if (!r.ok) return r.message;
    return q.check?.(r.value) ?? true;
  };
  const typed = await input({
    message: `${message} (e.g. 27/11/2026${q.time ? ', 27/11/2026 10:30, now' : ''}, today, yesterday)`,
    default: q.default,
    required: true,
    validate: judge,
    // Say the reading back once accepted: "27/11/2026 → Friday 27 November 2026".
    transformer: (typed, { isFinal }) => {
      if (!isFinal) return typed;
      const r = parseTypedDate(typed, ukNow(env), { time: q.time });
      return r.ok ? `${typed} → ${r.reading}` : typed;
    },
  });
  return readDate(env, typed, flag, q);
}

function isOnPath(name: string, vars: Record<string, string | undefined>): boolean {
  return (vars.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

export async function askLongText(env: Env, value: string | undefined, flag: string, message: string): Promise<string> {
  if (value !== undefined) return value;
  if (!env.interactive) throw missing(flag, '<text> (or --text-file <file>)');
  const validate = (t: string) => (t.trim() ? true : 'the text must not be empty');
  if (env.vars.VISUAL || env.vars.EDITOR || isOnPath('nano', env.vars)) {
    const { editor } = await import('@inquirer/prompts');
    const nano = !env.vars.VISUAL && !env.vars.EDITOR;
    if (nano) process.env.EDITOR = 'nano'; // what the editor prompt opens
    const how = nano ? ' (opens nano: type or paste, then Ctrl-O Enter to save and Ctrl-X to finish)' : '';
    return editor({ message: `${message}${how}`, validate });
  }
  return inlineText(message);
}

/**
 * No $EDITOR and no nano: a plain multi-line prompt. Lines are read until one holding only a
 * full stop (or Ctrl-D); an empty text is asked for again.
 */
async function inlineText(message: string): Promise<string> {
  const { createInterface } = await import('node:readline');
  for (;;) {
    process.stdout.write(`? ${message}\n  Type or paste the text. To finish, type a line with only a full stop (.) and press Enter.\n`);
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true, prompt: '> ' });
    const text = await new Promise<string>((resolveText, reject) => {
      const lines: string[] = [];
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        rl.close();
        resolveText(lines.join('\n'));
      };
      rl.on('line', (line) => {
        if (line.trim() === '.') finish();
        else {
          lines.push(line);
          rl.prompt();
        }
      });
      rl.on('close', finish);
      rl.on('SIGINT', () => {
        done = true;
        rl.close();
        // The same error inquirer gives for Ctrl-C, so the CLI exits 130 either way.
        reject(Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' }));
      });
      rl.prompt();
    });
    if (text.trim()) return text.trim() === text ? text : text.replace(/^\n+|\n+$/g, '');
    process.stdout.write('  the text must not be empty\n');
  }
}

/** One value of a fixed list: matched whatever its case or spacing, a near miss answered with "did you mean". */
export function pickChoice<T extends string>(value: string, flag: string, values: readonly T[]): T {
  const m = matchChoice(value, values);
  if (m.ok) return m.value;
  throw usageError(`${flag} "${value}" is not one of: ${values.join(', ')}`, m.suggestion ? `did you mean ${flag} ${m.suggestion}?` : undefined);
}

export async function askChoice<T extends string>(
  env: Env,
  value: string | undefined,
  flag: string,
  message: string,
  choices: readonly Choice<T>[],
): Promise<T> {
  if (value !== undefined) return pickChoice(value, flag, choices.map((c) => c.value));
  if (!env.interactive) throw missing(flag, `<${choices.map((c) => c.value).join('|')}>`);
  const { select } = await import('@inquirer/prompts');
  return select<T>({ message, choices: choices.map((c) => ({ value: c.value, name: c.name ?? c.value, description: c.description })) });
}

/** Several values of a list, in a terminal (Space to tick, Enter to accept), the defaults ticked. */
export async function askChoices<T extends string>(message: string, choices: readonly (Choice<T> & { checked?: boolean })[]): Promise<T[]> {
  const { checkbox } = await import('@inquirer/prompts');
  return checkbox<T>({ message: `${message} (Space to tick or untick, Enter to accept)`, choices: choices.map((c) => ({ value: c.value, name: c.name ?? c.value, checked: c.checked })) });
}

export async function askYesNo(message: string, byDefault: boolean): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: byDefault });
}

export function enumChoices<T extends string>(values: readonly T[]): Choice<T>[] {
  return values.map((value) => ({ value }));
}

/** A date-only flag that defaults to today (--on, --sent, --as-of …), read as people type dates. */
export function dateFlag(env: Env, value: string | undefined, flag: string): string {
  return value === undefined ? ukNow(env).date : readDate(env, value, flag);
}
