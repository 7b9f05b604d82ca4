// comparePaths orders a site's files as a folder listing does; it compares code units instead of
// splitting both paths at every comparison (docs/decisions/0039-cheaper-rendering.md). Same order.
import { describe, expect, it } from 'vitest';
import { prng } from '../bench/prng.js';
import { comparePaths } from './site.js';

/** The folder-by-folder comparison as it was written before: the oracle. */
function bySegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length;
}

describe('comparePaths', () => {
  it('orders folder by folder, a folder before a longer name that starts like it', () => {
    const paths = ['assets-old.css', 'assets/x', 'assets/style.css', 'a', 'a/b', 'a-b', 'cases/2024-0101-abcd.md', 'cases/2024-0101-abcd.html', 'cases.html', 'index.html', 'months/2024-01.html'];
    expect([...paths].sort(comparePaths)).toEqual([...paths].sort(bySegments));
    expect([...paths].sort(comparePaths).slice(0, 5)).toEqual(['a', 'a/b', 'a-b', 'assets/style.css', 'assets/x']);
  });

  it('agrees with the folder-by-folder comparison on every pair of many random paths', () => {
    // A fixed pseudo-random sequence: no clock, the same paths every run.
    const random = prng(14);
    const alphabet = ['a', 'b', '/', '-', '.', '0', 'Z', '~', ' ', 'é'];
    const paths = Array.from({ length: 400 }, () => Array.from({ length: 1 + random.int(8) }, () => random.pick(alphabet)).join(''));
    for (const a of paths) for (const b of paths) expect(Math.sign(comparePaths(a, b)), `${a} ? ${b}`).toBe(Math.sign(bySegments(a, b)));
  });
});
