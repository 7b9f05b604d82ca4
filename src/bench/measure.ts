// The timing half of `npm run bench`: runs one process and returns its wall time, its CPU time
// and its peak memory. Peak memory is GNU time's %M (the largest resident set of the process and
// of any process it waited for: evenhand's git children count, as the largest one, not summed);
// without /usr/bin/time, a node child reports its own peak through a preload
// (src/bench/peak-preload.ts) and other commands report none.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Sample {
  ms: number;
  /** user + system CPU time */
  cpuMs?: number;
  peakKiB?: number;
}

export interface RunOptions {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  okCodes?: number[];
}

const NODE = process.execPath;
const PRELOAD = join(dirname(fileURLToPath(import.meta.url)), 'peak-preload.js');
const scratch = mkdtempSync(join(tmpdir(), 'evenhand-bench-time-'));
const report = join(scratch, 'usage');
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** GNU time is usable: present and understanding -f (busybox's may not). */
export const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-o', report, '-f', '%M %U %S', 'true']).status === 0 && /^\d+ /.test(readFileSync(report, 'utf8'));

export const memorySource = gnuTime ? '/usr/bin/time %M (largest resident set of the process or any child it waited for)' : 'process.resourceUsage().maxRSS of node children (git children not counted); none for other commands';

/** Run once; throw when the exit code is not one of okCodes (default 0). Output is discarded. */
export function runOnce(cmd: string, args: string[], opts: RunOptions): Sample {
  rmSync(report, { force: true });
  let file = cmd;
  let argv = args;
  if (gnuTime) {
    file = '/usr/bin/time';
    argv = ['-o', report, '-f', '%M %U %S', cmd, ...args];
  } else if (cmd === NODE) argv = ['--import', PRELOAD, ...args];
  const env = gnuTime || cmd !== NODE ? opts.env : { ...opts.env, EVENHAND_BENCH_USAGE: report };
  const t = performance.now();
  const r = spawnSync(file, argv, { cwd: opts.cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  if (!(opts.okCodes ?? [0]).includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr?.slice(-2000)}`);
  const usage = existsSync(report) ? readFileSync(report, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) : undefined;
  if (!usage || usage.some((x) => !Number.isFinite(x))) return { ms };
  // GNU time: KiB, user s, system s; the preload: KiB, user ms, system ms.
  const [peakKiB, user, sys] = usage;
  return { ms, peakKiB, cpuMs: gnuTime ? (user + sys) * 1000 : user + sys };
}

export interface Series {
  samples: Sample[];
}

export const series = (): Series => ({ samples: [] });
export const ms = (s: Series) => s.samples.map((x) => x.ms);
export const cpu = (s: Series) => s.samples.flatMap((x) => (x.cpuMs === undefined ? [] : [x.cpuMs]));
export const peak = (s: Series): number | undefined => {
  const xs = s.samples.flatMap((x) => (x.peakKiB === undefined ? [] : [x.peakKiB]));
  return xs.length ? Math.max(...xs) : undefined;
};
