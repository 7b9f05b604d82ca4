// Test helpers: throwaway git repositories and the built CLI run as a user would run it.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'evenhand.js');
export const SAMPLE = join(ROOT, 'register');

/** The fixed clock every CLI test runs at unless it says otherwise. */
export const NOW = '2024-04-30T10:00:00Z';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

export async function tempDir(prefix = 'evenhand-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Environment for child processes: fixed clock, fixed recorder, git identity, no terminal, no colour. */
export function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('EVENHAND_') || k.startsWith('GIT_')) delete env[k];
  return {
    ...env,
    EVENHAND_NOW: NOW,
    EVENHAND_USER: 'Test SPOC',
    GIT_AUTHOR_NAME: 'Test SPOC',
    GIT_AUTHOR_EMAIL: 'spoc@example.org',
    GIT_COMMITTER_NAME: 'Test SPOC',
    GIT_COMMITTER_EMAIL: 'spoc@example.org',
    GIT_CONFIG_NOSYSTEM: '1',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run bin/evenhand.js with stdin closed (no terminal), as CI would. */
export function run(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: testEnv(opts.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(opts.input ?? '');
    child.on('close', (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
  });
}

export function gitIn(cwd: string, args: string[]): Promise<string> {
  return new Promise((res, rej) =>
    execFile('git', args, { cwd, env: testEnv() }, (err, stdout, stderr) => (err ? rej(new Error(`${err.message}\n${stderr}`)) : res(stdout))),
  );
}

/** A fresh register with two declared candidates, one prospective; returns their ids. */
export async function makeRegister(opts: { initArgs?: string[] } = {}) {
  // Four CLI runs make the same register every time (fixed clock); make it once per test file and
  // give each test its own copy, repository and all. The ids differ between test files, never within.
  const key = JSON.stringify(opts.initArgs ?? []);
  let template = registerTemplates.get(key);
  if (!template) {
    template = buildRegisterTemplate(opts.initArgs ?? []);
    registerTemplates.set(key, template);
  }
  const made = await template;
  const dir = await tempDir();
  const reg = join(dir, 'register');
  await cp(made.reg, reg, { recursive: true, verbatimSymlinks: true });
  return { dir, reg, alex: made.alex, bea: made.bea, cal: made.cal };
}

const registerTemplates = new Map<string, Promise<{ reg: string; alex: string; bea: string; cal: string }>>();

async function buildRegisterTemplate(initArgs: string[]) {
  const dir = await tempDir('evenhand-template-');
  const reg = join(dir, 'register');
  const init = await run(['init', reg, '--body', 'Test OPCC', '--election', 'Test PCC election 2024', '--poll-date', '2024-05-02', ...initArgs], { cwd: dir });
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const add = async (args: string[]) => {
    const r = await run(['-r', reg, 'candidate', 'add', '--json', ...args], { cwd: dir });
    if (r.code !== 0) throw new Error(`candidate add failed: ${r.stderr}`);
    return JSON.parse(r.stdout).id as string;
  };
  const alex = await add(['--name', 'Alex Morgan', '--party', 'Wessex First', '--email', 'alex@example.org', '--status', 'declared', '--declared-on', '2024-04-05', '--incumbent']);
  const bea = await add(['--name', 'Bea Okafor', '--party', 'Green Lanes', '--status', 'declared', '--declared-on', '2024-04-05']);
  const cal = await add(['--name', 'Cal Singh', '--status', 'prospective']);
  return { reg, alex, bea, cal };
}

/** The folder of a case evenhand creates: cases/<YYYY-MM>/<id> (src/domain/register-model.ts). */
export function caseDir(id: string): string {
  return `cases/${id.slice(0, 7)}/${id}`;
}

/** The ids of the cases in a register, from its month folders (and any older flat case folders). */
export async function listCaseIds(reg: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const ids: string[] = [];
  for (const name of await readdir(join(reg, 'cases')).catch(() => [] as string[])) {
    if (name.startsWith('.')) continue;
    if (/^\d{4}-\d{2}$/.test(name)) ids.push(...(await readdir(join(reg, 'cases', name))).filter((n) => !n.startsWith('.')));
    else ids.push(name);
  }
  return ids.sort();
}
