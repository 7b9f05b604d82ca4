// Lookalike letters (Unicode TR39 confusables): "Моrgan" with a Cyrillic М and о, "Ηughes" with a
// Greek Eta, "ᴍᴏʀɢᴀɴ" in small capitals. A candidate who wants to be seen on an official page has
// every reason to try these (issue 11), so matching folds each letter to the ASCII letter it looks
// like, in the text and in the forms alike. Data: Unicode's confusables.txt as packaged by the
// `unhomoglyph` npm package (MIT), only entries from a non-ASCII character to ASCII letters, plus small
// capitals (data/lookalikes.json). Built on first use. See docs/decisions/0013-first-names-and-lookalikes.md.
import confusables from 'unhomoglyph/data.json' with { type: 'json' };
import extra from './data/lookalikes.json' with { type: 'json' };

let table: Map<string, string> | undefined;

function build(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [from, to] of Object.entries(confusables as Record<string, string>)) {
    if ([...from].length !== 1 || from.charCodeAt(0) < 0x80 || !/^[A-Za-z]{1,2}$/.test(to)) continue;
    map.set(from, to);
  }
  for (const [from, to] of Object.entries(extra.smallCapitals as Record<string, string>)) map.set(from, to);
  return map;
}

/**
 * The ASCII letter(s) a non-ASCII character looks like, or undefined, in the character's case
 * ("Μ" → "M", "а" → "a"; a capital that looks like "l" is an "I"). Form patterns accept the fold
 * of both cases of each letter (form-patterns.ts anyCase), so a script whose capital has a
 * lookalike but whose small letter has none ("Н"/"н") still matches itself.
 */
export function lookalike(ch: string): string | undefined {
  table ??= build();
  const m = table.get(ch);
  if (m === undefined) return undefined;
  const upper = ch.toLowerCase() !== ch;
  const lower = ch.toUpperCase() !== ch;
  if (upper) return m === 'l' ? 'I' : m.toUpperCase();
  return lower ? m.toLowerCase() : m;
}
