// Whether a text may hold a split name is asked in steps instead of one pattern (text-folding.ts
// mayBeSplit, docs/decisions/0039-cheaper-rendering.md): the same answer as the one pattern.
import { describe, expect, it } from 'vitest';
import { mayBeSplit } from './text-folding.js';
import { prng } from '../bench/prng.js';

// The one pattern as it stood: the oracle.
const ONE_PATTERN = /[\u2005-\u200A\u202F\u205F]|\p{L}-[ \t]*\r?\n/u;

describe('mayBeSplit', () => {
  it.each([
    ['a narrow space', 'Mor\u200Agan', true],
    ['a hair space at the start', '\u200Ax', true],
    ['a hyphen at a line break after a letter', 'Mor-\ngan', true],
    ['with spaces and a CR', 'Mor- \t\r\ngan', true],
    ['after a non-Latin letter', 'Жу-\nков', true],
    ['after a digit', '2024-\n0101', false],
    ['a hyphen with no line break', 'Jean-Luc', false],
    ['a line break with no hyphen', 'Jean\nLuc', false],
    ['a hyphen, then a letter, then a break', 'a-b\n', false],
    ['a case reference then a line break', 'Request 2024-0101-abcd\nReceived', false],
    ['an em space (not narrow)', 'a\u2003b', false],
    ['empty', '', false],
  ])('%s', (_, text, expected) => {
    expect(mayBeSplit(text)).toBe(expected);
    expect(ONE_PATTERN.test(text)).toBe(expected);
  });

  it('agrees with the one pattern on many generated texts', () => {
    const random = prng(39);
    const units = ['a', 'Z', 'é', 'Ж', '1', '-', '-', ' ', '\t', '\r', '\n', '\n', '\u2009', '\u2003', '–', '\uD83D\uDE00', '.'];
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: random.int(12) }, () => random.pick(units)).join('');
      expect(mayBeSplit(text), JSON.stringify(text)).toBe(ONE_PATTERN.test(text));
    }
  });
});
