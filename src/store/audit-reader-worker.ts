// The worker thread of a cold audit: reads and stamps every entry file (src/store/entry-slices.ts)
// and posts the listing and each slice to the main thread, which audits the history meanwhile
// (src/store/entry-feed.ts; docs/decisions/0040-the-audit-reads-beside-git.md). A failure is posted
// as plain data, so the main thread reports it as it would its own (a UserError stays one).
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../domain/errors.js';
import { readEntrySlices } from './entry-slices.js';

/** What the worker posts. */
export type ReaderMessage =
  | { listing: import('./entry-slices.js').FolderListing }
  | { slice: import('./entry-slices.js').FolderSlice }
  | { done: true }
  | { error: { message: string; user?: { exitCode: number; hint?: string; findings: UserError['findings'] }; code?: string } };

const port = parentPort;
if (port) {
  const post = (m: ReaderMessage) => port.postMessage(m);
  readEntrySlices(
    (workerData as { registerDir: string }).registerDir,
    (listing) => post({ listing }),
    (slice) => post({ slice }),
  ).then(
    () => post({ done: true }),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      post({
        error: {
          message: e.message,
          ...(err instanceof UserError ? { user: { exitCode: err.exitCode, hint: err.hint, findings: err.findings } } : {}),
          ...(typeof (err as NodeJS.ErrnoException).code === 'string' ? { code: (err as NodeJS.ErrnoException).code } : {}),
        },
      });
    },
  );
}
