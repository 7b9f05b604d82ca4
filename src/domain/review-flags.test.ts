import { describe, expect, it } from 'vitest';
import { flagContext, reviewFlags, type FlagKind } from './review-flags.js';

const pcc = flagContext('pcc', true);
const noIncumbent = flagContext('pcc', false);

/** [text, kind, the flagged words] — each row must produce that flag. */
const FLAGGED: [string, FlagKind, string][] = [
  ['Dear OPCC, how many officers?', 'greeting', 'Dear OPCC'],
  ['Hi Siobhan, thanks', 'greeting', 'Hi Siobhan'],
  ['Good morning team\nPlease send it.', 'greeting', 'Good morning team'],
  ['How many officers? Regards, [candidate]', 'sign-off', 'Regards, [candidate]'],
  ['Please send it.\nThanks, Zoë', 'sign-off', 'Thanks, Zoë'],
  ['Please send it.\nKind regards\nMaggie', 'sign-off', 'Kind regards'],
  ['Please send the figures today. - Maggie', 'sign-off', '- Maggie'],
  ['Please send the figures.\n— [candidate]', 'sign-off', '— [candidate]'],
  ['Dear Ms [candidate], thank you', 'honorific', 'Ms [candidate]'],
  ['a letter to Mr. [candidate] today', 'honorific', 'Mr. [candidate]'],
  ['The request came from Mrs [private]', 'honorific', 'Mrs [private]'],
  ['my neighbour Mr Patel complained', 'person-name', 'Mr Patel'],
  ['PC Jenkins attended on the day', 'person-name', 'PC Jenkins'],
  ['ask Siobhan about it', 'given-name', 'Siobhan'],
  ['Siobhan asked about burglary figures', 'given-name', 'Siobhan'],
  ['the caller, SIOBHAN, asked', 'given-name', 'SIOBHAN'],
  ['a meeting with Alex later', 'given-name', 'Alex'],
  ['Zoë asked for figures', 'given-name', 'Zoë'],
  ['it was reported by Margaret Thornbury to us', 'person-name', 'Margaret Thornbury'],
  ['then Will said no', 'given-name', 'Will'],
  ['[candidate] Jnr asked', 'next-to-redaction', 'Jnr'],
  ['ask Councillor [candidate] directly', 'next-to-redaction', 'Councillor'],
  ['the [party] branch secretary', 'next-to-redaction', 'branch'],
  ['Call back on her mobile.', 'gendered-word', 'her'],
  ['He gave his number', 'gendered-word', 'He'],
  ['speaking as the sitting Commissioner', 'incumbent-office', 'as the sitting Commissioner'],
  ["the PCC's office has been asked", 'incumbent-office', "PCC's"],
  ['a briefing from my office', 'incumbent-office', 'my office'],
  ['Invitation for the Commissioner to speak', 'incumbent-office', 'Commissioner'],
  ['before my re-election', 'incumbent-office', 're-election'],
  ['I write in my role as PCC', 'incumbent-office', 'in my role as PCC'],
  ['Thanks, Siobhan', 'given-name', 'Siobhan'],
  ['my account number is 12345678', 'digits', '12345678'],
  ['membership 1234 5678 90', 'digits', '1234 5678 90'],
  ['crime reference 46/123456/24', 'digits', '46/123456/24'],
];

/** [text, kind] — each row must NOT produce a flag of that kind. */
const NOT_FLAGGED: [string, FlagKind][] = [
  ['Thank you for your request. The figures are attached.', 'sign-off'],
  ['Best of luck with the count', 'sign-off'],
  ['The meeting is on 2 May 2024.', 'given-name'],
  ['May I attend the launch?', 'given-name'],
  ['Will the figures be published?', 'given-name'],
  ['How many officers does Wessex Police employ?', 'given-name'],
  ['(Avon and Somerset 10.1; Kent 5)', 'given-name'],
  ['officers were sent to [email] on Monday', 'next-to-redaction'],
  ['contact me at [email] or [handle].', 'next-to-redaction'],
  ['Office of the Police and Crime Commissioner', 'incumbent-office'],
  ['the 2024-04-08 meeting', 'digits'],
  ['on 08.04.2024 at 09:30', 'digits'],
  ['see case 2024-0325-k7q2', 'digits'],
  ['spent £14,200,000 in 2023', 'digits'],
  ['Dear OPCC', 'honorific'],
];

describe('review flags', () => {
  it.each(FLAGGED)('%j → %s', (text, kind, words) => {
    const flags = reviewFlags(text, pcc).filter((f) => f.kind === kind);
    expect(flags.map((f) => f.text)).toContain(words);
    for (const f of flags) {
      expect(text.slice(f.start, f.end)).toBe(f.text);
      expect(f.why.length).toBeGreaterThan(10);
    }
  });

  it.each(NOT_FLAGGED)('%j → no %s', (text, kind) => {
    expect(reviewFlags(text, pcc).filter((f) => f.kind === kind)).toEqual([]);
  });

  it('flags a phrase about the office once, as a whole', () => {
    expect(reviewFlags('I write in my role as PCC', pcc).filter((f) => f.kind === 'incumbent-office').map((f) => f.text)).toEqual(['in my role as PCC']);
  });

  it('looks for the office only while an incumbent is standing', () => {
    expect(reviewFlags('speaking as the sitting Commissioner', noIncumbent).filter((f) => f.kind === 'incumbent-office')).toEqual([]);
    expect(flagContext('mayoral', true).officeTitles).toContain('mayor');
    expect(reviewFlags('as the current Mayor I ask', flagContext('mayoral', true)).map((f) => f.text)).toContain('as the current Mayor');
  });

  it('returns flags in reading order', () => {
    const flags = reviewFlags('Dear Ms [candidate], my account is 12345678. Thanks, Zoë', pcc);
    const starts = flags.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(flags.map((f) => f.kind))).toEqual(new Set(['greeting', 'honorific', 'digits', 'sign-off', 'given-name']));
  });

  it('finds nothing in plain text', () => {
    expect(reviewFlags('Officer overtime cost £9.8m in 2022/23 and £7.1m from April to December 2023.', pcc)).toEqual([]);
  });
});
