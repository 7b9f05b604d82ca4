// Test helpers: throwaway git repositories and the built CLI run as a user would run it.
//
// How to make a test file fast (docs/decisions/0030-a-fast-test-suite.md):
// - `run(args)` starts the built CLI in a fresh process, as a user would: use it for every command
//   whose behaviour, output or exit code the test is about.
// - `setup(args)` runs a command through the same built CLI (dist/) inside one long-lived node
//   process per test file (test/setup-runner.mjs): same code, same environment (testEnv), same
//   commits, without a node start and a bundle load each time. Use it only to PREPARE state
//   (the requests, decisions and responses a test needs before the command under test). It
//   returns { code, stdout, stderr } like `run`; `setupId(args)` also checks code 0 and returns
//   the --json output's id.
// - `sharedFixture(name, build)` builds a folder once per `vitest run` (not once per file: the
//   first worker to need it builds it, in the run's folder from test/global-setup.ts) and
//   `copyFixture(f)` gives each test its own copy, git repository and all. `build(dir)` writes into
//   `dir` and returns JSON data (ids) handed back as `f.data`. It must depend only on its name and
//   its own source (the key is the name plus a hash of `build`'s source): a variable it reads from
//   around it must be part of the name. `makeRegister()` is one (a register with three candidates,
//   four CLI runs, once per run per set of init flags); `sampleSite()` is the sample register built.
// - History that is only scenery (many commits of little interest) can be written with
//   `git fast-import` or plain files and one commit; keep the CLI for what the test proves.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'evenhand.js');
export const SAMPLE = join(ROOT, 'register');

/** The fixed clock every CLI test runs at unless it says otherwise. */
export const NOW = '2024-04-30T10:00:00Z';

const made: string[] = [];

/**
 * Remove the temporary folders of the test file that just ran: test/setup-file.ts registers this
 * after every file. (A worker runs many files without a fresh module state, vitest.config.ts, so
 * this module's top level runs once per worker, not once per file.)
 */
export async function removeTempDirs(): Promise<void> {
  const dirs = made.splice(0);
  if (dirs.length === 0) return;
  // One `rm -rf` for them all: node's recursive fs.rm costs ~3× its CPU (~10 ms per small register).
  await new Promise<void>((done, fail) => execFile('rm', ['-rf', '--', ...dirs], (err, _o, stderr) => (err ? fail(new Error(`rm -rf: ${stderr}`)) : done())));
}

export async function tempDir(prefix = 'evenhand-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Environment for child processes: fixed clock, fixed recorder, git identity, no terminal, no colour. */
export function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('EVENHAND_') || k.startsWith('GIT_')) delete env[k];
  // Node reads and parses this whole certificate bundle at every start (~50 ms of CPU, a third of a
  // bare `node -e 0`), and no test makes a TLS connection (the --published downloads are plain
  // http from 127.0.0.1). vitest.config.ts drops it for the test workers too.
  delete env.NODE_EXTRA_CA_CERTS;
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

/**
 * The setup runner of this worker (test/setup-runner.mjs), started on first use and kept for the
 * worker's next test files; it exits with the worker (its IPC channel closes). While it has no
 * command to run, it holds nothing open in the worker, so it never keeps a finished worker alive.
 */
let runner: ChildProcess | undefined;
let nextId = 0;
const pending = new Map<number, (r: RunResult) => void>();

function setupRunner(): ChildProcess {
  if (runner) return runner;
  const child = spawn(process.execPath, [join(ROOT, 'test', 'setup-runner.mjs')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: testEnv() });
  child.unref();
  child.on('message', (m: RunResult & { id: number }) => {
    pending.get(m.id)?.({ code: m.code, stdout: m.stdout, stderr: m.stderr });
    pending.delete(m.id);
    if (pending.size === 0) child.channel?.unref();
  });
  child.on('exit', () => {
    for (const done of pending.values()) done({ code: -1, stdout: '', stderr: 'setup runner exited' });
    pending.clear();
    if (runner === child) runner = undefined;
  });
  runner = child;
  return child;
}

/**
 * Run a command to PREPARE a test's state, through the built CLI inside this file's setup runner
 * (no node start). Not for the command under test: use `run` for that.
 */
export function setup(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  const id = nextId++;
  const child = setupRunner();
  child.channel?.ref();
  return new Promise((done) => {
    pending.set(id, done);
    child.send({ id, args, cwd: opts.cwd ?? ROOT, env: testEnv(opts.env) });
  });
}

/** `setup` a command given --json; fail unless it exits 0; its `id`. */
export async function setupId(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
  const r = await setup(args.includes('--json') ? args : [...args, '--json'], opts);
  if (r.code !== 0) throw new Error(`setup ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout).id as string;
}

export interface Fixture<T> {
  /** The template folder: copy it (copyFixture), never write into it. */
  dir: string;
  data: T;
}

const fixtures = new Map<string, Promise<Fixture<unknown>>>();

/** The folder shared by every file of this run (test/global-setup.ts), or, run without it, this file's own. */
async function fixtureRoot(): Promise<string> {
  let root: string | undefined;
  try {
    root = inject('fixtureRoot');
  } catch {
    root = undefined;
  }
  return root && existsSync(root) ? root : tempDir('evenhand-fixtures-');
}

/**
 * A folder built once per run by `build(dir)` and shared by every test file that asks for it by the
 * same name and the same `build` source. Two workers asking at once may both build it; the first to
 * finish is kept (an atomic rename), the other is thrown away, so every copy is of one build.
 */
export function sharedFixture<T>(name: string, build: (dir: string) => Promise<T>): Promise<Fixture<T>> {
  const key = `${name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}-${createHash('sha256').update(name).update('\0').update(build.toString()).digest('hex').slice(0, 12)}`;
  let made = fixtures.get(key) as Promise<Fixture<T>> | undefined;
  if (!made) {
    made = (async () => {
      const root = await fixtureRoot();
      const final = join(root, key);
      if (!existsSync(join(final, 'data.json'))) {
        const work = join(root, `${key}.building-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
        await mkdir(join(work, 'tree'), { recursive: true });
        const data = await build(join(work, 'tree'));
        await writeFile(join(work, 'data.json'), JSON.stringify(data ?? null));
        // Someone else's build may have landed meanwhile: theirs stays, ours goes.
        await rename(work, final).catch(() => rm(work, { recursive: true, force: true }));
      }
      return { dir: join(final, 'tree'), data: JSON.parse(await readFile(join(final, 'data.json'), 'utf8')) as T };
    })();
    fixtures.set(key, made);
  }
  return made;
}

/** A fresh temporary folder holding a copy of the fixture's folder, git repositories and all. */
export async function copyFixture(f: Fixture<unknown>): Promise<string> {
  const dir = await tempDir();
  await copyTree(f.dir, dir);
  return dir;
}

/**
 * Copy everything in `from` into the existing folder `to`, links as links (`cp -a`). Node's own
 * `fs.cp` spent ~60 ms of CPU on each copy of a small register (~140 files and folders, most of
 * them git's), about 11 s per suite run; one `cp` process does it in a few
 * (docs/decisions/0030-a-fast-test-suite.md, third round).
 */
export function copyTree(from: string, to: string): Promise<void> {
  return new Promise((done, fail) =>
    execFile('cp', ['-a', '--', `${from}/.`, to], (err, _stdout, stderr) => (err ? fail(new Error(`cp -a ${from} ${to}: ${err.message}\n${stderr}`)) : done())),
  );
}

/** A fresh register with two declared candidates, one prospective; returns their ids. */
export async function makeRegister(opts: { initArgs?: string[] } = {}) {
  // Four CLI runs make the same register every time (fixed clock): made once per `vitest run` for
  // each set of init flags, and each test gets its own copy, repository and all. The ids are the
  // same for every test of a run.
  const initArgs = opts.initArgs ?? [];
  const made = await sharedFixture(`register ${initArgs.join(' ')}`, (dir) => buildRegister(dir, initArgs));
  const dir = await copyFixture(made);
  return { dir, reg: join(dir, 'register'), ...made.data };
}

/** init and three `candidate add`s in <dir>/register. */
export async function buildRegister(dir: string, initArgs: string[] = []): Promise<{ alex: string; bea: string; cal: string }> {
  const reg = join(dir, 'register');
  const init = await setup(['init', reg, '--body', 'Test OPCC', '--election', 'Test PCC election 2024', '--poll-date', '2024-05-02', ...initArgs], { cwd: dir });
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const add = (args: string[]) => setupId(['-r', reg, 'candidate', 'add', '--json', ...args], { cwd: dir });
  const alex = await add(['--name', 'Alex Morgan', '--party', 'Wessex First', '--email', 'alex@example.org', '--status', 'declared', '--declared-on', '2024-04-05', '--incumbent']);
  const bea = await add(['--name', 'Bea Okafor', '--party', 'Green Lanes', '--status', 'declared', '--declared-on', '2024-04-05']);
  const cal = await add(['--name', 'Cal Singh', '--status', 'prospective']);
  return { alex, bea, cal };
}

/**
 * The sample register built by `evenhand build` (a fresh process, as a user would run it) from a
 * folder of its own, once per run: { site, code, stdout, stderr }, the site a fresh copy for each
 * caller. For tests that read the default build of register/; a test about other flags builds its own.
 */
export async function sampleSite(): Promise<{ dir: string; site: string } & RunResult> {
  const f = await sharedFixture('sample site', async (dir) => run(['-r', SAMPLE, 'build'], { cwd: dir }));
  const dir = await copyFixture(f);
  return { dir, site: join(dir, 'site'), ...f.data };
}

/**
 * `evenhand check --as-of 2024-05-01 --json` on the sample register (a fresh process), once per run:
 * for the tests that read its findings.
 */
export async function sampleCheck(): Promise<RunResult> {
  const f = await sharedFixture('sample check --as-of 2024-05-01 --json', async () => run(['-r', SAMPLE, 'check', '--as-of', '2024-05-01', '--json']));
  return f.data;
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
