// `node dist/bench/scan-bench.js <register> [--rounds <n>]`: the leak gate's identity scan over
// every text the gate reads of that register's site (scan-corpus.ts), the scan as it was
// (src/domain/redaction-oracle.ts) against the scan now, in one process. Rounds alternate old and
// new over the same texts; prints each round, the medians and their ratio, and fails when the two
// find different leaks (a synthetic register's site has none: scan-equivalence.test.ts compares
// them where there are). Design and results: docs/decisions/0031.
import { resolve } from 'node:path';
import { createLeakScanner } from '../domain/redaction.js';
import { createReferenceLeakScanner } from '../domain/redaction-oracle.js';
import { median } from './report.js';
import { siteScanCorpus } from './scan-corpus.js';

const args = process.argv.slice(2);
const at = args.indexOf('--rounds');
const rounds = at >= 0 ? Number(args[at + 1]) : 7;
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');
if (!dir || !(rounds > 0)) {
  process.stderr.write('usage: node dist/bench/scan-bench.js <register dir> [--rounds <n>]\n');
  process.exit(2);
}

const { identities, texts } = await siteScanCorpus(resolve(dir));
const chars = texts.reduce((n, t) => n + t.length, 0);
process.stdout.write(`${texts.length} texts, ${(chars / 1e6).toFixed(1)} M characters, ${identities.length} candidates\n`);
const scanners = { old: createReferenceLeakScanner(identities), new: createLeakScanner(identities) };
const times: Record<keyof typeof scanners, number[]> = { old: [], new: [] };
const found: Record<keyof typeof scanners, string> = { old: '', new: '' };
for (let r = 0; r < rounds; r++) {
  for (const which of r % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
    const scanner = scanners[which];
    const start = performance.now();
    const leaks = texts.map((t) => scanner.scan(t));
    times[which].push(performance.now() - start);
    found[which] = JSON.stringify(leaks);
  }
}
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
process.stdout.write(`old ms: ${fmt(times.old)}  median ${median(times.old).toFixed(0)}\n`);
process.stdout.write(`new ms: ${fmt(times.new)}  median ${median(times.new).toFixed(0)}\n`);
process.stdout.write(`new / old: ${(median(times.new) / median(times.old)).toFixed(3)} (${(median(times.old) / median(times.new)).toFixed(1)}x faster)\n`);
if (found.old !== found.new) {
  process.stderr.write('the two scans found different leaks\n');
  process.exit(1);
}
process.stdout.write(`same leaks: ${JSON.parse(found.new).flat().length}\n`);
