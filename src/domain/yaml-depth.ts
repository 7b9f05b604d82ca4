// A guard before the `yaml` library reads a text (issue 10, "Bounds"): how deeply its collections
// nest, measured on yaml's own concrete syntax tree, which it builds without recursing. Reading a
// text nested tens of thousands deep recurses until the stack runs out; usually that is a
// RangeError, which parse.ts turns into a finding, but if V8 must compile a regular expression at
// that moment the process dies ("RegExpCompiler Allocation failed - process out of memory"),
// whatever catches what. Pure.
import { Parser } from 'yaml';
import { MAX_YAML_DEPTH } from './limits.js';

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Whether the text's collections nest deeper than `limit` (walked with a stack of its own, not by recursion). */
export function nestedTooDeeply(text: string, limit = MAX_YAML_DEPTH): boolean {
  for (const token of new Parser().parse(text)) {
    const stack: [object, number][] = [[token, 0]];
    while (stack.length > 0) {
      const [node, outer] = stack.pop()!;
      let depth = outer;
      if (COLLECTIONS.has((node as { type?: unknown }).type as string) && ++depth > limit) return true;
      for (const v of Object.values(node)) if (v !== null && typeof v === 'object') stack.push([v as object, depth]);
    }
  }
  return false;
}
