// Decoding escapes found in rendered output (HTML, XML, JSON, Markdown, URLs), one escape at a time.
// ---- decoding escapes found in rendered output (HTML, XML, JSON, Markdown, URLs) ----

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '\u2019', lsquo: '\u2018',
  sbquo: '\u201A', rdquo: '\u201D', ldquo: '\u201C', ndash: '\u2013', mdash: '\u2014', hyphen: '\u2010',
  dash: '\u2010', minus: '\u2212', shy: '\u00AD', zwj: '\u200D', zwnj: '\u200C', ZeroWidthSpace: '\u200B',
  prime: '\u2032', period: '.', commat: '@', lowbar: '_', comma: ',', szlig: 'ß', aelig: 'æ', AElig: 'Æ',
  oelig: 'œ', OElig: 'Œ', eth: 'ð', ETH: 'Ð', thorn: 'þ', THORN: 'Þ', ensp: ' ', emsp: ' ', thinsp: ' ',
};
const ACCENTED_ENTITY = /^([A-Za-z])(?:acute|grave|circ|uml|tilde|ring|cedil|slash|caron|macr|breve|ogon|dot|dblac|strok)$/;
const ENTITY_AT = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;
const BACKSLASH_AT = /\\(?:u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\}|x([0-9a-fA-F]{2})|([nrtfv])|([^A-Za-z0-9\s]))/y;
const PERCENT_RUN_AT = /(?:%[0-9a-fA-F]{2})+/y;

function fromCodePointSafe(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 0 || n > 0x10ffff) return undefined;
  return String.fromCodePoint(n);
}

export function decodeEscapeAt(text: string, i: number): { text: string; end: number } | undefined {
  const c = text[i];
  if (c === '&') {
    ENTITY_AT.lastIndex = i;
    const m = ENTITY_AT.exec(text);
    if (!m) return undefined;
    let out: string | undefined;
    if (m[1] !== undefined) out = fromCodePointSafe(parseInt(m[1], 10));
    else if (m[2] !== undefined) out = fromCodePointSafe(parseInt(m[2], 16));
    else out = NAMED_ENTITIES[m[3]] ?? ACCENTED_ENTITY.exec(m[3])?.[1];
    if (out === undefined) return undefined;
    const end = ENTITY_AT.lastIndex;
    // Escaped twice, as HTML inside an Atom feed is: "O&amp;#39;Connor" is "O'Connor".
    if (out === '&' && text[end] !== '&') {
      const inner = decodeEscapeAt('&' + text.slice(end, end + 40), 0);
      if (inner && inner.text !== '&') return { text: inner.text, end: end + inner.end - 1 };
    }
    return { text: out, end };
  }
  if (c === '\\') {
    BACKSLASH_AT.lastIndex = i;
    const m = BACKSLASH_AT.exec(text);
    if (!m) return undefined;
    let out: string | undefined;
    if (m[1] !== undefined) out = String.fromCharCode(parseInt(m[1], 16));
    else if (m[2] !== undefined) out = fromCodePointSafe(parseInt(m[2], 16));
    else if (m[3] !== undefined) out = String.fromCharCode(parseInt(m[3], 16));
    else if (m[4] !== undefined) out = ' ';
    else out = m[5];
    return out === undefined ? undefined : { text: out, end: BACKSLASH_AT.lastIndex };
  }
  if (c === '%') {
    PERCENT_RUN_AT.lastIndex = i;
    const m = PERCENT_RUN_AT.exec(text);
    if (!m) return undefined;
    try {
      return { text: decodeURIComponent(m[0]), end: PERCENT_RUN_AT.lastIndex };
    } catch {
      const n = parseInt(text.slice(i + 1, i + 3), 16);
      return n >= 0x20 && n < 0x7f ? { text: String.fromCharCode(n), end: i + 3 } : undefined;
    }
  }
  return undefined;
}
