// The heap's growth is bounded on large registers only (docs/decisions/0041), and the measuring
// override is read strictly: a value that is not a plain percent leaves the choice to the size.
import { describe, expect, it } from 'vitest';
import { BOUNDED_GROWTH_FROM_CASES, BOUNDED_GROWTH_PERCENT, heapGrowthPercent } from './heap-growth.js';

describe('heap growth', () => {
  it('is bounded from the threshold up, and left to V8 below it', () => {
    expect(heapGrowthPercent(0)).toBe(0);
    expect(heapGrowthPercent(BOUNDED_GROWTH_FROM_CASES - 1)).toBe(0);
    expect(heapGrowthPercent(BOUNDED_GROWTH_FROM_CASES)).toBe(BOUNDED_GROWTH_PERCENT);
    expect(heapGrowthPercent(100_000)).toBe(BOUNDED_GROWTH_PERCENT);
    expect(BOUNDED_GROWTH_PERCENT).toBeGreaterThan(0);
  });

  it('takes EVENHAND_HEAP_GROWTH as a percent, 0 for V8 own policy, and ignores anything else', () => {
    expect(heapGrowthPercent(100_000, '0')).toBe(0);
    expect(heapGrowthPercent(10, '30')).toBe(30);
    expect(heapGrowthPercent(100_000, ' 80 ')).toBe(80);
    for (const junk of ['', 'lots', '-5', '1e3', '12.5', '99999'])
      expect(heapGrowthPercent(100_000, junk)).toBe(BOUNDED_GROWTH_PERCENT);
  });
});
