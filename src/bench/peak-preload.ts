// Loaded with `node --import` by the bench when /usr/bin/time is missing: on exit, writes this
// process's peak resident set (KiB) and CPU time (ms) to $EVENHAND_BENCH_USAGE (src/bench/measure.ts).
import { writeFileSync } from 'node:fs';

const file = process.env.EVENHAND_BENCH_USAGE;
if (file)
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1000} ${u.systemCPUTime / 1000}\n`);
  });
