// The gate's own text steps made cheaper (docs/decisions/0031) give what the plain patterns gave:
// which case references are masked (a wrong one could hide a leak or name the wrong case), and
// which parts of a page are the tool's own wording (a wrong range would skip a register's text).
import { describe, expect, it } from 'vitest';
import { FIXED_CLOSE, FIXED_OPEN, splitFixed } from './fixed-wording.js';
import { maskReferences } from './leak-gate.js';
import { prng } from '../bench/prng.js';

const random = (seed: number) => prng(seed).int;

function randomString(pick: (n: number) => number, parts: string[], most: number): string {
  let s = '';
  for (let k = pick(most + 1); k > 0; k--) s += parts[pick(parts.length)];
  return s;
}

// As the gate masked references before: one global pattern, replaced in place.
const REFERENCE = /(?<![0-9A-Za-z])\d{4}-\d{4}-[0-9a-hjkmnp-tv-z]{4}(?![0-9A-Za-z])/g;
function referenceMask(text: string, known: Set<string>, seen: Set<string>) {
  const refs: { index: number; reference: string }[] = [];
  const masked = text.replace(REFERENCE, (m, index: number) => {
    seen.add(m);
    if (!known.has(m)) return m;
    refs.push({ index, reference: m });
    return ' '.repeat(m.length);
  });
  return { text: masked, refs };
}

// As the renderer split its markers out before: one pattern for both markers.
function referenceSplit(marked: string): { text: string; fixed: number[] } {
  const ranges: number[] = [];
  const parts: string[] = [];
  let depth = 0;
  let n = 0;
  let from = 0;
  const marker = /[\uFDD0\uFDD1]/g;
  for (let m = marker.exec(marked); m; m = marker.exec(marked)) {
    const i = m.index;
    parts.push(marked.slice(from, i));
    n += i - from;
    from = i + 1;
    if (marked[i] === FIXED_OPEN) {
      if (depth++ === 0) ranges.push(n);
    } else if (depth > 0 && --depth === 0) {
      if (ranges[ranges.length - 1] === n) ranges.pop();
      else ranges.push(n);
    }
  }
  parts.push(marked.slice(from));
  n += marked.length - from;
  if (ranges.length % 2) ranges.push(n);
  const merged: number[] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    if (merged.length && merged[merged.length - 1] >= ranges[i]) merged[merged.length - 1] = Math.max(merged[merged.length - 1], ranges[i + 1]);
    else merged.push(ranges[i], ranges[i + 1]);
  }
  return { text: parts.join(''), fixed: merged };
}

describe('case references are masked as the one pattern masked them', () => {
  const known = new Set(['2024-0501-7ma9', '2024-0501-0000', '1111-1111-1111']);
  const parts = ['2024-0501-7ma9', '2024-0501-0000', '1111-1111-1111', '9999-9999-zzzz', '2024', '-', '0501', '7ma9', '1', 'a', 'Z', 'i', ' ', 'é', '\n', '1111-', '-1111'];

  it('on examples', () => {
    for (const text of ['see 2024-0501-7ma9 and 2024-0501-0000.', 'x2024-0501-7ma9', '2024-0501-7ma9x', '12024-0501-7ma9', '2024-0501-7ma9-0501-0000', '9999-9999-zzzz 2024-0501-7ma9']) {
      const seen = new Set<string>();
      const before = new Set<string>();
      expect(maskReferences(text, known, seen), text).toEqual(referenceMask(text, known, before));
      expect([...seen]).toEqual([...before]);
    }
  });

  it('on 20,000 random strings', () => {
    const pick = random(11);
    for (let i = 0; i < 20_000; i++) {
      const text = randomString(pick, parts, 12);
      const seen = new Set<string>();
      const before = new Set<string>();
      expect(maskReferences(text, known, seen), JSON.stringify(text)).toEqual(referenceMask(text, known, before));
      expect([...seen], JSON.stringify(text)).toEqual([...before]);
    }
  });
});

describe("the tool's own wording is found as the one pattern found it", () => {
  it('on 20,000 random strings of markers and text, nested and unbalanced', () => {
    const pick = random(3);
    const parts = [FIXED_OPEN, FIXED_CLOSE, 'a', 'bc', `${FIXED_OPEN}${FIXED_CLOSE}`, ' ', '–'];
    for (let i = 0; i < 20_000; i++) {
      const text = randomString(pick, parts, 20);
      expect(splitFixed(text), JSON.stringify(text)).toEqual(referenceSplit(text));
    }
  });
});
