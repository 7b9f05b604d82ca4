// The per-file parse cache (issue 14, docs/decisions/0025-incremental-check-and-build.md): each
// register file's parsed and validated form, its line map and its findings, keyed by the file's
// path, what it was parsed as and a SHA-256 of the very text read. Only YAML parsing and schema
// validation are skipped; every file is still read, so a changed byte is always a miss. A hit
// returns a fresh copy (v8-deserialized), never an object an earlier reader could have changed.
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Parsed } from '../domain/parse.js';
import { openMapCache, type MapCacheHandle } from './cache-store.js';

interface Stored {
  /** SHA-256 of what the file was parsed as and its text. */
  hash: string;
  /** The Parsed result, v8-serialized when it was made. */
  bytes: Uint8Array;
}

export interface ParseCache {
  /** `parse()`'s result for this text, from the cache when the same file held the same text. */
  parse<T>(file: string, as: string, text: string, parse: () => Parsed<T>): Parsed<T>;
  /** The hash of what `file` was parsed as and its text, for a file parsed in this run. */
  hashOf(file: string): string | undefined;
  /**
   * Write the files seen in this run (and only them) back, once, and let go of their parsed forms
   * (not held while the site is rendered): a file parsed after this is parsed again, not saved.
   */
  save(): void;
}

function textHash(as: string, text: string): string {
  return createHash('sha256').update(as).update('\0').update(text).digest('base64');
}

/** The parse cache of the register, or undefined outside git. `fresh`: start empty (--no-cache). */
export async function openParseCache(registerDir: string, opts: { fresh?: boolean } = {}): Promise<ParseCache | undefined> {
  const handle: MapCacheHandle<Stored> | undefined = await openMapCache(registerDir, 'parsed-files');
  if (!handle) return undefined;
  let old = (!opts.fresh && handle.read()) || new Map<string, Stored>();
  let next = new Map<string, Stored>();
  let changed = opts.fresh === true || !(old instanceof Map);
  // No cache to start from (a cold run, or one written by another build): every file is new, so
  // each is written as it is parsed rather than held until the end: 280 MB at 100,000 cases (ADR 0041).
  const stream = old.size === 0 ? handle.stream() : undefined;
  const streamed = new Map<string, string>();
  // After save: only the hashes (the parsed bytes of every file are not held while the site is rendered).
  let hashes: Map<string, string> | undefined;
  return {
    parse<T>(file: string, as: string, text: string, parse: () => Parsed<T>): Parsed<T> {
      const hash = textHash(as, text);
      const hit = old instanceof Map ? old.get(file) : undefined;
      if (hit && hit.hash === hash) {
        try {
          const value = deserialize(hit.bytes) as Parsed<T>;
          next.set(file, hit);
          return value;
        } catch {
          // A corrupt entry: parse again below.
        }
      }
      const parsed = parse();
      // Stored as it is now: the caller may change the objects it gets back.
      const stored = { hash, bytes: serialize(parsed) };
      if (stream && !hashes) {
        stream.add(file, stored);
        streamed.set(file, hash);
      } else next.set(file, stored);
      changed = true;
      return parsed;
    },
    hashOf: (file) => next.get(file)?.hash ?? streamed.get(file) ?? hashes?.get(file),
    save() {
      if (hashes) return;
      if (stream) {
        stream.finish();
        hashes = new Map(streamed);
        streamed.clear();
        return;
      }
      if (changed || !(old instanceof Map) || old.size !== next.size) handle.write(next);
      hashes = new Map([...next].map(([file, stored]): [string, string] => [file, stored.hash]));
      old = new Map();
      next = new Map();
    },
  };
}
