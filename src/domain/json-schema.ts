// JSON Schemas generated from the zod schemas, for editors (yaml-language-server) and other tools.
import { z } from 'zod';
import { ALL_SCHEMAS } from './schemas.js';

/** name → JSON text, deterministic so a test can tell when the committed files are stale. */
export function jsonSchemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(ALL_SCHEMAS)) {
    // "input": what a person may write in the file (fields with defaults are optional).
    const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const withTitle = { $schema: json.$schema, $id: `${name}.schema.json`, title: `evenhand ${name}`, ...json };
    out[`${name}.schema.json`] = `${JSON.stringify(withTitle, null, 2)}\n`;
  }
  return out;
}
