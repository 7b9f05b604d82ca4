import type { Env } from '../env.js';
import { configKeys, findConfigKey, getConfigValue, readConfigValue, setConfigValue } from '../domain/config-edit.js';
import { EXIT, UserError, usageError } from '../domain/errors.js';
import { commitPaths } from '../store/commit.js';
import { readConfigText, replaceConfigText } from '../store/config-file.js';
import { uncommittedFiles } from '../store/work-tree.js';
import { pickChoice, readDate } from '../terminal/ask.js';
import { recorder } from './common.js';

interface ConfigOptions {
  json?: boolean;
}

/** A value as people read it: lists one per line, nothing set said so. */
function shown(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function keyArg(typed: string) {
  const found = findConfigKey(typed);
  if ('key' in found) return found.key;
  throw usageError(
    `"${typed}" is not a setting in register.yaml`,
    found.suggestion ? `did you mean ${found.suggestion}? (evenhand config list shows them all)` : `settings: ${configKeys().map((k) => k.key).join(', ')}`,
  );
}

export async function runConfigGet(env: Env, opts: ConfigOptions, typedKey: string): Promise<number> {
  const key = await keyArg(typedKey);
  const value = getConfigValue(await readConfigText(env.registerDir), key.key);
  if (env.json || opts.json) env.stdout.write(`${JSON.stringify({ key: key.key, value: value ?? null }, null, 2)}\n`);
  else env.stdout.write(`${shown(value)}\n`);
  return 0;
}

export async function runConfigList(env: Env, opts: ConfigOptions): Promise<number> {
  const text = await readConfigText(env.registerDir);
  const rows = configKeys().map((k) => ({ key: k.key, value: getConfigValue(text, k.key) ?? null, kind: k.kind, choices: k.choices ?? null }));
  if (env.json || opts.json) env.stdout.write(`${JSON.stringify({ settings: rows }, null, 2)}\n`);
  else for (const r of rows) env.stdout.write(`${r.key.padEnd(36)}${shown(r.value ?? undefined)}${r.choices ? `  (${r.choices.join(' | ')})` : ''}\n`);
  return 0;
}

export function runConfigSet(env: Env, opts: ConfigOptions, typedKey: string, rawValue: string): Promise<number> {
  return changeSetting(env, opts, typedKey, rawValue, false);
}

export function runConfigUnset(env: Env, opts: ConfigOptions, typedKey: string): Promise<number> {
  return changeSetting(env, opts, typedKey, undefined, true);
}

async function changeSetting(env: Env, opts: ConfigOptions, typedKey: string, rawValue: string | undefined, unset: boolean): Promise<number> {
  const key = await keyArg(typedKey);
  if (!unset && rawValue === undefined) throw usageError(`missing the value for ${key.key}`, `evenhand config set ${key.key} <value>`);
  // A change made by hand and not committed would be swept into this commit under evenhand's name.
  const pending = await uncommittedFiles(env.registerDir);
  if (pending === null) throw new UserError('the register is not in a git repository', EXIT.usage, 'settings changes are committed: run `git init` first');
  if (pending.includes('register.yaml'))
    throw new UserError('register.yaml has changes that are not committed', EXIT.findings, 'commit them first (git commit register.yaml), or undo them (git checkout -- register.yaml), then run config set again');

  let value: unknown;
  if (!unset) {
    value = readConfigValue(key, rawValue!, (typed) => readDate(env, typed, key.key));
    if (key.kind === 'choice') value = pickChoice(String(value), key.key, key.choices!);
  }
  const text = await readConfigText(env.registerDir);
  const edit = setConfigValue(text, key.key, value);
  if (!edit.ok) throw new UserError(`config ${unset ? 'unset' : 'set'} refused; nothing was written: ${edit.message}`, EXIT.usage);
  if (JSON.stringify(edit.before) === JSON.stringify(value)) {
    env.stderr.write(`${key.key} is already ${shown(value)}; nothing to change\n`);
    return 0;
  }
  await replaceConfigText(env.registerDir, edit.text);
  const who = await recorder(env);
  try {
    await commitPaths({
      cwd: env.registerDir,
      paths: ['register.yaml'],
      subject: `config ${unset ? 'unset' : 'set'} ${key.key}`,
      body: `${key.key}: ${shown(edit.before)} -> ${unset ? '(not set)' : shown(value)}`,
      trailers: { 'Evenhand-Entry': 'config-set', 'Evenhand-Setting': key.key, 'Recorded-By': who },
      date: env.now(),
      fallbackName: who,
    });
  } catch (err) {
    await replaceConfigText(env.registerDir, text); // nothing half-done: the file as it was
    throw err;
  }
  if (env.json || opts.json) env.stdout.write(`${JSON.stringify({ key: key.key, before: edit.before ?? null, value: value ?? null }, null, 2)}\n`);
  else env.stdout.write(`${key.key}: ${shown(edit.before)} -> ${unset ? '(not set)' : shown(value)}\n`);
  return 0;
}
