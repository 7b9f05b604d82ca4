// `npm run bench` (issue 14): its pure half — options, the met/missed judgement, the tables, the kept
// analysis — and the generator, whose registers must be ones evenhand accepts. No timing here: the
// bench measures speed, tests never do.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRegister, initWith } from '../src/bench/generate.js';
import { ANALYSIS_MARKER, judge, keepAnalysis, markdownTable, median, pairsAt, parseOptions, targetTable } from '../src/bench/report.js';
import { BIN, run, tempDir } from './helpers.js';

describe('bench report', () => {
  it('judges an at-most target met at the goal and missed above it, by the factor still to gain', () => {
    expect(judge(1.3, 1.3, 'at-most')).toBe('met');
    expect(judge(0.19, 0.2, 'at-most')).toBe('met');
    expect(judge(2.2, 2, 'at-most')).toBe('**missed by 10%**');
    expect(judge(0.6, 0.2, 'at-most')).toBe('**missed by 200%**');
    expect(judge(600, 512, 'at-most')).toBe('**missed by 17%**');
  });

  it('judges an at-least target (faster than the peer) met at the goal and missed below it', () => {
    expect(judge(3, 3, 'at-least')).toBe('met');
    expect(judge(25, 20, 'at-least')).toBe('met');
    expect(judge(1.5, 3, 'at-least')).toBe('**missed by 100%**');
    expect(judge(0.5, 20, 'at-least')).toBe('**missed by 3900%**');
  });

  it('never calls a measure it lacks met', () => {
    expect(judge(undefined, 512, 'at-most', 'no memory measure')).toBe('not measured: no memory measure');
    expect(judge(NaN, 2, 'at-most')).toBe('not measured');
    expect(judge(Infinity, 2, 'at-least')).toBe('not measured');
  });

  it('writes one row per target, with its ratio, CPU ratio, goal and result', () => {
    const lines = targetTable([
      { what: 'cold check at 10000 cases', measured: '6.30 s', against: '4.20 s read + YAML-parse every file', value: 1.5, cpuRatio: 1.25, goal: 1.3, direction: 'at-most', unit: '×' },
      { what: 'peak memory of build at 100000 cases', measured: '400 MiB', against: '/usr/bin/time %M', value: 400.4, goal: 512, direction: 'at-most', unit: ' MiB' },
      { what: 'Eleventy 3 ÷ evenhand build, cold, at 10000 cases', measured: '5 s evenhand', against: '20 s Eleventy', value: 4, goal: 3, direction: 'at-least', unit: '×' },
      { what: 'a | pipe', measured: '–', against: '–', value: undefined, goal: 2, direction: 'at-most', unit: '×', reason: 'not installed' },
    ]);
    expect(lines).toEqual([
      '| target | measured | against | ratio | CPU ratio | goal | result |',
      '|---|---|---|---|---|---|---|',
      '| cold check at 10000 cases | 6.30 s | 4.20 s read + YAML-parse every file | 1.50× | 1.25× | ≤ 1.3× | **missed by 15%** |',
      '| peak memory of build at 100000 cases | 400 MiB | /usr/bin/time %M | 400 MiB | – | ≤ 512 MiB | met |',
      '| Eleventy 3 ÷ evenhand build, cold, at 10000 cases | 5 s evenhand | 20 s Eleventy | 4.00× | – | ≥ 3× | met |',
      '| a \\| pipe | – | – | – | – | ≤ 2× | not measured: not installed |',
    ]);
    expect(markdownTable(['a', 'b'], [['1', '2']])).toEqual(['| a | b |', '|---|---|', '| 1 | 2 |']);
  });

  it('takes medians of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('keeps the hand-written analysis below the marker, and adds the marker to a new file', () => {
    const old = `# Performance\nold table\n\n${ANALYSIS_MARKER}\n## Reading the numbers\nby hand\n`;
    expect(keepAnalysis('# Performance\nnew table\n', old)).toBe(`# Performance\nnew table\n\n${ANALYSIS_MARKER}\n## Reading the numbers\nby hand\n`);
    expect(keepAnalysis('# Performance\nnew table\n', '')).toBe(`# Performance\nnew table\n\n${ANALYSIS_MARKER}\n`);
  });

  it('reads sizes and runs, with a quick mode and fewer pairs at the largest size', () => {
    const d = parseOptions([]);
    expect(d.sizes).toEqual([1000, 10000, 100000]);
    expect([pairsAt(d, 1000), pairsAt(d, 10000), pairsAt(d, 100000)]).toEqual([5, 5, 1]);
    expect(d.appendSizes).toEqual([100, 10000]);
    expect(d.peerSizes).toEqual([1000, 10000]);
    expect(d.write).toBe(true);
    const q = parseOptions(['--quick', '--no-write']);
    expect([q.runs, q.runsLarge, q.quick, q.write]).toEqual([3, 1, true, false]);
    const o = parseOptions(['--sizes', '10k,1k', '--runs', '2', '--runs-large', '3', '--only', 'check,peer', '--work', '/tmp/w']);
    expect(o.sizes).toEqual([1000, 10000]);
    expect([pairsAt(o, 1000), pairsAt(o, 100000)]).toEqual([2, 3]);
    expect([...(o.only ?? [])]).toEqual(['check', 'peer']);
    expect(o.work).toBe('/tmp/w');
  });

  it('refuses a bad size, count or part, naming the flag', () => {
    expect(() => parseOptions(['--sizes', '1000,ten'])).toThrow(/--sizes/);
    expect(() => parseOptions(['--runs', '0'])).toThrow(/--runs/);
    expect(() => parseOptions(['--runs'])).toThrow(/--runs needs a value/);
    expect(() => parseOptions(['--only', 'check,speed'])).toThrow(/unknown part speed/);
  });
});

describe('bench generator', () => {
  // After the generated history (it runs to the start of 2026), as the bench's real clock is.
  const LATER = { EVENHAND_NOW: '2026-06-01T12:00:00Z' };

  it('makes a register evenhand check and audit accept, its commits in date order, the same for the same seed', async () => {
    const dir = await tempDir();
    const reg = join(dir, 'r');
    const g = await generateRegister(reg, 6);
    expect(g).toMatchObject({ cases: 6, commits: 1 + 20 + 6 * 3 });
    const check = await run(['-r', reg, 'check'], { env: LATER });
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('0 errors, 0 warnings in 6 cases');
    const audit = await run(['-r', reg, 'audit'], { env: LATER });
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('no sign of tampering');
    const dates = execFileSync('git', ['log', '--format=%at'], { cwd: reg, encoding: 'utf8' }).trim().split('\n').map(Number);
    expect(dates.length).toBe(g.commits);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: reg, encoding: 'utf8' })).toBe('');
    // Streaming does not change what is generated: the same seed gives the same commit.
    const again = join(dir, 'again');
    await generateRegister(again, 6);
    const headOf = (d: string) => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: d, encoding: 'utf8' }).trim();
    expect(headOf(again)).toBe(headOf(reg));
  });

  it('continues a register evenhand init made, which check accepts too', async () => {
    const dir = await tempDir();
    const reg = join(dir, 'r');
    const g = await generateRegister(reg, 3, { init: initWith(BIN) });
    expect(g.cases).toBe(3);
    const subjects = execFileSync('git', ['log', '--format=%s'], { cwd: reg, encoding: 'utf8' }).trim().split('\n');
    expect(subjects.length).toBe(1 + g.commits);
    expect(subjects.at(-1)).toBe('init register: Bench OPCC');
    const check = await run(['-r', reg, 'check'], { env: LATER });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('0 errors, 0 warnings in 3 cases');
  });
});
