// Redaction must be linear in the text (issue 11: 128 KB of "a'a'a'…" took 27 s in the any-email
// detector). Times redaction of hostile texts at 32 KB and 128 KB; linear work gives a ratio near 4,
// quadratic near 16. In-process, the fastest of a few runs: read the ratio, not the milliseconds.
import { createRedactor, type CandidateIdentity } from '../domain/redaction.js';

const HOSTILE: [string, (n: number) => string][] = [
  ["a'a'a'…", (n) => "a'".repeat(n / 2)],
  ['a@a@a@…', (n) => 'a@'.repeat(n / 2)],
  ['a.a.a.…@a.a.a.…', (n) => 'a.'.repeat(n / 4) + '@' + 'a.'.repeat(n / 4)],
  ["Morgan'''…", (n) => 'Morgan' + "'".repeat(n - 6)],
  ['x at y at …', (n) => 'x at '.repeat(n / 5)],
  ['0 0 0 0 …', (n) => '0 '.repeat(n / 2)],
  ['May May May …', (n) => 'May '.repeat(n / 4)],
];

const REGISTER: CandidateIdentity[] = [
  { id: 'c-a1ex', name: 'Alexander Morgan', aliases: ['Councillor Morgan'], party: 'Wessex First', emails: ['amorgan@example.org'], phones: ['07700 900456'], handles: ['@MorganForPCC'] },
  { id: 'c-may1', name: 'Ruth May', aliases: [], emails: [], phones: [], handles: [] },
];

export interface GrowthResult {
  input: string;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

/** Redaction time of each hostile input at 32 KB and 128 KB. */
export function redactionGrowth(runs = 3): GrowthResult[] {
  const redactor = createRedactor(REGISTER);
  // Each run repeats the call until 30 ms have passed (a 32 KB text may take well under a
  // millisecond, below the noise of a shared machine); the fastest run's time per call counts.
  const timeOf = (text: string) => {
    redactor.redact(text);
    const perCall: number[] = [];
    for (let i = 0; i < runs; i++) {
      let calls = 0;
      const t = performance.now();
      let elapsed = 0;
      do {
        redactor.redact(text);
        calls++;
        elapsed = performance.now() - t;
      } while (elapsed < 30);
      perCall.push(elapsed / calls);
    }
    return Math.min(...perCall);
  };
  return HOSTILE.map(([input, make]) => {
    const smallMs = timeOf(make(32 * 1024));
    const largeMs = timeOf(make(128 * 1024));
    return { input, smallMs, largeMs, ratio: largeMs / Math.max(smallMs, 0.01) };
  });
}
