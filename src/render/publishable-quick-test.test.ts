// The quick test that decides whether a text is cleaned at all (publishable.ts) is two classes, one
// below U+0100 and one above, because V8 searches a page for the one class of both several times
// slower (docs/decisions/0039-cheaper-rendering.md). It must say yes for exactly the code units the
// one class did, and for every character cleaning would change.
import { describe, expect, it } from 'vitest';
import { FORBIDDEN, FORBIDDEN_KEEP_MARKERS, mayNeedCleaning } from './publishable.js';

// The single class as it stood before the split: the oracle.
// eslint-disable-next-line no-control-regex
const ONE_CLASS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\xAD\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uD800-\uDFFF\uFDD2-\uFDEF\uFEFF\uFFF9-\uFFFB\uFFFE\uFFFF]/;

describe('the quick test before cleaning', () => {
  it('says yes for exactly the code units the single class matched, anywhere in a text', () => {
    for (let u = 0; u <= 0xffff; u++) {
      const ch = String.fromCharCode(u);
      expect(mayNeedCleaning(ch), `U+${u.toString(16)}`).toBe(ONE_CLASS.test(ch));
      // In the middle of a two-byte page, as rendered pages are (the markers are two-byte).
      const page = `\uFDD0Received\uFDD1 a${ch}b – ok`;
      expect(mayNeedCleaning(page), `U+${u.toString(16)} in a page`).toBe(ONE_CLASS.test(page));
    }
  });

  it('lets no character through that cleaning would change', () => {
    const matches = (re: RegExp, text: string) => text.search(re) !== -1;
    let checked = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (mayNeedCleaning(ch)) continue;
      checked++;
      if (matches(FORBIDDEN_KEEP_MARKERS, ch)) expect.fail(`U+${cp.toString(16)} is cleaned from output but passes the quick test`);
      // The two markers are cleaned from data by a test of their own (publishable.ts MARKER).
      if (matches(FORBIDDEN, ch) && ch !== '\uFDD0' && ch !== '\uFDD1') expect.fail(`U+${cp.toString(16)} is cleaned from data but passes the quick test`);
    }
    // Every character outside the BMP is a surrogate pair, which the quick test always sends to cleaning.
    expect(checked).toBeGreaterThan(60_000);
    // And the classes do catch what they should: a format character, a C1 control, a noncharacter.
    for (const ch of ['\u202E', '\u0085', '\uFFFE', '\u{1FFFE}', '\uD800']) expect(mayNeedCleaning(`ab${ch}cd`), ch).toBe(true);
  });
});
