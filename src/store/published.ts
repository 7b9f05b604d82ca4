// Reading a published disclosure log for `evenhand audit --published`: a site folder, the
// disclosure-log.json itself, or its http(s) URL (an office's live site, the Pages history, an
// archive). Each copy is a witness of what the history held when it was built (issue 10).
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError, EXIT, usageError } from '../domain/errors.js';

export const PUBLISHED_FILE = 'disclosure-log.json';

/** Longest a download of a published log may take. */
const FETCH_TIMEOUT_MS = 60_000;

export interface PublishedText {
  /** As the user gave it, for messages. */
  source: string;
  text: string;
}

export async function readPublishedLog(source: string, cwd: string): Promise<PublishedText> {
  if (/^https?:\/\//i.test(source)) return { source, text: await download(source) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw usageError(`--published ${source}: only http(s) URLs, folders and files can be read`, `give the site folder, the path of ${PUBLISHED_FILE}, or its https:// URL`);
  const path = resolve(cwd, source);
  const s = await stat(path).catch(() => null);
  if (!s) throw usageError(`--published ${source}: no such file or folder`, `give the folder of a built site, the path of its ${PUBLISHED_FILE}, or its https:// URL`);
  const file = s.isDirectory() ? join(path, PUBLISHED_FILE) : path;
  if (!s.isDirectory() && !s.isFile()) throw usageError(`--published ${source}: not a file or folder`);
  try {
    return { source, text: await readFile(file, 'utf8') };
  } catch {
    throw usageError(`--published ${source}: cannot read ${s.isDirectory() ? `${PUBLISHED_FILE} in that folder` : 'that file'}`, `a site built by \`evenhand build\` has ${PUBLISHED_FILE} at its top`);
  }
}

/** Node's fetch: follows redirects, fails on any status but 2xx. */
async function download(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new UserError(`--published ${url}: cannot download it (${why})`, EXIT.findings, 'check the address and the network; a saved copy of the file or site folder works too');
  }
  if (!res.ok) throw new UserError(`--published ${url}: the server answered ${res.status} ${res.statusText}`.trimEnd(), EXIT.findings, `the URL of ${PUBLISHED_FILE} on the published site, e.g. https://<owner>.github.io/<repo>/${PUBLISHED_FILE}`);
  return res.text();
}
