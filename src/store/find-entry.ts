// Which case holds an entry, from its id alone (`evenhand correct response-k7q2`, issue 13).
// Entry ids are drawn at random and are unique in practice, but only guaranteed within a case
// (docs/decisions/0001): every case holding the id is returned, so a clash is said, never guessed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { entryFile } from '../domain/register-model.js';
import { listCaseFolders } from './register-store.js';

export async function casesHoldingEntry(dir: string, entryId: string): Promise<string[]> {
  const folders = await listCaseFolders(dir);
  return folders.filter((f) => existsSync(join(dir, entryFile(f.folder, f.id, entryId)))).map((f) => f.id);
}
