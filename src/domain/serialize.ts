// Entry → YAML text. Field order follows the schema so files read the same way every time.
import { stringify } from 'yaml';

export const SCHEMA_DIR = 'schemas';

/** The first line of every file: editors using yaml-language-server validate as people type. */
export function schemaHeader(relPathToRegisterRoot: string, schemaName: string): string {
  return `# yaml-language-server: $schema=${relPathToRegisterRoot}${SCHEMA_DIR}/${schemaName}.schema.json\n`;
}

function prune(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

export function toYaml(value: Record<string, unknown>): string {
  return stringify(prune(value), { lineWidth: 0, blockQuote: 'literal' });
}

/** An entry file in `folder` (cases/<month>/<case>, or cases/<case> in older registers). */
export function entryYaml(entry: { kind: string } & Record<string, unknown>, folder: string): string {
  return schemaHeader('../'.repeat(folder.split('/').length), entry.kind) + toYaml(entry);
}

export function candidateYaml(candidate: Record<string, unknown>): string {
  return schemaHeader('../', 'candidate') + toYaml(candidate);
}

export function configYaml(config: Record<string, unknown>): string {
  return schemaHeader('', 'register') + toYaml(config);
}
