// `evenhand preview`: what a communications officer looks at before CI publishes (issue 13). It
// builds the disclosure log into a temporary folder exactly as `evenhand build` does (same public
// view, same leak gate), serves it on the loopback address only, and rebuilds when the register
// changes. Nothing is published and the temporary folder is removed on exit.
import type { Env } from '../env.js';
import { usageError } from '../domain/errors.js';
import { previewFolder, watchRegister } from '../store/preview-files.js';
import { requireConfig } from '../store/register-store.js';
import { serveFolder } from '../store/static-server.js';
import { runBuild } from './build.js';

interface PreviewOptions {
  port: string;
  host: string;
  watch: boolean;
  baseUrl?: string;
}

/** Wait this long after the last change before rebuilding: one commit touches several files. */
const SETTLE_MS = 300;

export async function runPreview(env: Env, opts: PreviewOptions): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port ${opts.port} is not a port number`, 'use 0 to 65535; 0 picks a free port');
  if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host))
    throw usageError(`--host ${opts.host}: a preview is served on this machine only`, 'use 127.0.0.1, localhost or ::1; publish through `evenhand build` and CI');
  await requireConfig(env.registerDir);

  const { work, out, remove } = await previewFolder();
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
    await remove();
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
    watchers.push(...(await watchRegister(env.registerDir, schedule)));
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
