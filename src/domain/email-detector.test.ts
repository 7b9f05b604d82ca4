import { describe, expect, it } from 'vitest';
import { forEachEmail, type ScanSteps } from './email-detector.js';
import { createRedactor } from './redaction.js';

const emails = (text: string) => {
  const out: string[] = [];
  forEachEmail(text, (s, e) => out.push(text.slice(s, e)));
  return out;
};

describe('any email, spelled out or not', () => {
  it.each([
    ['write to press@mail.example.co.uk today', ['press@mail.example.co.uk']],
    ['amorgan at example dot org', ['amorgan at example dot org']],
    ['amorgan AT example DOT co DOT uk', ['amorgan AT example DOT co DOT uk']],
    ['x @ example.org', ['x @ example.org']],
    ['a.morgan [at] example [dot] org', ['a.morgan [at] example [dot] org']],
    ["(email: o'brien@example.ie)", ["o'brien@example.ie"]],
  ])('%j is found', (text, expected) => {
    expect(emails(text)).toEqual(expected);
  });

  it.each([
    'published at gov.uk/foi',
    'look at this dot point',
    'meet @10am',
    'see you at 09:30',
    'the office at Police HQ dot matrix',
  ])('%j is ordinary text', (text) => {
    expect(emails(text)).toEqual([]);
  });
});

describe('linear in the text', () => {
  // Hostile inputs: long runs of local-part characters with and without anchors.
  const hostile: [string, (n: number) => string][] = [
    ["a'a'a'…", (n) => "a'".repeat(n / 2)],
    ['a@a@a@…', (n) => 'a@'.repeat(n / 2)],
    ["a'…'@ at the end", (n) => "a'".repeat(n / 2 - 1) + '@x'],
    ['x at y at z …', (n) => 'x at '.repeat(n / 5)],
    ['a.a.a.…@a.a.a.…', (n) => 'a.'.repeat(n / 4) + '@' + 'a.'.repeat(n / 4)],
  ];
  it.each(hostile)('%s: examines at most a fixed number of characters per input character', (_, make) => {
    const stepsFor = (n: number) => {
      const steps: ScanSteps = { chars: 0 };
      forEachEmail(make(n), () => {}, steps);
      return steps.chars;
    };
    const small = stepsFor(32 * 1024);
    const large = stepsFor(128 * 1024);
    // Bounded by construction: (64 + 2 × 255 + 1) characters per anchor at most, one anchor per character at most;
    // in practice windows overlap little, so the work stays within a few times the text.
    expect(large).toBeLessThanOrEqual(576 * 128 * 1024);
    expect(large).toBeLessThanOrEqual(4 * 128 * 1024);
    // Growth is linear: four times the text, about four times the work (never sixteen).
    expect(large / Math.max(1, small)).toBeLessThan(4.5);
  });

  it('redacts the 128 KB hostile text and leaves it as it was', () => {
    const text = "a'".repeat(64 * 1024);
    expect(createRedactor([]).redact(text)).toBe(text);
  });
});
