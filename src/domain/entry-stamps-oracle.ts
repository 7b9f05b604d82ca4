// TEST ORACLE, not used by evenhand: readEntryStamp as it was before ADR 0035 made it walk lines in
// place (split lines, RegExp trims, a copy of the file with CRLF made LF). entry-stamps-fast.test.ts
// holds the new reader to exactly these answers. Kept verbatim but for its name.
import { ENTRY_KINDS, Timestamp } from './schemas.js';
import { SUBJECT_KEYS, type SubjectFields } from './entry-subject.js';
import type { EntryStamp } from './entry-stamps.js';

// A correction carries nested fields (corrects, reason, set) the audit shows: always parsed in full.
const KINDS = new Set<string>(ENTRY_KINDS.filter((k) => k !== 'correction'));
const OURS = new Set(['kind', 'id', 'recorded_by', 'recorded_at']);
// The values the commit subject is made from, for every kind read here.
const SUBJECT = new Set(Object.entries(SUBJECT_KEYS).flatMap(([k, keys]) => (k === 'correction' ? [] : keys)));
/** A subject value only the parser can read. */
const UNSURE = Symbol('unsure');
// A top-level `key: value` line as evenhand writes it (a simple key, then a space or the end).
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*))?$/;
const ID = /^[0-9a-z]+(?:-[0-9a-z]+)+$/;
// Plain scalars YAML would read as something other than this text, or could not read at all.
const NOT_PLAIN_TEXT = /^(?:[-?:,[\]{}#&*!|>'"%@`]|(?:true|false|yes|no|on|off|null|~)$|[-+]?(?:\d[\d_]*)?\.?\d*(?:e[-+]?\d+)?$|0x|0o|[-+]?\.(?:inf|nan)$)/i;
// Characters whose handling (trimming, folding, escaping) this reader does not attempt.
const UNSURE_CHARS = /[\x00-\x08\x0b-\x1f\x7f\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Trim YAML's own white space (space and tab), nothing else. */
function trimYaml(v: string): string {
  return v.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** The value of a one-line scalar, or undefined when only the parser can tell. */
function scalar(raw: string | undefined): string | undefined {
  const v = trimYaml(raw ?? '');
  if (v === '') return undefined;
  if (v.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'$/.exec(v);
    return m ? m[1].replaceAll("''", "'") : undefined;
  }
  if (v.startsWith('"')) {
    const m = /^"([^"\\]*)"$/.exec(v);
    return m ? m[1] : undefined;
  }
  if (NOT_PLAIN_TEXT.test(v) || v.includes(' #') || v.includes(': ') || v.endsWith(':')) return undefined;
  return v;
}

/**
 * Whether the value of any top-level key is one this reader can step over safely: a quote or flow
 * collection closed on its own line, a well-formed block scalar header, or a plain scalar the parser
 * would accept. Anything else may run onto later lines or make the file invalid.
 */
function safeToStepOver(v: string): boolean {
  if (v === '') return true;
  if (v.startsWith("'")) return /^'(?:[^']|'')*'[ \t]*(?:#.*)?$/.test(v);
  if (v.startsWith('"')) return /^"(?:[^"\\]|\\.)*"[ \t]*(?:#.*)?$/.test(v);
  if (v.startsWith('[')) return /\][ \t]*$/.test(v);
  if (v.startsWith('{')) return /\}[ \t]*$/.test(v);
  if (v.startsWith('|') || v.startsWith('>')) return /^[|>](?:[1-9][-+]?|[-+][1-9]?)?(?:[ \t]+#.*)?$/.test(v);
  if (v.startsWith('#')) return true;
  const plain = v.replace(/[ \t]+#.*$/, '');
  return !/^(?:[&*!%@`,]|[-?:](?:[ \t]|$))/.test(plain) && !/:(?:[ \t]|$)/.test(plain);
}

/** The stamp of an entry file, or undefined when only a full parse can tell. */
export function readEntryStampOracle(text: string): EntryStamp | undefined {
  if (UNSURE_CHARS.test(text.replaceAll('\r\n', '\n'))) return undefined;
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const found: Partial<Record<'kind' | 'id' | 'recorded_by' | 'recorded_at', string>> = {};
  const subject = new Map<string, string | boolean | typeof UNSURE>();
  const keys = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // Indented lines belong to the value above; blank and comment lines say nothing.
    if (line === '' || line.startsWith(' ') || line.startsWith('\t') || line.startsWith('#')) continue;
    // Anything else at the left edge must be a simple `key: value` line: not a second document, a
    // directive, a block or flow collection, a quoted or complex key.
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const [, key, rawValue = ''] = m;
    if (keys.has(key)) return undefined;
    keys.add(key);
    // A quoted or flow value left open runs onto later lines, where a left-edge line is not a key.
    if (!safeToStepOver(trimYaml(rawValue))) return undefined;
    if (!OURS.has(key) && !SUBJECT.has(key)) continue;
    // The next line that is neither blank nor a comment at the edge, if indented, continues the value
    // (a multi-line scalar) or breaks the file: either way, the parser's to say.
    let j = i + 1;
    while (j < lines.length && (trimYaml(lines[j]) === '' || lines[j].startsWith('#'))) j++;
    const continues = j < lines.length && /^[ \t]/.test(lines[j]);
    if (SUBJECT.has(key)) {
      subject.set(key, subjectValue(key, trimYaml(rawValue), continues ? lines[j] : undefined));
      continue;
    }
    if (continues) return undefined;
    const value = scalar(rawValue);
    if (value === undefined) return undefined;
    found[key as keyof typeof found] = value;
  }
  const { kind, id, recorded_by, recorded_at } = found;
  if (!kind || !KINDS.has(kind) || !id || !ID.test(id) || !recorded_by?.trim() || !recorded_at) return undefined;
  // The same rules as the schema, so that what the audit compares is always a real instant.
  if (!Timestamp.safeParse(recorded_at).success) return undefined;
  const fields: SubjectFields = {};
  for (const key of SUBJECT_KEYS[kind]) {
    const v = subject.get(key);
    if (v === UNSURE) return undefined;
    // The schema's defaults: foi false, publish true.
    if (key === 'foi') fields.foi = v ?? false;
    else if (key === 'publish') fields.withheld = v ?? false;
    else if (typeof v === 'string') fields[key] = v;
    else return { kind, id, recorded_by, recorded_at };
  }
  return { kind, id, recorded_by, recorded_at, subject_fields: fields };
}

/**
 * A subject value as the parser would read it: one-line text; `foi` a boolean; `publish` true, or a
 * map with `withheld` (read as "withheld"). Anything else is left to the parser.
 */
function subjectValue(key: string, v: string, nextIndented: string | undefined): string | boolean | typeof UNSURE {
  if (key === 'foi') return !nextIndented && (v === 'true' || v === 'false') ? v === 'true' : UNSURE;
  if (key === 'publish') {
    if (v === 'true' && !nextIndented) return false;
    return v === '' && nextIndented !== undefined && /^[ \t]+withheld:/.test(nextIndented) ? true : UNSURE;
  }
  if (nextIndented !== undefined) return UNSURE;
  return scalar(v) ?? UNSURE;
}
