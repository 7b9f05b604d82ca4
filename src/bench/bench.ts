// `npm run bench`: evenhand against its floors and its peer on synthetic registers of 1,000,
// 10,000 and 100,000 cases, each target of issue 14 judged met or missed, written to
// docs/performance.md with the machine, the date and the commit (the hand-written analysis below
// the marker is kept). Design and measured costs: docs/decisions/0029.
// `npm run bench -- --generate <N> <dir>` only writes a synthetic register.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRegister } from './generate.js';
import { cpu, gnuTime, memorySource, ms, peak, runOnce, series, type Sample, type Series } from './measure.js';
import { redactionGrowth } from './redaction-growth.js';
import { fmtMiB, fmtMs, keepAnalysis, markdownTable, median, pairsAt, parseOptions, targetTable, type BenchOptions, type Target } from './report.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'evenhand.js');
const NODE = process.execPath;
const ELEVENTY = join(ROOT, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
const PEER = join(ROOT, 'bench', 'eleventy');

const HELP = `usage: npm run bench -- [options]

Times evenhand on synthetic registers against its floors and against Eleventy, judges each target
of issue 14 (met / missed by how much) and writes docs/performance.md.

  --quick               the lead's final run: 3 pairs at 1k and 10k, 1 at 100k, 7 append runs
  --sizes <a,b,c>       register sizes in cases (default 1k,10k,100k)
  --runs <n>            cold/warm pairs (and floor runs) at each size (default 5; --quick 3)
  --runs-large <n>      pairs at sizes of --large-from cases and more (default 1)
  --large-from <n>      (default 50000)
  --append-sizes <a,b>  registers the append is timed on (default 100,10k), generator- and init-made
  --append-runs <n>     (default 11; --quick 7)
  --peer-sizes <a,b>    sizes Eleventy renders the same pages at (default 1k,10k)
  --only <parts>        some of: startup, redaction, append, check, build, audit, peer
  --work <dir>          keep the generated registers in <dir> and reuse them next time
  --no-write            print the tables without writing docs/performance.md
  --save <file>         also keep this run's measurements in <file> (JSON)
  --merge <file>        judge and write with a saved run's measurements added (repeatable), e.g.
                        100k measured in another process; --report-only measures nothing itself
  --generate <n> <dir>  only write a synthetic register of <n> cases into <dir>
  --redaction           only the redaction growth measure (32 KB vs 128 KB hostile text)

How long (estimates from the issue's quiet-machine times; docs/decisions/0029): --quick about 30
minutes when the registers must be generated (the 100k one ~7 of it; --work keeps them for next
time), ~20 with them kept; the default ~35. A machine shared with other work takes several times
longer (a load of 15 on 2 cores: ×5). Use --sizes 1k,10k --runs 1 for a first look (~5 minutes).
`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

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

let O: BenchOptions;
try {
  O = parseOptions(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n\n${HELP}`);
  process.exit(2);
}
const reportOnly = process.argv.includes('--report-only');
const wants = (part: string) => !reportOnly && (!O.only || O.only.has(part));

// The real clock: the generated history runs to the start of 2026 and the entries the bench appends
// must come after it (a fixed clock would also mark every one of them `Evenhand-Clock: fixed`).
const ENV: NodeJS.ProcessEnv = { ...process.env, EVENHAND_USER: 'Bench SPOC', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'b@bench.example', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'b@bench.example', NO_COLOR: '1' };
// NODE_EXTRA_CA_CERTS makes every node start parse a certificate bundle (~50 ms of CPU here): a cost
// of this machine, not of evenhand or of Node, and on both sides of every ratio. Timed without it.
for (const k of ['EVENHAND_NOW', 'EVENHAND_REGISTER', 'NODE_EXTRA_CA_CERTS']) delete ENV[k];

const startedAt = performance.now();
const notes: string[] = [];
const log = (s: string) => {
  process.stdout.write(`${s}\n`);
  notes.push(s);
};
const progress = (s: string) => process.stdout.write(`  … ${s}\n`);

/** A command's --help, to learn what this build of evenhand can do (the bench runs before and after issue 14). */
const helpOf = (cmd: string[]) => spawnSync(NODE, [BIN, ...cmd, '--help'], { encoding: 'utf8', env: ENV }).stdout;
const topHelp = helpOf([]);
const hasCommand = (name: string) => new RegExp(`^  ${name}\\b`, 'm').test(topHelp);
const noCacheFlag = (cmd: string) => (hasCommand(cmd) && /--no-cache\b/.test(helpOf([cmd])) ? ['--no-cache'] : []);

const targets: Target[] = [];
const ratio = (a: number[], b: number[]) => median(a) / median(b);

const run = (cmd: string, args: string[], opts: { cwd?: string; okCodes?: number[] } = {}): Sample => runOnce(cmd, args, { env: ENV, ...opts });
const evenhand = (args: string[], okCodes = [0]) => run(NODE, [BIN, ...args], { okCodes });
/** Keep a sample (and save it at once with --save: a 100,000-case run may be cut short). */
const into = (s: Series, x: Sample) => (s.samples.push(x), saveProgress(), x);

let newEntries = 0;
/** One new entry, as a SPOC logs it: the change between a cold run and the warm run after it. */
function appendEntry(reg: string): Sample {
  newEntries++;
  return evenhand(['-r', reg, 'request', '--candidate', 'c-00am', '--received', 'today', '--channel', 'email', '--category', 'information', '--subject', `Bench ${newEntries}`, '--text', 'A benchmark request of ordinary length, asking how many officers work in each district.']);
}
const head = (reg: string) => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: reg, encoding: 'utf8' }).trim();
/**
 * Put a register back as generated (the bench's own entries and floor commits gone), so --work can
 * reuse it. `reset --hard` rewrites the whole index into its split part; writing the shared part
 * again keeps the next run's appends as fast as on a register nobody reset (evenhand doctor).
 */
const restore = (reg: string, commit: string) => {
  execFileSync('git', ['reset', '-q', '--hard', commit], { cwd: reg });
  execFileSync('git', ['update-index', '--split-index'], { cwd: reg });
};

const work = O.work ? resolve(O.work) : mkdtempSync(join(tmpdir(), 'evenhand-bench-'));

/** A generated register, made once (and timed: the generator is measured too) or reused from --work. */
function register(n: number, kind: 'generated' | 'init'): string {
  const dir = join(work, kind === 'init' ? `init${n}` : `r${n}`);
  if (existsSync(join(dir, 'register.yaml'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  progress(`generating ${n} cases${kind === 'init' ? ' on a register evenhand init made' : ''}`);
  const s = run(NODE, [join(ROOT, 'dist', 'bench', 'generate.js'), String(n), dir, ...(kind === 'init' ? ['--init', BIN] : [])]);
  log(`generator: ${n} cases${kind === 'init' ? ' (on evenhand init)' : ''} in ${fmtMs(s.ms)}, peak ${fmtMiB(s.peakKiB)}`);
  return dir;
}

interface SizeResult {
  n: number;
  cold: Record<string, Series>;
  warm: Record<string, Series>;
  floors: Record<string, Series>;
  peer?: { cold: Series; warm: Series };
}
const results: SizeResult[] = [];
// --save keeps this run's measurements, written after each part so a run cut short keeps what it
// measured; --merge adds a saved run's (e.g. 100,000 cases measured in another process).
interface Saved {
  targets: Target[];
  results: SizeResult[];
  notes: string[];
}
const savedTo = arg('--save');
const saveProgress = () => savedTo && writeFileSync(savedTo, JSON.stringify({ targets, results, notes } satisfies Saved));

try {
  if (wants('redaction')) {
    // Redaction: linear in the text (issue 11). The worst of several hostile inputs.
    const growth = redactionGrowth(O.runs);
    const worst = growth.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    targets.push({ what: `redaction growth: 128 KB vs 32 KB hostile text (worst: ${worst.input})`, measured: fmtMs(worst.largeMs), against: `${fmtMs(worst.smallMs)} at 32 KB`, value: worst.ratio, goal: 5, direction: 'at-most', unit: '×' });
  }

  if (wants('startup')) {
    const floor = series();
    const help = series();
    for (let i = 0; i <= O.runs * 3; i++) {
      const f = run(NODE, ['-e', '0']);
      const h = evenhand(['--help']);
      if (i > 0) (into(floor, f), into(help, h)); // the first pair warms the page cache
    }
    targets.push({ what: 'start-up: `evenhand --help`', measured: fmtMs(median(ms(help))), against: `${fmtMs(median(ms(floor)))} node -e 0`, value: ratio(ms(help), ms(floor)), cpuRatio: ratio(cpu(help), cpu(floor)), goal: 1.6, direction: 'at-most', unit: '×' });
  }

  if (wants('append')) {
    // Against Node's own start plus plain git: `node -e 0`, then write a file, `git add` and
    // `git commit` (what a person would type; `git commit -- <file>` rebuilds a temporary index and
    // is twice as slow at 10,000 cases, a floor that flatters the ratio). Every register's runs are
    // interleaved, so each ratio's two sides share the machine's noise.
    const kinds = ['generated', 'init'] as const;
    const regs = kinds.flatMap((kind) => O.appendSizes.map((n) => ({ kind, n, dir: register(n, kind), floor: series(), req: series() })));
    const starts = regs.map((r) => head(r.dir));
    const floorScript = '"$BENCH_NODE" -e 0 && f=bench-floor-$(date +%s%N).txt && echo x > "$f" && git add "$f" && git commit -q -m "bench floor"';
    ENV.BENCH_NODE = NODE;
    progress(`append: ${O.appendRuns} runs on ${regs.length} registers`);
    try {
      for (let i = 0; i <= O.appendRuns; i++)
        for (const r of regs) {
          const f = run('sh', ['-c', floorScript], { cwd: r.dir });
          const a = appendEntry(r.dir);
          if (i > 0) (into(r.floor, f), into(r.req, a)); // the first round warms the page cache
        }
    } finally {
      regs.forEach((r, i) => restore(r.dir, starts[i]));
    }
    for (const kind of kinds) {
      const mine = regs.filter((r) => r.kind === kind);
      const label = kind === 'init' ? 'made by `evenhand init`' : 'made by the generator';
      for (const r of mine)
        targets.push({ what: `append: \`evenhand request\` at ${r.n} cases, register ${label}`, measured: fmtMs(median(ms(r.req))), against: `${fmtMs(median(ms(r.floor)))} node -e 0 + git add + git commit`, value: ratio(ms(r.req), ms(r.floor)), cpuRatio: ratio(cpu(r.req), cpu(r.floor)), goal: 1.5, direction: 'at-most', unit: '×' });
      const [lo, hi] = [mine[0], mine.at(-1)!];
      if (lo !== hi)
        targets.push({ what: `append growth: ${hi.n} vs ${lo.n} cases, register ${label}`, measured: fmtMs(median(ms(hi.req))), against: `${fmtMs(median(ms(lo.req)))} at ${lo.n}`, value: ratio(ms(hi.req), ms(lo.req)), cpuRatio: ratio(cpu(hi.req), cpu(lo.req)), goal: 1.1, direction: 'at-most', unit: '×' });
    }
    saveProgress();
  }

  const commands = (['check', 'build', 'audit'] as const).filter((c) => wants(c) || (c === 'build' && wants('peer')));
  const peerReady = existsSync(ELEVENTY);
  if (wants('peer') && !peerReady) log('peer: @11ty/eleventy is not installed (npm ci installs the devDependencies); Eleventy not measured');

  for (const n of commands.length ? O.sizes : []) {
    const reg = register(n, 'generated');
    const start = head(reg);
    const pairs = pairsAt(O, n);
    const res: SizeResult = { n, cold: {}, warm: {}, floors: {} };
    results.push(res);
    const out = join(work, `site${n}`);
    const peerOut = join(work, `eleventy${n}`);
    const withPeer = peerReady && wants('peer') && O.peerSizes.includes(n);
    try {
      for (const cmd of commands) {
        if (!hasCommand(cmd)) {
          log(`${cmd}: no such command in this build`);
          continue;
        }
        const noCache = noCacheFlag(cmd);
        const args = cmd === 'check' ? ['-r', reg, 'check'] : cmd === 'build' ? ['-r', reg, 'build', '--out', out] : ['-r', reg, 'audit'];
        const ok = cmd === 'build' ? [0] : [0, 1];
        const cold = (res.cold[cmd] = series());
        const warm = (res.warm[cmd] = series());
        const floor = series();
        // The parse floor stands beside check's cold runs (beside build's when check is not run).
        const parseFloorHere = cmd === 'check' || (cmd === 'build' && !commands.includes('check'));
        if (parseFloorHere) res.floors.parse = floor;
        if (cmd === 'audit') res.floors.gitLog = floor;
        // Eleventy runs beside the build only.
        let peerHere = cmd === 'build' && withPeer ? (res.peer = { cold: series(), warm: series() }) : undefined;
        const peerRun = () => run(NODE, [ELEVENTY, `--config=${join(PEER, 'eleventy.config.js')}`, `--input=${PEER}`, `--output=${peerOut}`, '--quiet'], { cwd: ROOT });
        // One run first (unmeasured): it leaves the cache current and warms the page cache (at the
        // largest sizes, without a cache to prime, the generator's writes have warmed it already).
        progress(`${cmd} at ${n} cases: ${pairs} cold/warm pair(s)${noCache.length ? '' : ' (no --no-cache in this build: every run is cold)'}`);
        try {
          if (noCache.length || n < O.largeFrom) evenhand(args, ok);
          for (let i = 0; i < pairs; i++) {
            // The floor beside the cold run it is compared with, so both see the same noise.
            if (parseFloorHere) into(floor, run(NODE, [join(ROOT, 'dist', 'bench', 'floor-parse.js'), reg]));
            if (cmd === 'audit') into(floor, run('git', ['log', '--name-status', '--format=%H %an %aI %s'], { cwd: reg }));
            into(cold, evenhand([...args, ...noCache], ok));
            ENV.EVENHAND_LOG = join(out, 'disclosure-log.json');
            if (peerHere && !existsSync(ENV.EVENHAND_LOG)) {
              log(`peer at ${n} cases: the build wrote no disclosure-log.json at its root; Eleventy not measured`);
              peerHere = res.peer = undefined;
            }
            if (peerHere) {
              rmSync(peerOut, { recursive: true, force: true });
              into(peerHere.cold, peerRun());
            }
            // Without a cache a warm run is another cold one: at the largest sizes it is not repeated.
            if (!noCache.length && n >= O.largeFrom) continue;
            appendEntry(reg);
            into(warm, evenhand(args, ok));
            // Eleventy's incremental mode works only under --watch/--serve; a second one-shot run
            // over the new log (its output left in place) is its warm build.
            if (peerHere) into(peerHere.warm, peerRun());
          }
        } catch (e) {
          // One command failing (a flag this build lacks, a crash at this size) leaves the others measured.
          log(`${cmd} at ${n} cases failed, measured only in part: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`);
        }
        saveProgress();
      }
    } finally {
      saveProgress();
      restore(reg, start);
      rmSync(out, { recursive: true, force: true });
      rmSync(peerOut, { recursive: true, force: true });
    }
  }

} finally {
  if (!O.work) rmSync(work, { recursive: true, force: true });
}

// The targets below are judged on this run's measurements and any merged ones, growth across runs included.
saveProgress();
for (const [i, a] of process.argv.entries())
  if (a === '--merge') {
    const saved = JSON.parse(readFileSync(process.argv[i + 1], 'utf8')) as Saved;
    targets.push(...saved.targets);
    notes.push(...saved.notes);
    for (const r of saved.results) if (!results.some((x) => x.n === r.n)) results.push(r);
  }
results.sort((a, b) => a.n - b.n);

// Targets from the sizes: cold against the floors at 10,000 and more; warm against cold; growth
// between the two largest sizes; peak memory at the largest; Eleventy at the peer sizes.
const goals = { check: { floor: 1.3, warm: 0.2 }, build: { floor: 2, warm: 0.3 }, audit: { floor: 2, warm: undefined } } as const;
const largest = results.at(-1);
for (const r of results) {
  for (const cmd of ['check', 'build', 'audit'] as const) {
    const cold = r.cold[cmd];
    const warm = r.warm[cmd];
    if (!cold?.samples.length) continue;
    const floor = cmd === 'audit' ? r.floors.gitLog : r.floors.parse;
    if (r.n >= 10000 && floor?.samples.length)
      targets.push({ what: `cold ${cmd} at ${r.n} cases`, measured: fmtMs(median(ms(cold))), against: `${fmtMs(median(ms(floor)))} ${cmd === 'audit' ? 'git log --name-status' : 'read + YAML-parse every file'}`, value: ratio(ms(cold), ms(floor)), cpuRatio: ratio(cpu(cold), cpu(floor)), goal: goals[cmd].floor, direction: 'at-most', unit: '×' });
    const warmGoal = goals[cmd].warm;
    if (r.n >= 10000 && warmGoal !== undefined)
      targets.push({ what: `warm ${cmd} after one new entry at ${r.n} cases`, measured: fmtMs(median(ms(warm))), against: `${fmtMs(median(ms(cold)))} cold`, value: ratio(ms(warm), ms(cold)), cpuRatio: ratio(cpu(warm), cpu(cold)), goal: warmGoal, direction: 'at-most', unit: '×', reason: 'no warm run (this build has no cache, so a warm run would be another cold one)' });
  }
}
const byN = (n: number) => results.find((r) => r.n === n);
const [ten, hundred] = [byN(10000) ?? results.at(-2), byN(100000) ?? results.at(-1)];
if (ten && hundred && ten !== hundred)
  for (const cmd of ['check', 'build', 'audit'] as const) {
    const a = ten.cold[cmd];
    const b = hundred.cold[cmd];
    if (a?.samples.length && b?.samples.length)
      targets.push({ what: `growth of cold ${cmd}: ${hundred.n} vs ${ten.n} cases`, measured: fmtMs(median(ms(b))), against: `${fmtMs(median(ms(a)))} at ${ten.n}`, value: ratio(ms(b), ms(a)), cpuRatio: ratio(cpu(b), cpu(a)), goal: (11 * hundred.n) / ten.n / 10, direction: 'at-most', unit: '×' });
  }
if (largest)
  for (const cmd of ['check', 'build', 'audit'] as const) {
    if (!largest.cold[cmd]?.samples.length) continue;
    const peaks = [peak(largest.cold[cmd]), peak(largest.warm[cmd])].filter((x): x is number => x !== undefined);
    const p = peaks.length ? Math.max(...peaks) : NaN;
    targets.push({ what: `peak memory of ${cmd} at ${largest.n} cases (${largest.warm[cmd]?.samples.length ? 'cold and warm' : 'cold'})`, measured: fmtMiB(p), against: memorySource.split(' (')[0], value: Number.isFinite(p) ? p / 1024 : undefined, reason: 'no memory measure on this machine', goal: 512, direction: 'at-most', unit: ' MiB' });
  }
for (const r of results) {
  if (!r.peer?.cold.samples.length) continue;
  const b = r.cold.build;
  const w = r.warm.build;
  targets.push({ what: `Eleventy 3 ÷ evenhand build, cold, at ${r.n} cases`, measured: `${fmtMs(median(ms(b)))} evenhand`, against: `${fmtMs(median(ms(r.peer.cold)))} Eleventy`, value: ratio(ms(r.peer.cold), ms(b)), cpuRatio: ratio(cpu(r.peer.cold), cpu(b)), goal: 3, direction: 'at-least', unit: '×' });
  targets.push({ what: `Eleventy 3 (second run) ÷ evenhand build warm, at ${r.n} cases`, measured: `${fmtMs(median(ms(w)))} evenhand`, against: `${fmtMs(median(ms(r.peer.warm)))} Eleventy`, value: ratio(ms(r.peer.warm), ms(w)), cpuRatio: ratio(cpu(r.peer.warm), cpu(w)), goal: 20, direction: 'at-least', unit: '×' , reason: 'no warm build at this size' });
}

// Every measurement at every size, targets or not.
const share = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const sizeRows = results.flatMap((r) =>
  (['check', 'build', 'audit'] as const).flatMap((cmd) => {
    const c = r.cold[cmd];
    const w = r.warm[cmd];
    if (!c?.samples.length) return [];
    return [[String(r.n), cmd, String(c.samples.length), fmtMs(median(ms(c))), fmtMs(median(ms(w))), share(median(ms(w)) / median(ms(c))), fmtMs(median(cpu(c))), fmtMs(median(cpu(w))), fmtMiB(peak(c)), fmtMiB(peak(w))]];
  }),
);
const floorRows = results.flatMap((r) =>
  Object.entries(r.floors)
    .filter(([, s]) => s.samples.length)
    .map(([name, s]) => [String(r.n), name === 'parse' ? 'read + YAML-parse every file (src/bench/floor-parse.ts)' : 'git log --name-status', fmtMs(median(ms(s))), fmtMs(median(cpu(s))), fmtMiB(peak(s))]),
);
const peerRows = results.flatMap((r) => (r.peer?.cold.samples.length ? [[String(r.n), fmtMs(median(ms(r.cold.build))), fmtMs(median(ms(r.peer.cold))), share(median(ms(r.peer.cold)) / median(ms(r.cold.build))), fmtMs(median(ms(r.warm.build))), fmtMs(median(ms(r.peer.warm))), share(median(ms(r.peer.warm)) / median(ms(r.warm.build))), fmtMiB(peak(r.peer.cold))]] : []));

const tables = [
  '## Targets (issue 14)',
  '',
  ...targetTable(targets),
  '',
  '## Every size',
  '',
  'Cold: `--no-cache` when the command has it, else a plain run. Warm: the run after one new entry',
  '(`evenhand request`) was committed, cold and warm alternating in pairs. Medians of the pairs.',
  '',
  ...markdownTable(['cases', 'command', 'pairs', 'cold', 'warm', 'warm ÷ cold', 'CPU cold', 'CPU warm', 'peak cold', 'peak warm'], sizeRows),
  '',
  ...(floorRows.length ? ['Floors, each run beside the cold run it is compared with:', '', ...markdownTable(['cases', 'floor', 'median', 'CPU', 'peak'], floorRows), ''] : []),
  ...(peerRows.length
    ? ['## The peer: a minimal Eleventy 3 project (bench/eleventy/)', '', 'Rendering the same index and case pages (HTML and Markdown) from the build\'s disclosure-log.json; it validates, redacts and scans nothing.', '', ...markdownTable(['cases', 'evenhand build cold', 'Eleventy', 'Eleventy ÷ evenhand', 'evenhand build warm', 'Eleventy second run', 'Eleventy ÷ evenhand', 'Eleventy peak'], peerRows), '']
    : []),
];
process.stdout.write(`\n${tables.join('\n')}\n`);

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  /* not a checkout */
}
const eleventyVersion = (() => {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', '@11ty', 'eleventy', 'package.json'), 'utf8')).version as string;
  } catch {
    return 'not installed';
  }
})();
const took = (performance.now() - startedAt) / 60000;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const doc = `# Performance

Measured by \`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (src/bench/bench.ts; design: docs/decisions/0029) on synthetic
registers made by src/bench/generate.ts (20 candidates; each case a request, a decision and a
response with realistic text lengths; one evenhand-format commit per entry, by month folders).
Whole processes, medians; each ratio's two sides run alternately so they share the machine's noise.
On a shared, busy machine read the ratios (and the CPU-time ratios beside them), not the milliseconds.

- Date: ${new Date().toISOString().slice(0, 10)}${reportOnly ? ' (written from saved runs)' : `; the run took ${took.toFixed(0)} min`}
- Commit: ${commit}
- Machine: ${machine}; load average at the end ${loadavg()
  .map((x) => x.toFixed(1))
  .join(' ')}
- Pairs: ${reportOnly ? 'as in the saved runs (the pairs column below)' : `${O.runs} at each size below ${O.largeFrom}, ${O.runsLarge} at ${O.largeFrom} and more; append: ${O.appendRuns} runs`}
- Peak memory: ${memorySource}${gnuTime ? '' : ' (GNU time not found)'}
- Eleventy: ${eleventyVersion}

${tables.join('\n')}
${notes.length ? `\n${notes.map((l) => `- ${l}`).join('\n')}\n` : ''}`;
if (O.write) {
  // The hand-written reading of the numbers, below the marker, survives a new run.
  const target = join(ROOT, 'docs', 'performance.md');
  writeFileSync(target, keepAnalysis(doc, existsSync(target) ? readFileSync(target, 'utf8') : ''));
  process.stdout.write('\nwritten to docs/performance.md\n');
}
process.stdout.write(`bench took ${took.toFixed(1)} min\n`);
