// The tokens that replace what redaction removes, and how to find them again in rendered output.

export const REDACTION_TOKENS = {
  candidate: '[candidate]',
  email: '[email]',
  phone: '[phone]',
  postcode: '[postcode]',
  handle: '[handle]',
  party: '[party]',
  private: '[private]',
} as const;

export type TokenKind = keyof typeof REDACTION_TOKENS;

// The tokens redaction writes are not leaks, even for a candidate whose name is "Party" or "Handle";
// nor are they once a renderer has escaped their brackets ("\\[party\\]" in Markdown, "%5Bparty%5D").
// Only the lower-case token words as written are masked, so "[Handle]" in a text is still a name.
export const TOKEN_IN_OUTPUT =
  /(?:\\?\[|&#0*91;|&#[xX]0*5[bB];|&lsqb;|&lbrack;|%5[bB])(?:candidate|email|phone|postcode|handle|party|private)(?:\\?\]|&#0*93;|&#[xX]0*5[dD];|&rsqb;|&rbrack;|%5[dD])/g;

/** Blanks out redaction tokens, keeping the length so that indexes still point into the text as given. */
export function maskTokens(text: string): string {
  return text.includes('[') || text.includes('&') || text.includes('%') ? text.replace(TOKEN_IN_OUTPUT, (t) => '\u0000'.repeat(t.length)) : text;
}
