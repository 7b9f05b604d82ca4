// `npm run bench`: medians over several runs of each measured command, the ratios issue 6 sets
// as targets, written to docs/performance.md with the machine, the date and the commit.
// `npm run bench -- --generate <N> <dir>` only writes a synthetic register.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRegister } from './generate.js';
import { redactionGrowth } from './redaction-growth.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'evenhand.js');
const NODE = process.execPath;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(`usage: npm run bench -- [options]

Times evenhand on synthetic registers and writes docs/performance.md (medians, floors, ratios).

  --runs <n>          runs per measurement after one warm-up (default 5)
  --sizes <a,b,c>     register sizes in cases (default 100,1000,10000)
  --work <dir>        keep the generated registers in <dir> and reuse them next time
  --no-write          print the table without writing docs/performance.md
  --generate <n> <dir>  only write a synthetic register of <n> cases into <dir>
  --redaction         only the redaction growth measure (32 KB vs 128 KB hostile text)
`);
  process.exit(0);
}

if (process.argv.includes('--generate')) {
  const n = Number(arg('--generate'));
  const dir = process.argv[process.argv.indexOf('--generate') + 2];
  if (!n || !dir) {
    process.stderr.write('usage: npm run bench -- --generate <cases> <dir>\n');
    process.exit(2);
  }
  const t = performance.now();
  const r = await generateRegister(resolve(dir), n);
  process.stdout.write(`generated ${r.cases} cases, ${r.commits} commits in ${dir} (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
  process.exit(0);
}

if (process.argv.includes('--redaction')) {
  for (const g of redactionGrowth(Number(arg('--runs') ?? 3))) {
    process.stdout.write(`redaction ${g.input}: 32 KB ${g.smallMs.toFixed(1)} ms, 128 KB ${g.largeMs.toFixed(1)} ms, ratio ${g.ratio.toFixed(2)}× (linear ≈ 4, quadratic ≈ 16)\n`);
  }
  process.exit(0);
}

const RUNS = Number(arg('--runs') ?? 5);
const SIZES = (arg('--sizes') ?? '100,1000,10000').split(',').map(Number);
const ENV = { ...process.env, EVENHAND_USER: 'Bench SPOC', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'b@bench.example', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'b@bench.example', NO_COLOR: '1' };

interface Timing {
  median: number;
  runs: number[];
  peakKiB?: number;
}

/** Run a command `runs` times (after one warm-up) and return the median wall time in ms. */
function time(cmd: string, args: string[], opts: { cwd?: string; runs?: number; memory?: boolean; env?: NodeJS.ProcessEnv; okCodes?: number[] } = {}): Timing {
  const runs: number[] = [];
  let peak = 0;
  const n = opts.runs ?? RUNS;
  const useTime = opts.memory && existsSync('/usr/bin/time');
  for (let i = 0; i <= n; i++) {
    const t = performance.now();
    const r = useTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd: opts.cwd, env: opts.env ?? ENV, encoding: 'utf8', maxBuffer: 1 << 30 })
      : spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - t;
    if (!(opts.okCodes ?? [0]).includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr?.slice(-2000)}`);
    if (useTime) peak = Math.max(peak, Number(r.stderr.trim().split('\n').at(-1)));
    if (i > 0) runs.push(ms); // the first run warms the page cache
  }
  runs.sort((a, b) => a - b);
  const median = runs.length % 2 ? runs[(runs.length - 1) / 2] : (runs[runs.length / 2 - 1] + runs[runs.length / 2]) / 2;
  return { median, runs, peakKiB: useTime ? peak : undefined };
}

const ANALYSIS_MARKER = '<!-- analysis: kept by npm run bench -->';
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const helpText = spawnSync(NODE, [BIN, '--help'], { encoding: 'utf8' }).stdout;
const hasCommand = (name: string) => new RegExp(`^  ${name}\\b`, 'm').test(helpText);

interface Row {
  what: string;
  measured: string;
  floor: string;
  ratio: number;
  target: number;
  note?: string;
}
const rows: Row[] = [];
const lines: string[] = [];
const log = (s: string) => {
  process.stdout.write(`${s}\n`);
  lines.push(s);
};

// --work <dir> keeps the generated registers between runs (generating 10,000 cases takes a while);
// the few cases the append measurements add do not change the other measurements.
const keep = arg('--work');
const work = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'evenhand-bench-'));
try {
  const regs: Record<number, string> = {};
  for (const n of SIZES) {
    const t = performance.now();
    regs[n] = join(work, `r${n}`);
    if (keep && existsSync(join(regs[n], 'register.yaml'))) continue;
    const g = await generateRegister(regs[n], n);
    log(`generated ${n} cases (${g.commits} commits) in ${fmt(performance.now() - t)}`);
  }
  const small = regs[Math.min(...SIZES)];
  const large = regs[Math.max(...SIZES)];
  const largeN = Math.max(...SIZES);

  // Redaction: linear in the text (issue 11). The worst of several hostile inputs.
  const growth = redactionGrowth(RUNS);
  for (const g of growth) log(`redaction ${g.input}: 32 KB ${fmt(g.smallMs)}, 128 KB ${fmt(g.largeMs)}, ratio ${g.ratio.toFixed(2)}×`);
  const worst = growth.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  rows.push({ what: `redaction growth: 128 KB vs 32 KB hostile text (worst: ${worst.input})`, measured: fmt(worst.largeMs), floor: `${fmt(worst.smallMs)} (at 32 KB)`, ratio: worst.ratio, target: 5 });

  // Start-up
  const nodeFloor = time(NODE, ['-e', '0'], { runs: RUNS * 3 });
  const help = time(NODE, [BIN, '--help'], { runs: RUNS * 3 });
  rows.push({ what: 'start-up: `evenhand --help`', measured: fmt(help.median), floor: `${fmt(nodeFloor.median)} (node -e 0)`, ratio: help.median / nodeFloor.median, target: 1.6 });

  // Append: evenhand request vs writing one file and committing it with plain git. The plain
  // `git add` + `git commit` (what a person would type), not `git commit -- <file>`, which rebuilds
  // a temporary index and is twice as slow at 10,000 cases: a slower floor flatters the ratio.
  const appendFloor = (dir: string) => {
    let i = 0;
    return time('sh', ['-c', 'f=floor-$$-$(date +%s%N).txt; echo x > "$f" && git add "$f" && git commit -q -m floor'], { cwd: dir, runs: RUNS, env: { ...ENV, I: String(i++) } });
  };
  const request = (dir: string) =>
    time(NODE, [BIN, '-r', dir, 'request', '--candidate', 'c-00am', '--received', '2025-06-02', '--channel', 'email', '--category', 'information', '--subject', 'Bench', '--text', 'A benchmark request of ordinary length, asking how many officers work in each district.'], { runs: RUNS });
  const floorSmall = appendFloor(small);
  const reqSmall = request(small);
  const floorLarge = appendFloor(large);
  const reqLarge = request(large);
  rows.push({ what: `append: \`evenhand request\` at ${Math.min(...SIZES)} cases`, measured: fmt(reqSmall.median), floor: `${fmt(floorSmall.median)} (write + git add + git commit)`, ratio: reqSmall.median / floorSmall.median, target: 2 });
  rows.push({ what: `append: \`evenhand request\` at ${largeN} cases`, measured: fmt(reqLarge.median), floor: `${fmt(floorLarge.median)} (write + git add + git commit)`, ratio: reqLarge.median / floorLarge.median, target: 2 });
  rows.push({ what: `append growth: ${largeN} vs ${Math.min(...SIZES)} cases`, measured: fmt(reqLarge.median), floor: `${fmt(reqSmall.median)} (at ${Math.min(...SIZES)})`, ratio: reqLarge.median / reqSmall.median, target: 1.2 });

  // Check and build: against one process that reads and parses every entry file
  const parseFloor = time(NODE, [join(ROOT, 'dist', 'bench', 'floor-parse.js'), large], { runs: RUNS });
  for (const n of SIZES) {
    const c = time(NODE, [BIN, '-r', regs[n], 'check', '--as-of', '2026-06-01'], { runs: n === largeN ? RUNS : 3, okCodes: [0, 1], memory: true });
    if (n === largeN)
      rows.push({ what: `check: ${n} cases`, measured: `${fmt(c.median)} (peak ${Math.round((c.peakKiB ?? 0) / 1024)} MiB)`, floor: `${fmt(parseFloor.median)} (read + parse every file)`, ratio: c.median / parseFloor.median, target: 3 });
    else log(`check at ${n} cases: ${fmt(c.median)}`);
  }
  if (hasCommand('build')) {
    const out = join(work, 'site');
    const b = time(NODE, [BIN, '-r', large, 'build', '--out', out], { runs: RUNS, memory: true });
    rows.push({ what: `build: ${largeN} cases`, measured: `${fmt(b.median)} (peak ${Math.round((b.peakKiB ?? 0) / 1024)} MiB)`, floor: `${fmt(parseFloor.median)} (read + parse every file)`, ratio: b.median / parseFloor.median, target: 4 });
  } else log('build: command not available yet');
  if (hasCommand('audit')) {
    const logFloor = time('git', ['log', '--name-status', '--format=%H %an %aI %s'], { cwd: large, runs: RUNS });
    const a = time(NODE, [BIN, '-r', large, 'audit', '--json'], { runs: RUNS, okCodes: [0, 1] });
    rows.push({ what: `audit: ${largeN} cases' history`, measured: fmt(a.median), floor: `${fmt(logFloor.median)} (git log --name-status)`, ratio: a.median / logFloor.median, target: 5 });
  } else log('audit: command not available yet');
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else rmSync(join(work, 'site'), { recursive: true, force: true });
}

const table = [
  '| measure | median | floor | ratio | target | |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.what} | ${r.measured} | ${r.floor} | ${r.ratio.toFixed(2)}× | ≤ ${r.target}× | ${r.ratio <= r.target ? 'met' : `**missed by ${((r.ratio / r.target - 1) * 100).toFixed(0)}%**`} |`),
];
process.stdout.write(`\n${table.join('\n')}\n`);

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  /* not a checkout */
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const doc = `# Performance

Measured by \`npm run bench\` (src/bench/bench.ts): medians of ${RUNS} runs after one warm-up run,
on synthetic registers made by src/bench/generate.ts (20 candidates; each case a request, a decision
and a response with realistic text lengths; one evenhand-format commit per entry).
Shared, noisy machines: read the ratios, not the milliseconds.

- Date: ${new Date().toISOString().slice(0, 10)}
- Commit: ${commit}
- Machine: ${machine}

${table.join('\n')}

${lines.map((l) => `- ${l}`).join('\n')}
`;
if (!process.argv.includes('--no-write')) {
  // The hand-written reading of the numbers, below the marker, survives a new run.
  const target = join(ROOT, 'docs', 'performance.md');
  const previous = existsSync(target) ? readFileSync(target, 'utf8') : '';
  const at = previous.indexOf(ANALYSIS_MARKER);
  writeFileSync(target, at >= 0 ? `${doc}\n${previous.slice(at)}` : doc);
  process.stdout.write('\nwritten to docs/performance.md\n');
}
