// The entry files on disk as a cold audit receives them: read in a worker thread when the machine has
// a core for it (the files are then read while the history is audited), else on this thread between
// the pieces of `git log` it reads; slice by slice either way, in the
// order the case folders sort. The audit asks `ready(folder)` before a commit that adds an entry in
// that folder, and waits when it is not read yet: a commit is audited against exactly what a whole
// read would have given it (docs/decisions/0040-the-audit-reads-beside-git.md).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EntryOnDisk } from '../domain/audit.js';
import { compactForAudit, type CaseFolder } from '../domain/audit-resume.js';
import { UserError } from '../domain/errors.js';
import type { Finding } from '../domain/findings.js';
import { pushAll } from '../domain/push-all.js';
import type { ReaderMessage } from './audit-reader-worker.js';
import { readEntrySlices, type FolderListing, type FolderSlice } from './entry-slices.js';
import { boundHeapGrowthFor } from './heap-growth.js';

/** Set by the bundler (scripts/bundle.mjs): the worker's file beside the bundle. Unbundled, the compiled module. */
declare const __EVENHAND_AUDIT_WORKER__: string | undefined;

/**
 * The worker's file, or undefined to read on this thread. A worker pays for itself only with a core
 * of its own beside git's and the audit's: on two shared cores it cost 4–14% more CPU and saved no
 * time (ADR 0040). So: with three cores or more, unless EVENHAND_AUDIT_WORKER=0; with fewer, only when
 * EVENHAND_AUDIT_WORKER=1. Never from the TypeScript sources (no compiled worker beside them).
 */
function workerFile(): string | undefined {
  const asked = process.env.EVENHAND_AUDIT_WORKER;
  if (asked === '0' || (asked !== '1' && availableParallelism() < 3)) return undefined;
  const name = typeof __EVENHAND_AUDIT_WORKER__ === 'string' ? __EVENHAND_AUDIT_WORKER__ : './audit-reader-worker.js';
  const file = fileURLToPath(new URL(name, import.meta.url));
  return existsSync(file) ? file : undefined;
}

export class EntryFeed {
  /** Every entry file read so far, by path, in the order read (the order of a whole read). */
  readonly entries = new Map<string, EntryOnDisk>();
  /** Files of error findings (invalid entries, links, files too large) so far. */
  readonly invalidFiles = new Set<string>();
  /** The findings of the listing and of every slice, in the order of a whole read. */
  readonly findings: Finding[] = [];
  folders: CaseFolder[] = [];
  private listed?: Set<string>;
  private readonly read = new Set<string>();
  private finished = false;
  private failure?: Error;
  private waiting: (() => void)[] = [];
  /** One string for a value repeated across files (kinds, names, dates): shared until the reading ends. */
  private pool: Map<string, string> | undefined = new Map();
  private worker?: Worker;
  private closed = false;
  /** Settles when every folder is read, or rejects with what stopped the reading. */
  readonly done: Promise<void>;

  /** `worker`: the worker's file (tests give one of their own); undefined reads on this thread. */
  constructor(registerDir: string, worker: string | undefined = workerFile()) {
    let settle!: (err?: Error) => void;
    this.done = new Promise<void>((resolve, reject) => (settle = (err) => (err ? reject(err) : resolve())));
    // Awaited by the audit once git is read; a failure seen first through waitFor must not also be unhandled here.
    this.done.catch(() => {});
    const finish = (err?: Error) => {
      if (this.finished || this.failure) return;
      if (err) this.failure = err;
      else this.finished = true;
      this.pool = undefined;
      settle(err);
      this.wake();
    };
    if (worker) {
      this.worker = new Worker(worker, { workerData: { registerDir } });
      // Strings that come through a message are copies already: no slice of a file's text to let go of.
      this.worker.on('message', (m: ReaderMessage) => {
        if ('listing' in m) this.takeListing(m.listing);
        else if ('slice' in m) this.takeSlice(m.slice, false);
        else if ('done' in m) finish();
        else finish(revive(m.error));
      });
      this.worker.on('error', (err) => finish(new Error(`the entry files could not be read: ${err.message}`)));
      this.worker.on('exit', (code) => finish(new Error(`the entry files could not be read: the reading stopped (exit ${code})`)));
    } else {
      // On this thread: between slices the event loop reads git's output (an await alone yields to promises, not to I/O: ADR 0035).
      readEntrySlices(
        registerDir,
        (listing) => this.takeListing(listing),
        (slice) => this.takeSlice(slice, true),
        // Stopped by close(): nothing more is wanted (git failed), so the process need not read on.
        () => new Promise((resolve, reject) => setImmediate(() => (this.closed ? reject(new Error('closed')) : resolve()))),
      ).then(() => finish(), (err: unknown) => finish(err instanceof Error ? err : new Error(String(err))));
    }
  }

  private takeListing(listing: FolderListing): void {
    // The audit holds every entry's facts and every timeline row to the end: on a large register keep
    // the heap near what it holds (ADR 0041). Here, on the main thread, with the whole register's count
    // (readEntriesOnDisk sees only a slice of it).
    boundHeapGrowthFor(listing.folders.length);
    this.folders = listing.folders;
    this.listed = new Set(listing.folders.map((f) => f.folder));
    this.takeFindings(listing.findings);
    this.wake();
  }

  private takeSlice(slice: FolderSlice, copy: boolean): void {
    compactForAudit(slice.entries, [], this.pool, copy);
    for (const e of slice.entries) this.entries.set(e.file, e);
    for (const f of slice.folders) this.read.add(f.folder);
    this.takeFindings(slice.findings);
    this.wake();
  }

  private takeFindings(findings: Finding[]): void {
    pushAll(this.findings, findings);
    for (const f of findings) if (f.severity === 'error' && f.file) this.invalidFiles.add(f.file);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w();
  }

  /** Whether everything a whole read would say about this case folder is known (it is read, or not on disk). */
  ready(folder: string): boolean {
    if (this.failure) throw this.failure;
    return this.finished || (this.listed !== undefined && (!this.listed.has(folder) || this.read.has(folder)));
  }

  /** Wait until `folder` is ready; rejects if the reading failed. */
  async waitFor(folder: string): Promise<void> {
    while (!this.ready(folder)) await new Promise<void>((r) => this.waiting.push(r));
  }

  /** Stop the reading, in the worker or on this thread (after a failure elsewhere: nothing more is wanted of it). */
  close(): void {
    this.closed = true;
    if (this.worker && !this.finished) void this.worker.terminate();
  }
}

/** An error posted by the worker as the error it was: a UserError stays one (its message, exit code and hint). */
function revive(e: Extract<ReaderMessage, { error: unknown }>['error']): Error {
  if (e.user) return new UserError(e.message, e.user.exitCode, e.user.hint, e.user.findings);
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}
