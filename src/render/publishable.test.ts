// Text as it may be published (issue 11): format characters and what XML forbids, gone once.
import { describe, expect, it } from 'vitest';
import { oneLine, publishableOutput, publishableText } from './publishable.js';

describe('publishableText', () => {
  it.each([
    ['bidi controls', 'Mor\u202Egan \u2066x\u2069 \u200E\u200F\u061C', 'Morgan x '],
    ['zero-width and soft hyphen', 'Mor\u200Bg\u00ADa\u2060n\uFEFF', 'Morgan'],
    ['C0 and C1 controls, keeping tab, LF and CR', 'a\u0001b\u0008c\td\ne\rf\u007F\u0085g', 'abc\td\ne\rfg'],
    ['noncharacters and the fixed-wording markers', 'a\uFFFEb\uFFFFc\uFDD0d\uFDD1e\u{1FFFE}', 'abcde'],
    ['lone surrogates, keeping a pair', 'a\uD800b\uDC00c\u{1F600}', 'abc\u{1F600}'],
    ['line and paragraph separators as line breaks', 'a\u2028b\u2029c', 'a\nb\nc'],
    ['plain text as it is', 'Dear Sir, 09:30 on 08.04.2024 – “quoted”.', 'Dear Sir, 09:30 on 08.04.2024 – “quoted”.'],
  ])('%s', (_, input, expected) => {
    expect(publishableText(input)).toBe(expected);
  });

  it('keeps the markers in rendered output, and makes one line of a name', () => {
    expect(publishableOutput('\uFDD0a\u202Eb\uFDD1')).toBe('\uFDD0ab\uFDD1');
    expect(oneLine('figures\nannex.csv\r\n\u2028more.pdf')).toBe('figures annex.csv more.pdf');
  });
});
