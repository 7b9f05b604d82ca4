// The protocol presets shipped with evenhand: presets/<name>.yaml beside dist/, like templates/.
// Data, not code: a new body adds a file (docs/decisions/0017-protocol-presets.md).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, EXIT } from '../domain/errors.js';

/** The default settings `init` writes without --protocol; not a protocol, so not listed. */
export const DEFAULT_PRESET = 'default';

/** The presets/ folder shipped with evenhand (two levels above dist/<dir>/, as templates/ is). */
export function presetsDir(): string {
  return fileURLToPath(new URL('../../presets/', import.meta.url));
}

/** The names of the protocol presets, sorted. */
export async function presetNames(): Promise<string[]> {
  const files = await readdir(presetsDir()).catch(() => [] as string[]);
  return files
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .filter((n) => n !== DEFAULT_PRESET)
    .sort();
}

export async function readPresetText(name: string): Promise<string> {
  const names = await presetNames();
  if (name !== DEFAULT_PRESET && !names.includes(name))
    throw new UserError(`no protocol preset "${name}"`, EXIT.usage, `one of: ${names.join(', ')} (see \`evenhand protocol list\`)`);
  return readFile(join(presetsDir(), `${name}.yaml`), 'utf8');
}
