// Building a correction entry (issue 5): the only legitimate way to change the record is a new
// entry naming the entry it corrects and why (DESIGN.md "The register"). Pure: the command reads
// the case and writes the entry; this turns `--set field=value` into the entry's `set` and checks
// that the corrected entry is still valid, exactly as applyCorrections will when the register is read.
import { parse as parseYamlValue } from 'yaml';
import { nestedTooDeeply } from './yaml-depth.js';
import { isDeepStrictEqual } from 'node:util';
import { ENTRY_SCHEMAS, type Entry } from './schemas.js';

/** Fields a correction may never change (src/domain/case-state.ts applyCorrections refuses them too). */
export const UNCORRECTABLE_FIELDS = ['id', 'kind', 'case', 'recorded_by', 'recorded_at'] as const;

export interface SetPair {
  field: string;
  raw: string;
  /** The value is text as given (--set-file), never parsed as YAML. */
  literal?: boolean;
}

export type CorrectionBuild = { ok: true; set: Record<string, unknown> } | { ok: false; field?: string; message: string; hint?: string };

/** `field=value` → {field, raw}; the value may itself contain `=`. */
export function splitSetOption(option: string): { field: string; raw: string } | undefined {
  const at = option.indexOf('=');
  if (at <= 0) return undefined;
  return { field: option.slice(0, at).trim(), raw: option.slice(at + 1) };
}

/** A --set value as YAML (so `true`, `12`, `[a, b]` are a boolean, a number and a list); undefined when it is not valid YAML. */
function yamlValue(raw: string): { value: unknown } | undefined {
  // Nested past the limit (yaml-depth.ts): not YAML to us, so the text as typed.
  if (nestedTooDeeply(raw)) return undefined;
  try {
    return { value: parseYamlValue(raw) };
  } catch {
    return undefined;
  }
}

/**
 * The `set` of a correction to `target` (the entry as the record now stands, earlier corrections
 * applied). Each value is read as YAML; where that does not fit the field (`--set subject=2024`,
 * `--set public_text=Yes: from May`) the text as typed is used instead.
 */
export function buildCorrectionSet(target: Entry, pairs: SetPair[]): CorrectionBuild {
  const schema = ENTRY_SCHEMAS[target.kind];
  const known = Object.keys(schema.shape);
  const seen = new Set<string>();
  for (const { field } of pairs) {
    if ((UNCORRECTABLE_FIELDS as readonly string[]).includes(field))
      return {
        ok: false,
        field,
        message: `a correction cannot change ${field}`,
        hint: field === 'case' ? 'an entry recorded in the wrong case is corrected by recording it again in the right one' : 'correct the content fields only',
      };
    if (!known.includes(field))
      return { ok: false, field, message: `a ${target.kind} has no field "${field}"`, hint: `fields: ${known.filter((k) => !(UNCORRECTABLE_FIELDS as readonly string[]).includes(k)).join(', ')}` };
    if (seen.has(field)) return { ok: false, field, message: `${field} is given twice` };
    seen.add(field);
  }

  const choices = pairs.map((p) => {
    if (p.literal) return [p.raw];
    const y = yamlValue(p.raw);
    return y === undefined || isDeepStrictEqual(y.value, p.raw) ? [p.raw] : [y.value, p.raw];
  });
  const pick = choices.map(() => 0);
  const setOf = () => Object.fromEntries(pairs.map((p, i) => [p.field, choices[i][pick[i]]]));
  for (;;) {
    const parsed = schema.safeParse({ ...target, ...setOf() });
    if (parsed.success) break;
    // Fall back to the text as typed for every field whose YAML reading was refused.
    const failing = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    let changed = false;
    pairs.forEach((p, i) => {
      if (failing.has(p.field) && pick[i] + 1 < choices[i].length) {
        pick[i]++;
        changed = true;
      }
    });
    if (!changed) {
      const issue = parsed.error.issues[0];
      const field = String(issue.path[0] ?? '');
      const where = issue.path.length > 1 ? issue.path.join('.') : field;
      return { ok: false, field, message: `the corrected ${target.kind} would not be valid: ${where}: ${issue.message}` };
    }
  }
  const set = setOf();
  const current = target as unknown as Record<string, unknown>;
  if (pairs.every((p) => isDeepStrictEqual(current[p.field], set[p.field])))
    return { ok: false, message: `nothing to correct: ${pairs.map((p) => p.field).join(', ')} already ${pairs.length === 1 ? 'has' : 'have'} that value` };
  return { ok: true, set };
}
