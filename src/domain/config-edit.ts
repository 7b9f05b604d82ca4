// `evenhand config get|set` (issue 13, "Settings without hand-editing"): register.yaml's settings
// by their dotted keys as the file nests them (spoc.email, election.poll_date, deciders …),
// changed through yaml's Document API so the comments and layout of the file are kept, and the
// result validated by the RegisterConfig schema before anything is written. Pure: text in, text out.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { RegisterConfig } from './schemas.js';
import { closest } from './suggest.js';
import { MAX_YAML_DEPTH } from './limits.js';
import { nestedTooDeeply } from './yaml-depth.js';

/** A settable key and what its value is. */
export interface ConfigKey {
  key: string;
  kind: 'text' | 'number' | 'boolean' | 'date' | 'list' | 'choice' | 'table';
  choices?: string[];
  description?: string;
}

/** Everything zod wraps a field in (default, optional …) peeled off. */
function unwrap(t: z.ZodType): z.ZodType {
  let cur = t as z.ZodType & { unwrap?: () => z.ZodType; def?: { innerType?: z.ZodType } };
  for (;;) {
    const inner = cur.def?.innerType;
    if (!inner) return cur;
    cur = inner as typeof cur;
  }
}

function describeOf(t: z.ZodType): string | undefined {
  let cur = t as z.ZodType & { def?: { innerType?: z.ZodType }; description?: string };
  for (;;) {
    if (cur.description) return cur.description;
    const inner = cur.def?.innerType;
    if (!inner) return undefined;
    cur = inner as typeof cur;
  }
}

/** The keys register.yaml takes, read from the schema (so a new setting needs no change here). */
export function configKeys(): ConfigKey[] {
  const out: ConfigKey[] = [];
  const walk = (shape: Record<string, z.ZodType>, prefix: string) => {
    for (const [name, field] of Object.entries(shape)) {
      const key = `${prefix}${name}`;
      const t = unwrap(field);
      const description = describeOf(field);
      if (t instanceof z.ZodObject) walk(t.shape as Record<string, z.ZodType>, `${key}.`);
      else if (t instanceof z.ZodArray) out.push({ key, kind: unwrap(t.element as z.ZodType) instanceof z.ZodObject ? 'table' : 'list', description });
      else if (t instanceof z.ZodEnum) out.push({ key, kind: 'choice', choices: t.options.map(String), description });
      else if (t instanceof z.ZodNumber) out.push({ key, kind: 'number', description });
      else if (t instanceof z.ZodBoolean) out.push({ key, kind: 'boolean', description });
      else if (/YYYY-MM-DD/.test(description ?? '') || /date|_start$/.test(name)) out.push({ key, kind: 'date', description });
      else out.push({ key, kind: 'text', description });
    }
  };
  walk(RegisterConfig.shape as unknown as Record<string, z.ZodType>, '');
  return out;
}

/** Words people use for a key ("target days", "SPOC email") → the key. */
export function findConfigKey(typed: string): { key: ConfigKey } | { suggestion?: string } {
  const keys = configKeys();
  const t = typed.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const exact = keys.find((k) => k.key === t || k.key.replace(/_/g, '') === t.replace(/_/g, ''));
  if (exact) return { key: exact };
  // The last part alone, when only one key ends with it: "email" is ambiguous, "poll_date" is not.
  const tail = keys.filter((k) => k.key.endsWith(`.${t}`) || k.key.endsWith(`_${t}`));
  if (tail.length === 1) return { key: tail[0] };
  return { suggestion: closest(t, keys.map((k) => k.key)) };
}

/** A typed value read for its key: a list from "a, b" or [a, b], numbers and true/false as such. */
export function readConfigValue(key: ConfigKey, raw: string, readDate: (typed: string) => string): unknown {
  switch (key.kind) {
    case 'number':
      return /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
    case 'boolean': {
      const v = raw.trim().toLowerCase();
      return ['true', 'yes', 'on'].includes(v) ? true : ['false', 'no', 'off'].includes(v) ? false : raw;
    }
    case 'date':
      return readDate(raw);
    case 'list': {
      const inner = raw.trim().replace(/^\[(.*)\]$/s, '$1');
      return inner.split(',').map((s) => s.trim()).filter(Boolean);
    }
    default:
      return raw;
  }
}

export type ConfigEdit = { ok: true; text: string; before: unknown; after: unknown } | { ok: false; message: string };

function plain(node: unknown): unknown {
  if (isScalar(node)) return node.value;
  if (isSeq(node) || isMap(node)) return node.toJSON();
  return node;
}

/** The value at a key, as the file holds it (undefined when not set). */
export function getConfigValue(text: string, key: string): unknown {
  // Nested past the limit (yaml-depth.ts): never read; `check` names the file.
  if (nestedTooDeeply(text)) return undefined;
  return plain(parseDocument(text).getIn(key.split('.'), true));
}

/**
 * Set (or, with value undefined, remove) a key in register.yaml's text, keeping its comments;
 * refused with the schema's message when the result is not a valid register.yaml.
 */
export function setConfigValue(text: string, key: string, value: unknown): ConfigEdit {
  if (nestedTooDeeply(text)) return { ok: false, message: `register.yaml nests more than ${MAX_YAML_DEPTH} deep, too deeply to read: run \`evenhand check\`` };
  const doc = parseDocument(text);
  if (doc.errors.length) return { ok: false, message: `register.yaml is not valid YAML: ${doc.errors[0].message}` };
  const path = key.split('.');
  const before = plain(doc.getIn(path, true));
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, doc.createNode(value));
  const parsed = RegisterConfig.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue.path.join('.') || key}: ${issue.message}` };
  }
  return { ok: true, text: doc.toString({ lineWidth: 0 }), before, after: value };
}
