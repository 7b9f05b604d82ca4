// A protocol preset is a register.yaml with a comment citing the protocol's section above each
// setting. `init` lays the user's flags over it with the yaml Document API, so the comments stay,
// and validates the result with the same zod schema as register.yaml.
import { isMap, isScalar, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { Finding } from './findings.js';
import { RegisterConfig } from './schemas.js';

export type PresetDocument = Document;

export function parsePreset(text: string): PresetDocument {
  return parseDocument(text);
}

/**
 * Set each given value at its path, keeping the comments: an existing scalar keeps its node (and
 * so a comment after it); a missing one is added. Undefined values are skipped.
 */
export function overridePreset(doc: PresetDocument, values: [path: string[], value: unknown][]): void {
  for (const [path, value] of values) {
    if (value === undefined) continue;
    const node = doc.getIn(path, true);
    if (isScalar(node) && !Array.isArray(value) && typeof value !== 'object') node.value = value;
    else doc.setIn(path, doc.createNode(value));
  }
}

/** Put the top-level settings in the schema's order (keys a flag added go to their place, comments move with them). */
export function orderAsSchema(doc: PresetDocument): void {
  if (!isMap(doc.contents)) return;
  const order = Object.keys(RegisterConfig.shape);
  const rank = (p: Pair) => {
    const i = order.indexOf(String((p.key as { value?: unknown } | null)?.value ?? p.key));
    return i < 0 ? order.length : i;
  };
  doc.contents.items.sort((a, b) => rank(a) - rank(b));
}

/** A comment above each top-level setting that has none (those a flag added to a preset without them). */
export function commentUncommented(doc: PresetDocument, comment: string): void {
  if (!isMap(doc.contents)) return;
  for (const pair of doc.contents.items) {
    // A key added by setIn is a plain value, not a node: make it one to carry a comment.
    if (!isScalar(pair.key)) pair.key = doc.createNode(pair.key);
    const key = pair.key as Node;
    if (!key.commentBefore) key.commentBefore = comment;
  }
}

export interface PresetCheck {
  config?: RegisterConfig;
  /** Schema problems, by dotted path. */
  problems: { path: string; message: string }[];
}

export function validatePreset(doc: PresetDocument): PresetCheck {
  const parsed = RegisterConfig.safeParse(doc.toJS());
  if (parsed.success) return { config: parsed.data, problems: [] };
  return { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

/**
 * Every setting and the comment above it: each top-level key but `protocol` (one comment covers a
 * block such as election or organisations) and each key of `policy`.
 */
export function settingComments(doc: PresetDocument): { path: string; comment: string }[] {
  const out: { path: string; comment: string }[] = [];
  const commentOf = (pair: Pair) => [(pair.key as Node | null)?.commentBefore, (pair.value as Node | null)?.comment].filter(Boolean).join(' ').trim();
  const keyOf = (pair: Pair) => String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    const key = keyOf(pair);
    if (key === 'protocol') continue;
    // The comment above a map's first key belongs to the map node itself.
    if (key === 'policy' && isMap(pair.value))
      pair.value.items.forEach((p, i) => out.push({ path: `policy.${keyOf(p)}`, comment: commentOf(p) || (i === 0 ? ((pair.value as Node).commentBefore ?? '').trim() : '') }));
    else out.push({ path: key, comment: commentOf(pair) });
  }
  return out;
}

export function presetFindings(name: string, doc: PresetDocument): Finding[] {
  const file = `presets/${name}.yaml`;
  const errors = doc.errors.map((e) => ({ code: 'schema', severity: 'error' as const, file, message: e.message }));
  return [...errors, ...validatePreset(doc).problems.map((p) => ({ code: 'schema', severity: 'error' as const, file, path: p.path, message: p.message }))];
}
