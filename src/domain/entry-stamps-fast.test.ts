// The line reader of entry stamps walks lines in place (ADR 0035). It must answer exactly as the
// reader before it did (entry-stamps-oracle.ts): the same stamp, and undefined (a full parse, with
// its findings) for the same files. Over the sample register, CRLF copies, and many random edits
// of real entry files at the places the reader judges: line starts, ends, values, comments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEntryStamp } from './entry-stamps.js';
import { readEntryStampOracle } from './entry-stamps-oracle.js';
import { prng } from '../bench/prng.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'register', 'cases');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.yaml') ? [join(dir, n)] : []));
}

const texts = files(SAMPLE).map((f) => readFileSync(f, 'utf8'));

// What an edit inserts: the characters and pieces whose handling the reader decides on.
const PIECES = [
  '\r\n', '\r', '\n', '\t', ' ', '  ', '#', ' #', '\t#', ' # note', ':', ': ', '::', "'", "''", '"', '\\"', '|', '>', '|-', '>2', '[', ']', '{', '}',
  '-', '- ', '? ', '&a ', '*a', '!x ', '%', '@', '`', ',', '\u00a0', '\u2028', '\ufeff', '\u0085', '\x00', '\x7f', 'é',
  '\n  ', '\n\t', '\n# c\n', '\n\n', '\n   \n', 'true', 'no', '~', 'null', '0x1', '1e3', '.inf', '12', '2024-04-10T09:00:00Z',
  '\nkind: request', '\nid: x-1', '\nrecorded_by: Someone', '\nrecorded_at: 2024-04-10T09:00:00Z', '\nfoi: true', '\npublish:\n  withheld: reasons',
  '\npublish: true', '\nsubject: A subject', '\n---\n', '\n...\n', '\n%YAML 1.2\n',
];

/** `text` with a few random edits: pieces inserted, a character removed, line ends made CRLF. */
function edited(text: string, r: ReturnType<typeof prng>): string {
  let t = text;
  const n = 1 + r.int(3);
  for (let k = 0; k < n; k++) {
    const what = r.int(10);
    // Edits cluster where the reader looks: just after a line start or around a key's colon.
    const starts = [0, ...[...t.matchAll(/\n/g)].map((m) => m.index + 1), ...[...t.matchAll(/: /g)].map((m) => m.index + r.int(3))];
    const at = r.next() < 0.7 ? Math.min(t.length, r.pick(starts)) : r.int(t.length + 1);
    if (what < 7) t = t.slice(0, at) + r.pick(PIECES) + t.slice(at);
    else if (what < 9) t = t.slice(0, at) + t.slice(at + 1);
    else t = t.replaceAll('\n', '\r\n');
  }
  return t;
}

describe('the entry stamp reader walking lines in place', () => {
  it('answers as the reader before it on every entry of the sample register, LF and CRLF', () => {
    expect(texts.length).toBeGreaterThan(50);
    let answered = 0;
    for (const text of texts)
      for (const t of [text, text.replaceAll('\n', '\r\n'), `${text}\n`, text.trimEnd()]) {
        const stamp = readEntryStamp(t);
        expect(stamp).toEqual(readEntryStampOracle(t));
        if (stamp) answered++;
      }
    expect(answered).toBeGreaterThan(200);
  });

  it('answers as the reader before it on 20,000 random edits of real entry files', () => {
    const r = prng(35);
    let answered = 0;
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const t = edited(r.pick(texts), r);
      const stamp = readEntryStamp(t);
      expect(stamp, JSON.stringify(t)).toEqual(readEntryStampOracle(t));
      if (stamp) answered++;
      else refused++;
    }
    // Both answers are exercised many times over.
    expect(answered).toBeGreaterThan(2_000);
    expect(refused).toBeGreaterThan(2_000);
  });

  it('answers as the reader before it on the edges: empty, blank, lone CR, CR before the end, comments at the end', () => {
    const base = texts.find((t) => readEntryStampOracle(t) !== undefined)!;
    const cases = [
      '', '\n', '\r\n', '\r', ' ', '#', 'kind: request', `${base}\r`, `${base}\r\r\n`, `${base}\n\r\n`, `${base}#`, `${base}\n# end`, `${base}\n   `, `${base}\n\t`,
      base.replace('\n', '\r\r\n'), base.replace(/\nrecorded_by: ([^\n]*)/, '\nrecorded_by: $1 # who'), base.replace(/\nrecorded_by: ([^\n]*)/, '\nrecorded_by: $1\t#who'),
      base.replace(/\nrecorded_by: ([^\n]*)/, '\nrecorded_by: $1#who'), base.replace(/\nrecorded_by: ([^\n]*)/, '\nrecorded_by:   $1  \t'),
      base.replace(/\nrecorded_by: ([^\n]*)/, '\nrecorded_by:\n  $1'), base.replace(/\nrecorded_by: ([^\n]*)/, '\nrecorded_by: $1\n\n# c\n  more'),
    ];
    for (const t of cases) expect(readEntryStamp(t), JSON.stringify(t)).toEqual(readEntryStampOracle(t));
  });
});
