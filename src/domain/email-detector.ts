// Any email address, whoever it belongs to, found in time linear in the text by construction.
//
// The detector once ran one regex over the whole text; a long run of local-part characters with no
// "@" ("a'a'a'…", 128 KB) made it try every start and backtrack over the rest: quadratic (27 s).
// Now an address is looked for only around an anchor ("@", "[at]", " at "), in a window of at most
// LOCAL_MAX characters before it and DOMAIN_MAX after it (RFC 5321 limits: 64 and 255), so the work
// per anchor is bounded and the total is at most (LOCAL_MAX + 2 × DOMAIN_MAX + 1) × anchors ≤ that × n
// (in practice about 2n: an anchor already inside the last window is not scanned again).
// A local part longer than RFC 5321 allows is redacted from its last LOCAL_MAX characters.
import { forEachEdgedMatch } from './form-patterns.js';

const LOCAL_MAX = 64;
const DOMAIN_MAX = 255;
// What a local part is made of ("o'brien", "first_last-99", "sian+pcc").
const LOCAL_CHAR = /[\p{L}\p{N}._%+\-']/u;
const SPELLED_TLD = '(?:com|org|net|uk|gov|co|ac|io|info|me|eu|edu|nhs|police|sch|biz|wales|scot)';
// An "@" (with or without spaces round it, "x @ y.org") or "[at]" / "(at)"; dots as "." or "[dot]", " dot ".
const AT = '(?:\\s*@\\s*|\\s*[\\[(]\\s*at\\s*[\\])]\\s*)';
const DOT = '(?:\\.|\\s*[\\[(]\\s*dot\\s*[\\])]\\s*|\\s+dot\\s+)';
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?';
const LOCAL = "[\\p{L}\\p{N}_+\\-][\\p{L}\\p{N}._%+\\-']*";
// Spelled out in full, "amorgan at example dot org": only with spelled dots and a known top-level
// domain, so that "published at gov.uk" and "look at this dot point" stay as they are.
const SPELLED_DOT = '(?:\\s+dot\\s+|\\s*[\\[(]\\s*dot\\s*[\\])]\\s*)';
// Consumes one edge character before the address (group 1 is the address). "'" is an edge-excluded
// character too, so a run of local-part characters offers one start, not one per apostrophe.
const ANY_EMAIL = new RegExp(
  `(?:^|[^\\p{L}\\p{N}._%+\\-'])(` +
    `${LOCAL}${AT}(?:${LABEL}${DOT})+\\p{L}{2,}` +
    `|${LOCAL}\\s+at\\s+(?:${LABEL}${SPELLED_DOT})+${SPELLED_TLD}` +
    `)(?![\\p{L}\\p{N}\\-])`,
  'giu',
);
const ANCHOR = /@|[[(]\s*at\s*[\])]|\sat\s/giu;

// ANCHOR without its "@", as a test: a search for "@" by itself is far cheaper than the pattern.
const SPELLED_AT = /[[(]\s*at\s*[\])]|\sat\s/i;

/** Cheap test for texts that may hold an address (an ANCHOR somewhere). */
export function mayHoldEmail(text: string): boolean {
  return text.includes('@') || SPELLED_AT.test(text);
}

/** Counts the characters the detector examined: a size-growth test reads it instead of a clock. */
export interface ScanSteps {
  chars: number;
}

/** Calls `fn(start, end)` once for every address in `text`. */
export function forEachEmail(text: string, fn: (start: number, end: number) => void, steps?: ScanSteps): void {
  const seen = new Set<string>();
  ANCHOR.lastIndex = 0;
  let a: RegExpExecArray | null;
  // The window last scanned: an anchor whose whole reach (local part before, domain after) lies
  // inside it was already seen there, so dense anchors ("a@a@a@…") cost one window per DOMAIN_MAX.
  let scannedFrom = -1;
  let scannedTo = -1;
  while ((a = ANCHOR.exec(text)) !== null) {
    const at = a.index;
    const anchorEnd = at + a[0].length;
    let lo = at;
    while (lo > 0 && /\s/u.test(text[lo - 1]) && at - lo < 3) lo--;
    const localEnd = lo;
    while (lo > 0 && localEnd - lo < LOCAL_MAX && LOCAL_CHAR.test(text[lo - 1])) lo--;
    if (lo === localEnd) continue;
    const from = Math.max(0, lo - 1);
    if (from >= scannedFrom && anchorEnd + DOMAIN_MAX <= scannedTo) continue;
    const to = Math.min(text.length, anchorEnd + 2 * DOMAIN_MAX);
    const window = text.slice(from, to);
    if (steps) steps.chars += window.length;
    scannedFrom = from;
    scannedTo = to;
    forEachEdgedMatch(ANY_EMAIL, window, (s, e) => {
      const start = from + s;
      const end = from + e;
      const key = `${start}:${end}`;
      if (seen.has(key)) return;
      seen.add(key);
      fn(start, end);
    });
  }
}
