// register.yaml as text, for `evenhand config set`: read, and replaced whole (write-then-rename,
// so a crash leaves the old file or the new one, never half of one).
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError, EXIT } from '../domain/errors.js';
import { TMP_SUFFIX } from './files.js';
import { CONFIG_FILE } from './register-store.js';

export async function readConfigText(dir: string): Promise<string> {
  try {
    return await readFile(join(dir, CONFIG_FILE), 'utf8');
  } catch {
    throw new UserError(`no register at ${dir}: ${CONFIG_FILE} not found`, EXIT.usage, 'create one with `evenhand init`, or point to it with --register <dir> or $EVENHAND_REGISTER');
  }
}

export async function replaceConfigText(dir: string, text: string): Promise<void> {
  const path = join(dir, CONFIG_FILE);
  const tmp = `${path}.${process.pid}${TMP_SUFFIX}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
