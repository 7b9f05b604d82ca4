import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readEntryStamp } from './entry-stamps.js';
import { subjectFields } from './entry-subject.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'register', 'cases');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.yaml') ? [join(dir, n)] : []));
}

/** What the YAML parser says, the reference the line reader must agree with whenever it answers. */
function parsed(text: string) {
  const v = parse(text) as Record<string, unknown>;
  return { kind: v.kind, id: v.id, recorded_by: v.recorded_by, recorded_at: v.recorded_at, subject_fields: subjectFields(String(v.kind), v) };
}

const BASE = [
  '# yaml-language-server: $schema=../../../schemas/decision.schema.json',
  'id: decision-m3x9',
  'kind: decision',
  'case: 2024-0408-k7q2',
  'outcome: provide',
  'reasons:',
  '  - "recorded_by: nobody"',
  'recorded_by: Jordan Vale (SPOC)',
  'recorded_at: 2024-04-10T09:00:00.000Z',
].join('\n');

describe('reading who recorded an entry, and when, without a YAML parse', () => {
  it('agrees with the parser on every entry of the sample register (corrections left to the parser)', () => {
    const all = files(SAMPLE);
    expect(all.length).toBeGreaterThan(50);
    let answered = 0;
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      const stamp = readEntryStamp(text);
      if (parsed(text).kind === 'correction') expect(stamp, f).toBeUndefined();
      else {
        expect(stamp, f).toEqual(parsed(text));
        answered++;
      }
    }
    expect(answered).toBeGreaterThan(50);
  });

  it('reads plain and quoted values, and only top-level keys', () => {
    expect(readEntryStamp(BASE)).toEqual({ kind: 'decision', id: 'decision-m3x9', recorded_by: 'Jordan Vale (SPOC)', recorded_at: '2024-04-10T09:00:00.000Z' });
    expect(readEntryStamp(BASE.replace('recorded_by: Jordan Vale (SPOC)', "recorded_by: 'O''Neill, SPOC'"))?.recorded_by).toBe("O'Neill, SPOC");
    expect(readEntryStamp(BASE.replace('recorded_by: Jordan Vale (SPOC)', 'recorded_by: "Sam: SPOC"'))?.recorded_by).toBe('Sam: SPOC');
    expect(readEntryStamp(BASE.replaceAll('\n', '\r\n'))).toEqual(parsed(BASE));
  });

  // Each of these is a file the line reader cannot be sure of: it must leave it to the parser
  // rather than give an answer the parser would not.
  const unsure: [string, string][] = [
    ['a value that runs onto the next line', BASE.replace('recorded_by: Jordan Vale (SPOC)', 'recorded_by: Jordan\n  Vale')],
    ['a key given twice', `${BASE}\nrecorded_by: Someone Else`],
    ['a comment after the value', BASE.replace('(SPOC)', '(SPOC) # typed later')],
    ['a block scalar', BASE.replace('recorded_by: Jordan Vale (SPOC)', 'recorded_by: |\n  Jordan Vale')],
    ['an escape in double quotes', BASE.replace('recorded_by: Jordan Vale (SPOC)', 'recorded_by: "Jordan\\tVale"')],
    ['a value YAML reads as a number', BASE.replace('recorded_by: Jordan Vale (SPOC)', 'recorded_by: 1234')],
    ['a value YAML reads as a boolean', BASE.replace('recorded_by: Jordan Vale (SPOC)', 'recorded_by: true')],
    ['an alias', BASE.replace('recorded_by: Jordan Vale (SPOC)', 'recorded_by: *who')],
    ['a second document', `${BASE}\n---\nrecorded_by: x`],
    ['a timestamp that is not an instant', BASE.replace('2024-04-10T09:00:00.000Z', '10 April 2024')],
    ['a missing recorder', BASE.replace('recorded_by: Jordan Vale (SPOC)\n', '')],
    ['an unknown kind', BASE.replace('kind: decision', 'kind: memo')],
    ['a correction', BASE.replace('kind: decision', 'kind: correction')],
    ['a flow mapping', '{kind: decision, id: decision-m3x9, recorded_by: x, recorded_at: 2024-04-10T09:00:00Z}'],
    ['a continuation after a blank line', BASE.replace('recorded_by: Jordan Vale (SPOC)', 'recorded_by: Alice Smith\n\n  Jones')],
    ['a no-break space YAML does not trim', BASE.replace('(SPOC)', '(SPOC)\u00a0')],
    ['a signed infinity', BASE.replace('recorded_by: Jordan Vale (SPOC)', 'recorded_by: +.inf')],
    ['a quoted value of another key that spans lines', BASE.replace('outcome: provide', 'outcome: "provide\nrecorded_by: Someone Else"')],
    ['a flow value of another key that spans lines', BASE.replace('outcome: provide', 'outcome: [provide,\nrecorded_by: x]')],
    ['a quoted key repeating one of ours', `${BASE}\n"recorded_by": Someone Else`],
    ['a key with a space before its colon', `${BASE}\nrecorded_by : Someone Else`],
    ['an impossible instant', BASE.replace('2024-04-10T09:00:00.000Z', '2024-13-45T99:99Z')],
    ['a blank recorder', BASE.replace('recorded_by: Jordan Vale (SPOC)', "recorded_by: '  '")],
    ['a block scalar at the top', `|\n${BASE}`],
  ];
  for (const [what, text] of unsure)
    it(`leaves ${what} to the parser`, () => {
      expect(readEntryStamp(text)).toBeUndefined();
    });
});
