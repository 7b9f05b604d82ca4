// The one place that runs git. We call the git binary directly rather than through simple-git:
// each command runs one or two git processes, and skipping simple-git's load and queue keeps
// `evenhand request` close to the floor of plain git (docs/decisions/0002-git-without-simple-git.md).
import { execFile, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly result: GitResult,
  ) {
    super(`git ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`);
    this.name = 'GitError';
  }
}

export interface GitOptions {
  env?: Record<string, string>;
  input?: string;
  /** Return the result instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  maxBuffer?: number;
}

export function git(cwd: string, args: string[], opts: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...opts.env },
        maxBuffer: opts.maxBuffer ?? 1024 * 1024 * 1024,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new Error('git is not installed or not on PATH: evenhand keeps its audit trail in git; install git and try again'));
          return;
        }
        const result = { stdout, stderr, code };
        if (code !== 0 && !opts.allowFailure) reject(new GitError(args, result));
        else resolve(result);
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/**
 * Run git with its output read as it comes (`git log` over 100,000 cases is hundreds of MB: never
 * held whole). The caller reads `stdout` (pausing it holds git back); `done` settles when git exits.
 */
export function gitStream(cwd: string, args: string[]): { stdout: Readable; done: Promise<{ code: number; stderr: string }> } {
  const child = spawn('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new Error('git is not installed or not on PATH: evenhand keeps its audit trail in git; install git and try again') : err),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
  return { stdout: child.stdout, done };
}

/** The top of the work tree containing dir, or null when dir is not inside a git repository. */
export async function repoRoot(dir: string): Promise<string | null> {
  const r = await git(dir, ['rev-parse', '--show-toplevel'], { allowFailure: true });
  return r.code === 0 ? r.stdout.trim() : null;
}

export async function hasCommits(dir: string): Promise<boolean> {
  const r = await git(dir, ['rev-parse', '--verify', '-q', 'HEAD'], { allowFailure: true });
  return r.code === 0;
}
