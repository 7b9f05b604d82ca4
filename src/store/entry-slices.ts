// Every entry file on disk for a cold audit, read a slice of case folders at a time, in the order the
// folders sort (case ids begin with their date, so roughly the order of the history): first the
// listing of the folders, then each slice as it is read. A cold audit runs this in a worker thread
// (src/store/audit-reader-worker.ts), so the files are read while the main thread audits the commits
// whose folders are read already (docs/decisions/0040-the-audit-reads-beside-git.md).
import type { EntryOnDisk } from '../domain/audit.js';
import type { CaseFolder } from '../domain/audit-resume.js';
import type { Finding } from '../domain/findings.js';
import { listCaseFolders, readEntriesOnDisk } from './register-store.js';

/** The case folders on disk, and what listing them found (links or files where a folder should be). */
export interface FolderListing {
  folders: CaseFolder[];
  findings: Finding[];
}

/** What a slice of case folders holds: its entries (in the order read) and the findings of its files. */
export interface FolderSlice {
  folders: CaseFolder[];
  entries: EntryOnDisk[];
  findings: Finding[];
}

/**
 * Case folders read at a time. Small, so that a file's text is dropped before the collector has
 * twice moved past it (ADR 0035), and the commits waiting for a folder wait briefly.
 */
const SLICE = 50;

/**
 * List the case folders, hand the listing on, then read them a slice at a time and hand each slice on
 * (readEntriesOnDisk: each file's stamp, or a full parse where the stamp reader is unsure). The
 * returned promise settles after the last slice; between slices it waits for `between`, if given.
 */
export async function readEntrySlices(
  registerDir: string,
  onListing: (listing: FolderListing) => void,
  onSlice: (slice: FolderSlice) => void,
  between?: () => Promise<void>,
): Promise<void> {
  const findings: Finding[] = [];
  const folders = await listCaseFolders(registerDir, findings);
  onListing({ folders, findings });
  for (let i = 0; i < folders.length; i += SLICE) {
    if (i > 0 && between) await between();
    const part = await readEntriesOnDisk(registerDir, folders.slice(i, i + SLICE));
    onSlice({ folders: part.folders, entries: [...part.entries.values()], findings: part.findings });
  }
}
