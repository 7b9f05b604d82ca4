// `evenhand preview`: what a communications officer looks at before CI publishes (issue 13). It
// builds the disclosure log into a temporary folder exactly as `evenhand build` does (same public
// view, same leak gate), serves it on the loopback address only, and rebuilds when the register
// changes. Nothing is published and the temporary folder is removed on exit.
import type { Command } from 'commander';
import { action } from './action.js';
import type { Env } from '../env.js';

interface PreviewOptions {
  port: string;
  host: string;
  watch: boolean;
  baseUrl?: string;
}

/** Wait this long after the last change before rebuilding: one commit touches several files. */
const SETTLE_MS = 300;

export async function runPreview(env: Env, opts: PreviewOptions): Promise<number> {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { watch } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join, relative, sep } = await import('node:path');
  const { usageError } = await import('../domain/errors.js');
  const { requireConfig } = await import('../store/register-store.js');
  const { gitDirOf } = await import('../store/commit.js');
  const { serveFolder } = await import('../store/static-server.js');
  const { runBuild } = await import('./build.js');

  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port ${opts.port} is not a port number`, 'use 0 to 65535; 0 picks a free port');
  if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host))
    throw usageError(`--host ${opts.host}: a preview is served on this machine only`, 'use 127.0.0.1, localhost or ::1; publish through `evenhand build` and CI');
  await requireConfig(env.registerDir);

  const work = await mkdtemp(join(tmpdir(), 'evenhand-preview-'));
  const out = join(work, 'site');
  const quiet = { ...env, cwd: work, stdout: { write: () => undefined } };
  const rebuild = async (): Promise<boolean> => {
    try {
      await runBuild(quiet, { out, baseUrl: opts.baseUrl });
      return true;
    } catch (err) {
      // The last good site stays up; the reason is printed as `build` would print it.
      const message = err instanceof Error ? err.message : String(err);
      const hint = (err as { hint?: string }).hint;
      env.stderr.write(`evenhand preview: not rebuilt: ${message}\n${hint ? `  hint: ${hint}\n` : ''}`);
      return false;
    }
  };

  const stop = async (watchers: { close(): void }[], server?: import('node:http').Server) => {
    for (const w of watchers) w.close();
    server?.close();
    server?.closeAllConnections();
    await rm(work, { recursive: true, force: true });
  };

  if (!(await rebuild())) {
    await stop([]);
    return 1;
  }
  const server = await serveFolder(() => out, opts.host, port);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  env.stdout.write(`preview of the disclosure log at http://${host}:${actualPort}/index.html\n`);
  env.stdout.write(opts.watch ? 'rebuilt whenever the register changes; Ctrl-C stops it and removes the preview\n' : 'Ctrl-C stops it and removes the preview\n');

  const watchers: { close(): void }[] = [];
  if (opts.watch) {
    let timer: NodeJS.Timeout | undefined;
    let building = Promise.resolve();
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        building = building.then(async () => {
          if (await rebuild()) env.stdout.write(`rebuilt at ${new Date().toISOString().slice(11, 19)} UTC\n`);
        });
      }, SETTLE_MS);
    };
    // The register's files, and the commit log of its repository (a commit may change no file we read).
    watchers.push(
      watch(env.registerDir, { recursive: true }, (_event, name) => {
        const rel = String(name ?? '');
        if (rel === '.git' || rel.startsWith(`.git${sep}`)) return;
        schedule();
      }),
    );
    const gitDir = await gitDirOf(env.registerDir).catch(() => null);
    if (gitDir && relative(env.registerDir, gitDir).startsWith('..'))
      watchers.push(watch(gitDir, (_event, name) => (String(name) === 'HEAD' || String(name) === 'index' ? schedule() : undefined)));
    else if (gitDir) watchers.push(watch(gitDir, (_event, name) => (String(name) === 'index' ? schedule() : undefined)));
  }

  await new Promise<void>((done) => {
    const finish = () => done();
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
  await stop(watchers, server);
  env.stdout.write('preview stopped and removed\n');
  return 0;
}

export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('build the disclosure log into a temporary folder and serve it on this machine, rebuilding as the register changes')
    .option('--port <n>', 'the port to serve on (0 picks a free one)', '4173')
    .option('--host <host>', 'the loopback address to serve on: 127.0.0.1, localhost or ::1', '127.0.0.1')
    .option('--no-watch', 'build once; do not rebuild when the register changes')
    .option('--base-url <url>', 'as for `evenhand build`: the URL the site will be published at')
    .addHelpText(
      'after',
      `
The preview is built exactly as \`evenhand build\` builds the public site: the same public view and
the same leak gate. If a change to the register cannot be built, the reason is printed and the last
good preview stays up. Nothing is published, and the temporary folder is removed when you stop.

Examples:
  evenhand preview                 # then open http://127.0.0.1:4173/index.html
  evenhand preview --port 8080 --no-watch`,
    )
    .action(action(runPreview));
}
