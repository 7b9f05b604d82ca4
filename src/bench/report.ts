// The pure half of `npm run bench`: options, medians, the met/missed judgement of each target and
// the Markdown it writes to docs/performance.md. No clocks, no processes (tested in
// test/bench-report.test.ts; the timing half is src/bench/measure.ts).

export interface BenchOptions {
  sizes: number[];
  /** cold/warm pairs (and floor runs) at sizes below largeFrom */
  runs: number;
  /** pairs at sizes of largeFrom cases and more */
  runsLarge: number;
  largeFrom: number;
  /** registers the append is timed on (generator-made and init-made) */
  appendSizes: number[];
  appendRuns: number;
  /** sizes at which Eleventy renders the same pages (only those also in sizes) */
  peerSizes: number[];
  /** the parts to run; all when undefined */
  only?: Set<string>;
  work?: string;
  write: boolean;
  quick: boolean;
}

export const PARTS = ['startup', 'redaction', 'append', 'check', 'build', 'audit', 'peer'] as const;

const numbers = (s: string, flag: string): number[] => {
  const xs = s.split(',').map((x) => Number(x.trim().replace(/k$/i, '000')));
  if (!xs.length || xs.some((x) => !Number.isInteger(x) || x <= 0)) throw new Error(`${flag}: expected whole numbers separated by commas (e.g. 1000,10000 or 1k,10k), got "${s}"`);
  return xs;
};
const count = (s: string | undefined, flag: string): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a whole number ≥ 1, got "${s}"`);
  return n;
};

/** Reads the bench's flags. `--quick` is the lead's final run: fewer pairs, 100,000 cases once. */
export function parseOptions(argv: string[]): BenchOptions {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const quick = argv.includes('--quick');
  const o: BenchOptions = {
    sizes: [1000, 10000, 100000],
    runs: quick ? 3 : 5,
    runsLarge: 1,
    largeFrom: 50000,
    appendSizes: [100, 10000],
    appendRuns: quick ? 7 : 11,
    peerSizes: [1000, 10000],
    write: !argv.includes('--no-write'),
    quick,
  };
  const lists = { '--sizes': 'sizes', '--append-sizes': 'appendSizes', '--peer-sizes': 'peerSizes' } as const;
  for (const [flag, key] of Object.entries(lists)) {
    const v = value(flag);
    if (v) o[key] = numbers(v, flag);
  }
  const counts = { '--runs': 'runs', '--runs-large': 'runsLarge', '--large-from': 'largeFrom', '--append-runs': 'appendRuns' } as const;
  for (const [flag, key] of Object.entries(counts)) {
    const v = value(flag);
    if (v) o[key] = count(v, flag);
  }
  const only = value('--only');
  if (only) {
    const parts = only.split(',').map((p) => p.trim());
    const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
    if (unknown.length) throw new Error(`--only: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
    o.only = new Set(parts);
  }
  o.work = value('--work');
  o.sizes.sort((a, b) => a - b);
  o.appendSizes.sort((a, b) => a - b);
  return o;
}

export function pairsAt(o: BenchOptions, n: number): number {
  return n >= o.largeFrom ? o.runsLarge : o.runs;
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export type Direction = 'at-most' | 'at-least';

export interface Target {
  what: string;
  measured: string;
  against: string;
  /** the ratio (or MiB) judged; undefined when it could not be measured */
  value: number | undefined;
  goal: number;
  direction: Direction;
  unit: '×' | ' MiB';
  /** the same ratio of CPU time (user + system), steadier than wall time on a busy machine */
  cpuRatio?: number;
  /** why it was not measured */
  reason?: string;
}

/**
 * "met", or by how much it was missed: the factor the measure has to improve by, as a percentage
 * (2.2× against ≤ 2× is 10% over; 1.5× faster against ≥ 3× faster is 100% short).
 */
export function judge(value: number | undefined, goal: number, direction: Direction, reason?: string): string {
  if (value === undefined || !Number.isFinite(value)) return `not measured${reason ? `: ${reason}` : ''}`;
  const met = direction === 'at-most' ? value <= goal : value >= goal;
  if (met) return 'met';
  const by = direction === 'at-most' ? value / goal - 1 : goal / value - 1;
  return `**missed by ${Math.max(1, Math.round(by * 100))}%**`;
}

const num = (x: number, unit: string) => (unit === ' MiB' ? `${Math.round(x)} MiB` : `${x < 0.1 ? x.toFixed(3) : x.toFixed(2)}×`);

export function markdownTable(header: string[], rows: string[][]): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

export function targetTable(targets: readonly Target[]): string[] {
  return markdownTable(
    ['target', 'measured', 'against', 'ratio', 'CPU ratio', 'goal', 'result'],
    targets.map((t) => [
      t.what,
      t.measured,
      t.against,
      t.value === undefined || !Number.isFinite(t.value) ? '–' : num(t.value, t.unit),
      t.cpuRatio === undefined || !Number.isFinite(t.cpuRatio) ? '–' : num(t.cpuRatio, t.unit),
      `${t.direction === 'at-most' ? '≤' : '≥'} ${t.unit === ' MiB' ? `${t.goal} MiB` : `${t.goal}×`}`,
      judge(t.value, t.goal, t.direction, t.reason),
    ]),
  );
}

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

export function fmtMiB(kib: number | undefined): string {
  return kib === undefined || !Number.isFinite(kib) ? '–' : `${Math.round(kib / 1024)} MiB`;
}

export const ANALYSIS_MARKER = '<!-- analysis: kept by npm run bench -->';

/** The new measured part of docs/performance.md, followed by the hand-written part of the old one. */
export function keepAnalysis(measured: string, previous: string): string {
  const at = previous.indexOf(ANALYSIS_MARKER);
  return at >= 0 ? `${measured.trimEnd()}\n\n${previous.slice(at)}` : `${measured.trimEnd()}\n\n${ANALYSIS_MARKER}\n`;
}
