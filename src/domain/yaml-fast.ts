// A fast first reading of a register file (issue 14, docs/decisions/0034-a-fast-yaml-reading.md).
// js-yaml reads the short block mappings evenhand writes about ten times faster than the `yaml`
// library's document parser, which stays the authority: this returns undefined for anything it
// is not sure to read exactly as `yaml` does (an error, an anchor, alias, tag or directive, a key
// it cannot place on a line, anything not a mapping), and the caller then parses with `yaml`.
// Plain scalars are typed by `yaml`'s own YAML 1.2 core tags (null, bool, int, float), so a value
// means the same thing whichever parser read it. Pure.
import jsyaml from 'js-yaml';
import { isScalar, Schema } from 'yaml';

/** js-yaml's failsafe schema (strings, lists, mappings) with `yaml`'s core scalar tags, in `yaml`'s order. */
function coreSchemaFromYaml(): jsyaml.Schema {
  const implicit: jsyaml.Type[] = [];
  for (const tag of new Schema({ schema: 'core' }).tags as { tag: string; test?: RegExp; resolve: (s: string, onError: (m: string) => void, o: object) => unknown }[]) {
    if (!tag.test) continue;
    const test = tag.test;
    implicit.push(
      new jsyaml.Type(`${tag.tag}#${implicit.length}`, {
        kind: 'scalar',
        resolve: (data: unknown) => typeof data === 'string' && test.test(data),
        construct: (data: string) => {
          const v = tag.resolve(data, () => {}, { intAsBigInt: false });
          return isScalar(v) ? v.value : v;
        },
      }),
    );
  }
  return jsyaml.FAILSAFE_SCHEMA.extend({ implicit });
}

let schema: jsyaml.Schema | undefined;

/**
 * Where a node may start with an anchor (&), alias (*) or tag (!): after a line start, a space, a
 * flow indicator or a quote. A directive (%) starts a line. Such a text is left to `yaml`, which
 * limits how far aliases expand (limits.ts) and knows every tag.
 */
const NODE_PROPERTY = /(?:^|[\s[\]{},:"'?-])[&*!]|^%/m;

/** A top-level key at the start of a line: `name:` then a space, a line end or the end. */
const TOP_LEVEL_KEY = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?=[ \t\r\n]|$)/gm;

/**
 * The file's mapping and the line of each top-level key, read by js-yaml; undefined when `yaml`
 * must read it (see above).
 */
export function fastMapping(text: string): { data: Record<string, unknown>; lines: Record<string, number> } | undefined {
  if (NODE_PROPERTY.test(text)) return undefined;
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: (schema ??= coreSchemaFromYaml()) });
  } catch {
    // Invalid YAML, a duplicate key, nesting past the stack: `yaml` says exactly what is wrong.
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) return undefined;
  // Every key at the start of its own line, in the order of the mapping, and nothing else that
  // looks like one (a continuation line of a quoted value, say): else `yaml` places them.
  const keys = Object.keys(data);
  const lines: Record<string, number> = {};
  let found = 0;
  let line = 1;
  let counted = 0;
  TOP_LEVEL_KEY.lastIndex = 0;
  for (let m = TOP_LEVEL_KEY.exec(text); m !== null; m = TOP_LEVEL_KEY.exec(text)) {
    if (keys[found] !== m[1]) return undefined;
    for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++, (counted = i + 1);
    lines[m[1]] = line;
    found++;
  }
  return found === keys.length ? { data: data as Record<string, unknown>, lines } : undefined;
}
