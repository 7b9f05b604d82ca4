// What `audit` needs from an entry file (its kind and id, who recorded it and when) read from the
// top-level lines evenhand writes, without a full YAML parse and schema check: at 10,000 cases the
// parse was two thirds of the audit's time. Anything this reader is not sure of (quoting it does not
// know, a value that runs onto the next line, a key given twice, a correction with its nested
// fields) returns undefined, and the caller parses that file in full, so the answer is always the
// one the parser would give.

export interface EntryStamp {
  kind: string;
  id: string;
  recorded_by: string;
  recorded_at: string;
  /** What its commit subject is made from (src/domain/entry-subject.ts); absent when the file lacks one. */
  subject_fields?: SubjectFields;
}

import { ENTRY_KINDS, Timestamp } from './schemas.js';
import { SUBJECT_KEYS, type SubjectFields } from './entry-subject.js';

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
// Characters whose handling (trimming, folding, escaping) this reader does not attempt: these, and a
// carriage return that does not end a line (CRLF). The class leaves \r out so that a file need not
// be copied with its line ends changed before it is tested (a fifth of the reader's time).
const UNSURE_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;

function hasUnsureChars(text: string): boolean {
  if (UNSURE_CHARS.test(text)) return true;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}

const isYamlSpace = (c: number) => c === 32 || c === 9;

/** Trim YAML's own white space (space and tab), nothing else. (Not a RegExp: its end anchor was tried at every space of every long text.) */
function trimYaml(v: string): string {
  let a = 0;
  let b = v.length;
  while (a < b && isYamlSpace(v.charCodeAt(a))) a++;
  while (b > a && isYamlSpace(v.charCodeAt(b - 1))) b--;
  return a === 0 && b === v.length ? v : v.slice(a, b);
}

/** `v` without a trailing comment: what `v.replace(/[ \t]+#.*$/, '')` gives, on a line without line breaks. */
function withoutComment(v: string): string {
  for (let k = v.indexOf('#', 1); k >= 0; k = v.indexOf('#', k + 1)) {
    if (!isYamlSpace(v.charCodeAt(k - 1))) continue;
    let start = k - 1;
    while (start > 0 && isYamlSpace(v.charCodeAt(start - 1))) start--;
    return v.slice(0, start);
  }
  return v;
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
  const plain = withoutComment(v);
  return !/^(?:[&*!%@`,]|[-?:](?:[ \t]|$))/.test(plain) && !/:(?:[ \t]|$)/.test(plain);
}

/**
 * The lines of a text as `text.split('\n')` gives them (a line starts at 0 or after a \n; the last
 * one may be empty), without the \r of a CRLF, by position: `next(at)` is where the line after the
 * one at `at` starts (past the end, text.length + 1, when there is none).
 */
class LineWalker {
  private readonly crlf: boolean;
  constructor(private readonly text: string) {
    this.crlf = text.includes('\r');
  }

  private nl(at: number): number {
    const i = this.text.indexOf('\n', at);
    return i < 0 ? this.text.length : i;
  }

  next(at: number): number {
    return this.nl(at) + 1;
  }

  /** Where the line at `at` ends, its \r (of a CRLF) left out. */
  end(at: number): number {
    const e = this.nl(at);
    return this.crlf && e > at && this.text.charCodeAt(e - 1) === 13 ? e - 1 : e;
  }

  /** Whether the line at `at` is empty or only spaces and tabs. */
  isBlank(at: number): boolean {
    const e = this.end(at);
    for (let i = at; i < e; i++) if (!isYamlSpace(this.text.charCodeAt(i))) return false;
    return true;
  }
}

/** The stamp of an entry file, or undefined when only a full parse can tell. */
export function readEntryStamp(text: string): EntryStamp | undefined {
  if (hasUnsureChars(text)) return undefined;
  // Lines are walked in place, not split: most of a file is indented text this reader steps over.
  // Past the test above every carriage return ends a line (CRLF), and is not part of it.
  const lines = new LineWalker(text);
  const found: Partial<Record<'kind' | 'id' | 'recorded_by' | 'recorded_at', string>> = {};
  const subject = new Map<string, string | boolean | typeof UNSURE>();
  const keys = new Set<string>();
  for (let at = 0; at <= text.length; at = lines.next(at)) {
    const end = lines.end(at);
    // Indented lines belong to the value above; blank and comment lines say nothing.
    const first = text.charCodeAt(at);
    if (end === at || first === 32 || first === 9 || first === 35) continue;
    // Anything else at the left edge must be a simple `key: value` line: not a second document, a
    // directive, a block or flow collection, a quoted or complex key.
    const m = KEY_LINE.exec(text.slice(at, end));
    if (!m) return undefined;
    const [, key, rawValue = ''] = m;
    if (keys.has(key)) return undefined;
    keys.add(key);
    // A quoted or flow value left open runs onto later lines, where a left-edge line is not a key.
    if (!safeToStepOver(trimYaml(rawValue))) return undefined;
    if (!OURS.has(key) && !SUBJECT.has(key)) continue;
    // The next line that is neither blank nor a comment at the edge, if indented, continues the value
    // (a multi-line scalar) or breaks the file: either way, the parser's to say.
    let j = lines.next(at);
    while (j <= text.length && (lines.isBlank(j) || text.charCodeAt(j) === 35)) j = lines.next(j);
    const continues = j <= text.length && isYamlSpace(text.charCodeAt(j));
    if (SUBJECT.has(key)) {
      subject.set(key, subjectValue(key, trimYaml(rawValue), continues ? text.slice(j, lines.end(j)) : undefined));
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
