// The tool's own fixed wording (issue 11): what evenhand itself writes on every site — the default
// templates' text, labels from its tables, dates it formats — is not a candidate's name even where it
// reads "Christmas Day", "2 May 2024", "Chief Constable" or "Skip to main content". While a page is
// rendered, that wording is wrapped in two private markers (noncharacters, which publishable.ts
// strips from all data and from every template's source, so nothing else can forge them); before the
// page is written the markers are taken out and their places kept, and the leak gate skips those
// places. A register's own templates are never marked: their wording is scanned like data.
import Handlebars from 'handlebars';

export const FIXED_OPEN = '\uFDD0';
export const FIXED_CLOSE = '\uFDD1';
const MARKERS = /[\uFDD0\uFDD1]/g;

/** Mark text as the tool's own wording. */
export function fixed(text: string): string {
  return text ? `${FIXED_OPEN}${text}${FIXED_CLOSE}` : text;
}

/** Take the markers out of a value a helper is given. */
export function unmarked(text: string): string {
  return text.includes(FIXED_OPEN) || text.includes(FIXED_CLOSE) ? text.replace(MARKERS, '') : text;
}

/**
 * The rendered text without markers, and the ranges of it that were inside them, as a flat list
 * [start0, end0, start1, end1, …] in the returned text's positions.
 */
export function splitFixed(marked: string): { text: string; fixed: number[] } {
  let open = marked.indexOf(FIXED_OPEN);
  if (open < 0) return { text: unmarked(marked), fixed: [] };
  let close = marked.indexOf(FIXED_CLOSE);
  const fixedRanges: number[] = [];
  const parts: string[] = [];
  let depth = 0;
  let n = 0;
  let from = 0;
  // The markers found with indexOf, the next of each kind: every page has thousands of them.
  while (open >= 0 || close >= 0) {
    const opening = close < 0 || (open >= 0 && open < close);
    const i = opening ? open : close;
    parts.push(marked.slice(from, i));
    n += i - from;
    from = i + 1;
    if (opening) {
      if (depth++ === 0) fixedRanges.push(n);
      open = marked.indexOf(FIXED_OPEN, from);
    } else {
      if (depth > 0 && --depth === 0) {
        if (fixedRanges[fixedRanges.length - 1] === n) fixedRanges.pop();
        else fixedRanges.push(n);
      }
      close = marked.indexOf(FIXED_CLOSE, from);
    }
  }
  parts.push(marked.slice(from));
  n += marked.length - from;
  if (fixedRanges.length % 2) fixedRanges.push(n);
  return { text: parts.join(''), fixed: mergeRanges(fixedRanges) };
}

function mergeRanges(r: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.length; i += 2) {
    if (out.length && out[out.length - 1] >= r[i]) out[out.length - 1] = Math.max(out[out.length - 1], r[i + 1]);
    else out.push(r[i], r[i + 1]);
  }
  return out;
}

type Node = { type: string; [k: string]: unknown };

/**
 * A default template's syntax tree with its literal text and string literals marked as fixed
 * wording. Handlebars compiles a tree as it compiles text; the markers only ever surround text that
 * the template file itself holds.
 */
export function markDefaultTemplate(source: string): hbs.AST.Program {
  const ast = Handlebars.parse(source);
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Node;
    if (n.type === 'ContentStatement' && typeof n.value === 'string') n.value = fixed(n.value);
    else if (n.type === 'StringLiteral' && typeof n.value === 'string') n.value = fixed(n.value);
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && typeof v === 'object') visit(v);
  };
  visit(ast);
  return ast;
}
