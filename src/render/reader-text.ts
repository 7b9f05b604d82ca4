// What a reader sees in each published format (issue 11): the leak gate scans this, not the markup.
// - HTML (and SVG, Atom, XML): text and the values of attributes a reader sees or follows (alt,
//   title, aria-label, content, href, src, …), read with htmlparser2's tokenizer; not tag or
//   attribute names, not tokens such as lang, rel, class or id. Inline elements do not break a word
//   ("Mor<wbr>gan" reads "Morgan"); other elements start a new line. Comments are read (they are
//   published); <script> is read as it stands; <style> and style="" as CSS.
// - CSS: strings (content: "…"), url(…) and comments, escapes decoded; not selectors or properties.
// - JSON: string values, not keys. CSV: cells. Markdown: the text, without raw HTML tag names.
// Wherever the renderer marked its own fixed wording (fixed-wording.ts), that wording is skipped.
// Pure: text in, text out.
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { tokenize, TokenType, type CSSToken } from '@csstools/css-tokenizer';
import lists from './data/reader-text.json' with { type: 'json' };

const UNREAD_ATTRIBUTES = new Set(lists.unread);
const INLINE_ELEMENTS = new Set(lists.inline);

/** Between two values that a reader never sees as one run of text (two attributes, two JSON values). */
export const SEPARATOR = '\n|\n';

const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * The reader's text of one file, built piece by piece. `fixed` lists the source ranges
 * [start0, end0, …] that are the tool's own wording: source text in them is left out, and stands
 * as a break: the default templates lay out each field on its own (a register's own template that
 * runs two fields together is read as it runs them).
 */
export class ReaderText {
  private parts: string[] = [];
  private last = '\n';
  constructor(private readonly fixedRanges: number[] = []) {}

  private push(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.last = text;
  }

  /** Text that is not from a marked source (JSON values, CSS strings, an asset). */
  add(text: string): void {
    this.push(text);
  }

  /** A line break (a new block), unless the text already ends in one. */
  newline(): void {
    if (!this.last.endsWith('\n')) this.push('\n');
  }

  /** A hard break between values that never run together. */
  separate(): void {
    if (!this.last.endsWith(SEPARATOR)) this.push(SEPARATOR);
  }

  /** Is source position `i` inside the fixed wording? */
  isFixed(i: number): boolean {
    const r = this.fixedRanges;
    let lo = 0;
    let hi = r.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (i < r[2 * mid]) hi = mid - 1;
      else if (i >= r[2 * mid + 1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Source text `source.slice(start, end)`, without the fixed wording in it. */
  addSource(source: string, start: number, end: number): void {
    const r = this.fixedRanges;
    if (r.length === 0) return this.push(source.slice(start, end));
    let at = start;
    // The first fixed range that ends after `start` (binary search: a page has thousands).
    let lo = 0;
    let hi = r.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r[2 * mid + 1] <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = 2 * lo; k < r.length && at < end; k += 2) {
      if (r[k] >= end) break;
      if (r[k] > at) this.push(source.slice(at, r[k]));
      this.separate();
      at = Math.min(end, r[k + 1]);
    }
    if (at < end) this.push(source.slice(at, end));
  }

  /** A decoded piece (an entity) that stands at source position `at`. */
  addDecoded(text: string, at: number): void {
    if (!this.isFixed(at)) this.push(text);
  }

  toString(): string {
    const text = this.parts.join('');
    // Soft hyphens and zero-width characters do not separate letters for a reader. (Plain ASCII is
    // one UTF-8 byte a character: a cheaper question than a pattern tried at every character.)
    return Buffer.byteLength(text, 'utf8') !== text.length ? text.replace(FORMAT_CHARACTERS, '') : text;
  }
}

// ---------------------------------------------------------------------------------------------
// HTML and XML
// ---------------------------------------------------------------------------------------------

type Piece = { text: string; at: number; decoded: boolean; end: number };

export interface MarkupOptions {
  xml?: boolean;
  fixed?: number[];
}

/** The reader's text of an HTML page (or, with `xml`, an Atom feed, SVG or other XML). */
export function markupReaderText(source: string, options: MarkupOptions = {}): string {
  const out = new ReaderText(options.fixed);
  readMarkup(source, out, options.xml === true);
  return out.toString();
}

const isUnread = (name: string) => UNREAD_ATTRIBUTES.has(name) || name.startsWith('xmlns:');
// Atom text constructs that hold escaped HTML when type="html" (RFC 4287 §3.1).
const ATOM_TEXT = new Set(['title', 'subtitle', 'summary', 'content', 'rights']);

function readMarkup(source: string, out: ReaderText, xml: boolean): void {
  let tag = '';
  let attr = '';
  let attrPieces: Piece[] = [];
  let attrs: Record<string, string> = {};
  let raw: 'script' | 'style' | null = null;
  let rawStart = -1;
  // Atom: the text of an element with type="html" is HTML a feed reader renders.
  let htmlText: { name: string; pieces: string[] } | null = null;
  const piecesText = (pieces: Piece[]) => pieces.map((p) => (p.decoded ? p.text : source.slice(p.at, p.end))).join('');
  const lower = (s: string) => (xml ? s.slice(s.indexOf(':') + 1) : s).toLowerCase();

  const cbs: TokenizerCallbacks = {
    ontext(start, end) {
      if (raw) return;
      if (htmlText) htmlText.pieces.push(source.slice(start, end));
      else out.addSource(source, start, end);
    },
    ontextentity(cp, end) {
      if (raw) return;
      const ch = String.fromCodePoint(cp);
      if (htmlText) htmlText.pieces.push(ch);
      else out.addDecoded(ch, end - 1);
    },
    oncdata(start, end, offset) {
      if (htmlText) htmlText.pieces.push(source.slice(start, end - offset));
      else out.addSource(source, start, end - offset);
    },
    oncomment(start, end, offset) {
      out.separate();
      out.addSource(source, start, end - offset);
      out.separate();
    },
    ondeclaration() {},
    onprocessinginstruction() {},
    onopentagname(start, end) {
      tag = lower(source.slice(start, end));
      attrs = {};
      if (tag === 'br' || !INLINE_ELEMENTS.has(tag)) out.newline();
    },
    onattribname(start, end) {
      attr = source.slice(start, end).toLowerCase();
      attrPieces = [];
    },
    onattribdata(start, end) {
      attrPieces.push({ text: '', at: start, end, decoded: false });
    },
    onattribentity(cp) {
      const last = attrPieces[attrPieces.length - 1];
      const at = last ? last.end : 0;
      attrPieces.push({ text: String.fromCodePoint(cp), at, end: at, decoded: true });
    },
    onattribend() {
      if (xml && attr === 'type') attrs.type = piecesText(attrPieces);
      if (attrPieces.length === 0 || isUnread(attr)) return;
      if (attrPieces.every((p) => out.isFixed(p.at))) return;
      out.separate();
      if (attr === 'style') readCss(piecesText(attrPieces), out);
      else for (const p of attrPieces) p.decoded ? out.addDecoded(p.text, p.at) : out.addSource(source, p.at, p.end);
      out.separate();
    },
    onopentagend(end) {
      if (!xml && (tag === 'script' || tag === 'style')) {
        raw = tag;
        rawStart = end + 1;
      } else if (xml && (tag === 'script' || tag === 'style')) {
        raw = tag;
        rawStart = end + 1;
      } else if (xml && ATOM_TEXT.has(tag) && attrs.type === 'html') {
        htmlText = { name: tag, pieces: [] };
      }
    },
    onselfclosingtag() {
      if (tag === 'br' || !INLINE_ELEMENTS.has(tag)) out.newline();
    },
    onclosetag(start, end) {
      const name = lower(source.slice(start, end));
      if (raw && name === raw) {
        const body = source.slice(rawStart, source.lastIndexOf('<', start));
        if (!out.isFixed(rawStart)) {
          out.separate();
          if (raw === 'style') readCss(body, out);
          else out.add(body);
          out.separate();
        }
        raw = null;
      } else if (htmlText && name === htmlText.name) {
        out.separate();
        readMarkup(htmlText.pieces.join(''), out, false);
        out.separate();
        htmlText = null;
      }
      if (!INLINE_ELEMENTS.has(name)) out.newline();
    },
    onend() {
      if (raw && rawStart >= 0) {
        out.separate();
        out.add(source.slice(rawStart));
      }
    },
  };
  const tokenizer = new Tokenizer({ xmlMode: xml, decodeEntities: true }, cbs);
  tokenizer.write(source);
  tokenizer.end();
}

// ---------------------------------------------------------------------------------------------
// CSS
// ---------------------------------------------------------------------------------------------

/** What a reader can see from a style sheet: its strings (content: "…"), url()s and comments, escapes decoded. */
export function cssReaderText(css: string): string {
  const out = new ReaderText();
  readCss(css, out);
  return out.toString();
}

function readCss(css: string, out: ReaderText): void {
  let tokens: CSSToken[];
  try {
    tokens = tokenize({ css }, { onParseError: () => {} });
  } catch {
    out.separate();
    out.add(css);
    return;
  }
  for (const t of tokens) {
    const type = t[0];
    if (type === TokenType.String || type === TokenType.URL) {
      out.separate();
      out.add((t[4] as { value: string }).value);
      out.separate();
    } else if (type === TokenType.Comment) {
      out.separate();
      out.add(t[1].replace(/^\/\*|\*\/$/g, ''));
      out.separate();
    } else if (type === TokenType.BadString || type === TokenType.BadURL) {
      out.separate();
      out.add(t[1]);
      out.separate();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// JSON, CSV, Markdown
// ---------------------------------------------------------------------------------------------

/** Every string value of a JSON document, in document order, each on its own; not keys. Null when it is not JSON. */
export function jsonReaderText(text: string, isFixedValue: (s: string) => boolean = () => false): string | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  const out = new ReaderText();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (isFixedValue(v)) return;
      out.separate();
      out.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(doc);
  return out.toString();
}

/**
 * Every cell of a CSV file (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes),
 * each on its own. Read by hand: csv-parse took 1.7 s over the 12 MB log of a 10,000-case register,
 * this takes a tenth of that (docs/decisions/0015). A stray quote is kept as text, as spreadsheets do.
 */
export function csvReaderText(text: string, isFixedValue: (s: string) => boolean = () => false): string {
  const out = new ReaderText();
  const cell = (v: string) => {
    if (!v || isFixedValue(v)) return;
    out.separate();
    out.add(v);
  };
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let i = 0;
  while (i <= src.length) {
    if (src[i] === '"') {
      // A quoted cell: up to the quote that is not doubled.
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = src.indexOf('"', from);
        if (q < 0) {
          value += src.slice(from);
          i = src.length;
          break;
        }
        value += src.slice(from, q);
        if (src[q + 1] === '"') {
          value += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the next separator belongs to the cell.
      const end = nextSeparator(src, i);
      cell(value + src.slice(i, end));
      i = end + 1;
    } else {
      const end = nextSeparator(src, i);
      cell(src.slice(i, end).replace(/\r$/, ''));
      i = end + 1;
    }
  }
  return out.toString();
}

function nextSeparator(s: string, from: number): number {
  const comma = s.indexOf(',', from);
  const line = s.indexOf('\n', from);
  const a = comma < 0 ? s.length : comma;
  const b = line < 0 ? s.length : line;
  return Math.min(a, b);
}

// CommonMark raw HTML (spec §6.6): an open or closing tag. Its name and attribute names are markup;
// the attribute values stay in the text.
const MARKDOWN_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>/g;

/** Markdown's text: all of it but the fixed wording and the names inside raw HTML tags. */
export function markdownReaderText(source: string, fixedRanges: number[] = []): string {
  const out = new ReaderText(fixedRanges);
  let at = 0;
  for (const m of source.matchAll(MARKDOWN_TAG)) {
    out.addSource(source, at, m.index);
    // Keep the values of the tag's attributes, drop its names.
    const values = [...m[0].matchAll(/=\s*("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)];
    out.newline();
    for (const v of values) {
      const start = m.index + v.index + v[0].indexOf(v[1]) + (v[1].startsWith('"') || v[1].startsWith("'") ? 1 : 0);
      const value = v[2] ?? v[3] ?? v[4] ?? '';
      out.separate();
      out.addSource(source, start, start + value.length);
      out.separate();
    }
    at = m.index + m[0].length;
  }
  out.addSource(source, at, source.length);
  return out.toString();
}
