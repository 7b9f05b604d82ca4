// Markdown escaping for the Markdown twins. Text stays readable, but nothing in it can become a
// link, an image, HTML, emphasis, a heading or a list: a request containing "<script>" or "[x](y)"
// is shown as typed.

// The tokens redaction writes stay readable ("[candidate]", not "\[candidate\]").
const TOKEN = /\\\[(candidate|email|phone|postcode|handle|party|private)\\\]/g;

/** Escape one paragraph or line of text for Markdown (CommonMark and GFM). */
export function escapeMarkdown(text: string): string {
  let out = text
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  // Block syntax at the start of a line: headings, quotes, lists, thematic breaks, setext underlines.
  out = out.replace(/^([ \t]*)([#+\-=])/gm, '$1\\$2').replace(/^([ \t]*)(\d+)([.)])/gm, '$1$2\\$3');
  // Unescape them, except where "(" or ":" follows, which could make a link or a link definition.
  return out.replace(TOKEN, (whole: string, kind: string, offset: number, all: string) => {
    const next = all[offset + whole.length];
    return next === '(' || next === ':' ? whole : `[${kind}]`;
  });
}

/** Escape text for one cell of a Markdown table: one line, pipes escaped. */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdown(text.replace(/\s*\n\s*/g, ' '));
}
