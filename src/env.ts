// Everything a command needs from the outside world, passed in so tests can fix the clock
// and read the output (DESIGN.md habit 1). Built once per process by cli.ts.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { usageError } from './domain/errors.js';
import { ukDateTime } from './domain/uk-time.js';

export interface Output {
  write(text: string): void;
}

export interface Env {
  cwd: string;
  /** The register folder, resolved from --register, $EVENHAND_REGISTER, or the nearest register.yaml upward. */
  registerDir: string;
  now(): Date;
  stdout: Output;
  stderr: Output;
  /** May we ask questions? False with --no-input or when stdin is not a terminal. */
  interactive: boolean;
  /** Print machine-readable JSON instead of text. */
  json: boolean;
  color: boolean;
  randomBytes(n: number): Uint8Array;
  vars: Record<string, string | undefined>;
}

export interface GlobalOptions {
  register?: string;
  input?: boolean;
  json?: boolean;
  color?: boolean;
}

/**
 * The register folder, resolved once through realpath: it may be reached through a link (/tmp on
 * macOS), but nothing inside it is ever followed (src/store/contained.ts). A folder not there yet
 * (`init`) stays as given.
 */
function real(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return dir;
  }
}

/** -r, else $EVENHAND_REGISTER, else the nearest folder upward holding register.yaml, else ./register. */
export function resolveRegisterDir(cwd: string, flag: string | undefined, vars: Record<string, string | undefined>): string {
  if (flag) return real(resolve(cwd, flag));
  if (vars.EVENHAND_REGISTER) return real(resolve(cwd, vars.EVENHAND_REGISTER));
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'register.yaml'))) return dir;
    if (dirname(dir) === dir) break;
  }
  return resolve(cwd, 'register');
}

/**
 * The clock. $EVENHAND_NOW fixes it (tests, and re-running a check as of a past moment);
 * otherwise the system clock.
 */
export function clockFrom(vars: Record<string, string | undefined>): () => Date {
  const fixed = vars.EVENHAND_NOW;
  if (!fixed) return () => new Date();
  const d = new Date(fixed);
  if (Number.isNaN(d.getTime())) throw usageError(`EVENHAND_NOW="${fixed}" is not a date-time`, 'use ISO 8601, e.g. 2024-03-25T10:00:00Z');
  return () => new Date(d);
}

export function processEnv(opts: GlobalOptions): Env {
  const vars = process.env;
  const stdinTTY = Boolean(process.stdin.isTTY);
  return {
    cwd: process.cwd(),
    registerDir: resolveRegisterDir(process.cwd(), opts.register, vars),
    now: clockFrom(vars),
    stdout: { write: (t) => void process.stdout.write(t) },
    stderr: { write: (t) => void process.stderr.write(t) },
    interactive: opts.input !== false && stdinTTY,
    json: Boolean(opts.json),
    // Colour in a terminal; never with --no-color or NO_COLOR (no-color.org); FORCE_COLOR asks for it in a pipe.
    color: opts.color !== false && !vars.NO_COLOR && (Boolean(process.stdout.isTTY) || Boolean(vars.FORCE_COLOR && vars.FORCE_COLOR !== '0')),
    randomBytes: (n) => nodeRandomBytes(n),
    vars,
  };
}

/** The date in the UK for an instant: registers are kept on UK calendars. */
export function ukDate(d: Date): string {
  return ukDateTime(d).date;
}

/** Who is recording: $EVENHAND_USER, else the OS user. (git's user.name is used for the commit itself.) */
export function recorderName(env: Env): string {
  if (env.vars.EVENHAND_USER) return env.vars.EVENHAND_USER;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
