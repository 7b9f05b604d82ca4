// How far the process's heap may grow past what it holds (issue 14: peak memory of check, build and
// audit; docs/decisions/0041-check-and-build-memory.md). V8 lets the heap grow to up to four times
// what survived the last full collection before collecting again: at 100,000 cases a check that
// held 670 MB peaked at 2.9 GB. Past a register size where that matters, the growth is bounded,
// trading some collector time for a peak near what is really held. Like the disk, this is an effect
// on the process, so it lives here and not in the domain.
import { setFlagsFromString } from 'node:v8';

/** Cases from which the growth is bounded: below it a run's peak is a few hundred MB whatever V8 does. */
export const BOUNDED_GROWTH_FROM_CASES = 5_000;

/** Growth past the live heap allowed on a large register, in percent (V8's --heap-growing-percent). */
export const BOUNDED_GROWTH_PERCENT = 50;

let bounded = false;

/**
 * Bound the heap's growth when a run is about to read `cases` cases. V8 reads the flag each time
 * it sets the next collection's limit, so this works while the process runs. EVENHAND_HEAP_GROWTH
 * (a percent, or 0 for V8's own policy) overrides the choice, for measuring.
 */
export function boundHeapGrowthFor(cases: number): void {
  if (bounded) return;
  const percent = heapGrowthPercent(cases, process.env.EVENHAND_HEAP_GROWTH);
  if (percent <= 0) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  bounded = true;
}

/** The growth to allow for a run reading `cases` cases, in percent; 0 leaves V8's own policy. */
export function heapGrowthPercent(cases: number, override?: string): number {
  if (override !== undefined && /^\d{1,4}$/.test(override.trim())) return Number(override.trim());
  return cases >= BOUNDED_GROWTH_FROM_CASES ? BOUNDED_GROWTH_PERCENT : 0;
}
