import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

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
  const { findConfigKey, configKeys } = await import('../domain/config-edit.js');
  const { usageError } = await import('../domain/errors.js');
  const found = findConfigKey(typed);
  if ('key' in found) return found.key;
  throw usageError(
    `"${typed}" is not a setting in register.yaml`,
    found.suggestion ? `did you mean ${found.suggestion}? (evenhand config list shows them all)` : `settings: ${configKeys().map((k) => k.key).join(', ')}`,
  );
}

export async function runConfigGet(env: Env, opts: ConfigOptions, typedKey: string): Promise<number> {
  const { readConfigText } = await import('../store/config-file.js');
  const { getConfigValue } = await import('../domain/config-edit.js');
  const key = await keyArg(typedKey);
  const value = getConfigValue(await readConfigText(env.registerDir), key.key);
  if (env.json || opts.json) env.stdout.write(`${JSON.stringify({ key: key.key, value: value ?? null }, null, 2)}\n`);
  else env.stdout.write(`${shown(value)}\n`);
  return 0;
}

export async function runConfigList(env: Env, opts: ConfigOptions): Promise<number> {
  const { readConfigText } = await import('../store/config-file.js');
  const { configKeys, getConfigValue } = await import('../domain/config-edit.js');
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
  const { readConfigText, replaceConfigText } = await import('../store/config-file.js');
  const { readConfigValue, setConfigValue } = await import('../domain/config-edit.js');
  const { uncommittedFiles } = await import('../store/work-tree.js');
  const { commitPaths } = await import('../store/commit.js');
  const { readDate, pickChoice } = await import('../terminal/ask.js');
  const { UserError, EXIT, usageError } = await import('../domain/errors.js');
  const { recorder } = await import('./common.js');
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

export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description('read and change the settings in register.yaml, each change one commit (comments in the file are kept)');
  config
    .command('get')
    .description('print one setting')
    .argument('<key>', 'a dotted key as register.yaml nests it, e.g. spoc.email, election.poll_date, deciders')
    .option('--json', 'print {"key": ..., "value": ...}')
    .action(action(runConfigGet));
  config
    .command('list')
    .description('print every setting and its value')
    .option('--json', 'print {"settings": [...]}')
    .action(action(runConfigList));
  config
    .command('set')
    .description('change one setting, checked against the register.yaml schema, and commit it')
    .argument('<key>', 'a dotted key, e.g. spoc.email, deciders, response_target_days, policy.undeclared')
    .argument('<value>', 'the new value; a list as "a, b"; a date as 02/05/2024 or 2024-05-02')
    .option('--json', 'print {"key": ..., "before": ..., "value": ...}')
    .addHelpText(
      'after',
      `
Examples:
  evenhand config set spoc.email candidates@wessex-opcc.example
  evenhand config set deciders "chief-executive, monitoring-officer"
  evenhand config set response_target_days 15
  evenhand config set policy.pre_election_period_start 25/03/2024

Each change is one commit (trailer Evenhand-Entry: config-set) that audit reads as a settings change.`,
    )
    .action(action(runConfigSet));
  config
    .command('unset')
    .description('remove an optional setting (its default applies again) and commit it')
    .argument('<key>', 'a dotted key, e.g. spoc.phone')
    .option('--json', 'print {"key": ..., "before": ..., "value": null}')
    .action(action(runConfigUnset));
}
