// Text → validated object, with findings that name the file, the line and the field.
// Pure: the caller reads the file; this only parses.
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import type { Finding } from './findings.js';
import { formatBytes, MAX_REGISTER_FILE_BYTES, MAX_YAML_ALIASES, MAX_YAML_DEPTH } from './limits.js';
import { fastMapping } from './yaml-fast.js';
import { nestedTooDeeply } from './yaml-depth.js';
import { ownStrings } from './own-strings.js';

export interface Parsed<T> {
  value?: T;
  findings: Finding[];
  /** Line of each top-level key, for findings raised later by checks. */
  lines: Record<string, number>;
}

function issuePathToString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function nodeAt(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) return last;
      node = pair.value ?? pair.key;
      last = (pair.value ?? pair.key) as Node;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (!node) return last;
      last = node as Node;
    } else return last;
  }
  return last;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): { present: boolean; value?: unknown } {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return { present: false };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value: cur };
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): { message: string; hint?: string } {
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
        hint: 'remove it or check its spelling against the schema',
      };
    case 'invalid_value':
      return {
        message: `expected one of ${issue.values.map(String).join(', ')}`,
      };
    case 'invalid_type': {
      const found = valueAt(data, issue.path);
      return found.present
        ? { message: `expected ${issue.expected}, got ${describeValue(found.value)}` }
        : { message: `required field is missing (expected ${issue.expected})`, hint: 'add it' };
    }
    default:
      return { message: issue.message };
  }
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return `${typeof v} ${String(v)}`;
}

/** A finding for a file that hit one of the parser's limits (src/domain/limits.ts): never a hang or a crash. */
export function limitFinding(file: string, message: string, code = 'schema'): Finding {
  return { code, severity: 'error', file, message, hint: 'an entry or settings file is a short YAML mapping as evenhand writes it: restore the file from git (`git restore`) or rewrite it by hand' };
}

export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S, code = 'schema'): Parsed<z.infer<S>> {
  // Characters, not bytes: the store checks the byte size before reading, so this only guards other callers.
  if (text.length > MAX_REGISTER_FILE_BYTES)
    return { findings: [limitFinding(file, `larger than the limit of ${formatBytes(MAX_REGISTER_FILE_BYTES)} for a register file`, code)], lines: {} };
  // A valid file as evenhand writes it, read fast (yaml-fast.ts); anything else, and every finding, from `yaml`.
  const fast = fastMapping(text);
  if (fast) {
    const result = schema.safeParse(fast.data);
    // The value's strings copied: slices of `text` would keep the whole file alive (own-strings.ts).
    if (result.success) return { value: ownStrings(result.data as z.infer<S>), findings: [], lines: fast.lines };
  }
  return parseYamlDocument(file, text, schema, code);
}

/** parseYaml by the `yaml` library's document parser alone: the authority, with a line for every finding. */
export function parseYamlDocument<S extends z.ZodType>(file: string, text: string, schema: S, code = 'schema'): Parsed<z.infer<S>> {
  const findings: Finding[] = [];
  const lines: Record<string, number> = {};
  if (text.length > MAX_REGISTER_FILE_BYTES)
    return { findings: [limitFinding(file, `larger than the limit of ${formatBytes(MAX_REGISTER_FILE_BYTES)} for a register file`, code)], lines };
  if (nestedTooDeeply(text)) return { findings: [limitFinding(file, `nested more than ${MAX_YAML_DEPTH} deep, too deeply to read`, code)], lines };
  const lineCounter = new LineCounter();
  // prettyErrors stays off: building its context for a deeply nested file costs more than the parse.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = err.pos ? lineCounter.linePos(err.pos[0]) : undefined;
      findings.push({
        code,
        severity: 'error',
        file,
        line: pos?.line,
        message: `not valid YAML: ${err.message.split('\n')[0]}`,
        hint: 'fix the YAML syntax (indentation, quotes, a colon after each field name)',
      });
    }
    return { findings, lines };
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = (pair.key as { value?: unknown })?.value;
      const range = (pair.key as Node | null)?.range;
      if (typeof key === 'string' && range) lines[key] = lineCounter.linePos(range[0]).line;
    }
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    // yaml throws when aliases expand past the limit ("billion laughs"); a stack overflow on a
    // deeply nested value is the same kind of hostile input. Anything else is a bug.
    if (err instanceof RangeError || (err instanceof ReferenceError && /alias/i.test(err.message)))
      return { findings: [limitFinding(file, err instanceof RangeError ? 'nested too deeply to read' : `uses YAML aliases (*name) that expand past the limit of ${MAX_YAML_ALIASES}`, code)], lines };
    throw err;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    findings.push({
      code,
      severity: 'error',
      file,
      line: 1,
      message: 'expected a mapping of field: value',
      hint: 'an entry file holds one YAML mapping',
    });
    return { findings, lines };
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const node = nodeAt(doc, issue.path);
      const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
      const { message, hint } = describeIssue(issue, data);
      findings.push({ code, severity: 'error', file, line, path: issuePathToString(issue.path) || undefined, message, hint });
    }
    return { findings, lines };
  }
  return { value: ownStrings(result.data as z.infer<S>), findings, lines };
}
