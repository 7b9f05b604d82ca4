// Text as it may be published (issue 11). Done once for every file of the site: on the public view
// before anything is rendered from it (the open data is generated in code, where a lone surrogate
// would come out as a "\udc00" escape), and on every template's output (a register's own wording).
// - Format characters (Unicode Cf): bidi controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C),
//   zero-width characters, soft hyphens, BOMs. They have no place in an English log, and they are how
//   a name is hidden from a matcher or shown reversed to a reader.
// - What XML 1.0 forbids (§2.2 Char): C0 controls except tab, LF and CR; lone surrogates;
//   U+FFFE/U+FFFF. With them feed.atom is not XML. C1 controls and the other noncharacters go too.
import type { PublicView } from '../domain/public-view.js';
import { deriveProvenance } from '../domain/provenance.js';

// The private markers the renderer puts around its own fixed wording (fixed-wording.ts) are
// noncharacters (U+FDD0/U+FDD1): stripped from data here, so no data can forge them. With the u
// flag a class holding U+D800–U+DFFF matches only a lone surrogate (a pair is one code point).
// eslint-disable-next-line no-control-regex
export const FORBIDDEN = /[\p{Cf}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF\uD800-\uDFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}\u2028\u2029]/gu;
// The same, keeping the two markers: for rendered output that still carries them. (Both exported
// for the test that the quick test below lets none of their characters through.)
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_KEEP_MARKERS = /[\p{Cf}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD2-\uFDEF\uFFFE\uFFFF\uD800-\uDFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}\u2028\u2029]/gu;

// A quick test without the u flag (a class of code units runs many times faster over a page than
// \p{Cf} does): every format character in Unicode 15, the controls, U+2028/2029, noncharacters
// and any surrogate. Only a text that holds one of these is cleaned. As two classes, one below
// U+0100 and one above: V8 searches a page for either class five to seven times faster than for
// the one class that is their union (a single class of both measured ~10 ns a character, ~1 s of a
// cold `check` at 10,000 cases; docs/decisions/0039-cheaper-rendering.md). The union is the same set,
// code unit for code unit (src/render/publishable-quick-test.test.ts).
// eslint-disable-next-line no-control-regex
const MAY_NEED_CLEANING_LOW = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\xAD]/;
const MAY_NEED_CLEANING_HIGH = /[\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uD800-\uDFFF\uFDD2-\uFDEF\uFEFF\uFFF9-\uFFFB\uFFFE\uFFFF]/;
/** Whether `text` holds a code unit that cleaning may remove. */
export const mayNeedCleaning = (text: string): boolean => MAY_NEED_CLEANING_LOW.test(text) || MAY_NEED_CLEANING_HIGH.test(text);
// Data must not hold the markers either.
const MARKER = /[\uFDD0\uFDD1]/;

/** U+2028/U+2029 become line breaks; every other character the class holds goes. */
const clean = (text: string, re: RegExp): string => {
  if (!mayNeedCleaning(text) && (re === FORBIDDEN_KEEP_MARKERS || !MARKER.test(text))) return text;
  return text.replace(re, (c) => (c === '\u2028' || c === '\u2029' ? '\n' : ''));
};

/** `text` with format characters and what XML forbids removed; U+2028/U+2029 become line breaks. */
export function publishableText(text: string): string {
  return clean(text, FORBIDDEN);
}

/** The same for rendered output that still carries the fixed-wording markers. */
export function publishableOutput(text: string): string {
  return clean(text, FORBIDDEN_KEEP_MARKERS);
}

/** One line: an attachment name or a subject holding line breaks would read as several. */
export function oneLine(text: string): string {
  return publishableText(text).replace(/\s*[\r\n\t\v\f\u0085]+\s*/g, ' ').trim();
}

function deep<T>(value: T): T {
  if (typeof value === 'string') return publishableText(value) as T;
  if (Array.isArray(value)) return value.map(deep) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deep(v);
    return out as T;
  }
  return value;
}

/** Every string of the public view made publishable; attachment names and subjects one line each. */
export function publishableView(view: PublicView): PublicView {
  const out = deep(view);
  out.cases = out.cases.map((c) => ({ ...c, subject: oneLine(c.subject), attachments: c.attachments.map(oneLine), exemptions: c.exemptions.map(oneLine) }));
  // A case's publishable form is a pure function of the case: made from what it was made from.
  view.cases.forEach((c, i) => deriveProvenance(c, out.cases[i], 'publishable'));
  return out;
}
