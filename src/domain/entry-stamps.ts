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
}

import { ENTRY_KINDS } from './schemas.js';

// A correction carries nested fields (corrects, reason, set) the audit shows: always parsed in full.
const KINDS = new Set<string>(ENTRY_KINDS.filter((k) => k !== 'correction'));
const LINE = /^(kind|id|recorded_by|recorded_at):(?:[ \t]+(.*))?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const ID = /^[0-9a-z]+(?:-[0-9a-z]+)+$/;
// Plain scalars YAML would read as something other than this text, or could not read at all.
const NOT_PLAIN_TEXT = /^(?:[-?:,[\]{}#&*!|>'"%@`]|(?:true|false|yes|no|on|off|null|~)$|[-+]?(?:\d[\d_]*)?\.?\d*(?:e[-+]?\d+)?$|0x|0o|\.inf$|\.nan$)/i;

function scalar(raw: string | undefined): string | undefined {
  const v = (raw ?? '').trim();
  if (v === '') return undefined;
  if (v.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'$/.exec(v);
    return m ? m[1].replaceAll("''", "'") : undefined;
  }
  if (v.startsWith('"')) {
    const m = /^"([^"\\]*)"$/.exec(v);
    return m ? m[1] : undefined;
  }
  if (NOT_PLAIN_TEXT.test(v) || v.includes(' #') || v.includes(': ') || v.endsWith(':') || v.includes('\t')) return undefined;
  return v;
}

/** The stamp of an entry file, or undefined when only a full parse can tell. */
export function readEntryStamp(text: string): EntryStamp | undefined {
  const lines = text.split('\n');
  const found: Partial<Record<keyof EntryStamp, string>> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    // A second document, or a directive: not the files evenhand writes.
    if (line.startsWith('---') || line.startsWith('...') || line.startsWith('%')) return undefined;
    const m = LINE.exec(line);
    if (!m) continue;
    const key = m[1] as keyof EntryStamp;
    if (found[key] !== undefined) return undefined;
    // An indented line after it continues the value (a multi-line plain scalar).
    if (/^[ \t]+[^ \t#\r]/.test(lines[i + 1] ?? '')) return undefined;
    const value = scalar(m[2]);
    if (value === undefined) return undefined;
    found[key] = value;
  }
  const { kind, id, recorded_by, recorded_at } = found;
  if (!kind || !KINDS.has(kind) || !id || !ID.test(id) || !recorded_by || !recorded_at || !INSTANT.test(recorded_at)) return undefined;
  return { kind, id, recorded_by, recorded_at };
}
