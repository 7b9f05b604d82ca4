// Issue 11 table tests: each category of leak the red team found, in both directions (the form is
// caught; ordinary text is kept). Our own corpus of names, forms and texts.
import { describe, expect, it } from 'vitest';
import { createLeakScanner, createRedactor, identityForms, type CandidateIdentity } from './redaction.js';

const person = (id: string, name: string, more: Partial<CandidateIdentity> = {}): CandidateIdentity => ({
  id,
  name,
  aliases: [],
  emails: [],
  phones: [],
  handles: [],
  ...more,
});

const ALEX = person('c-a1ex', 'Alexander Morgan', { emails: ['amorgan@example.org'], phones: ['07700 900456'], party: 'Morgan for Wessex' });
const MAGGIE = person('c-mag1', 'Margaret Ward', { party: 'Independent' });
const ZOE = person('c-zoe2', 'Zoë Fairweather');
const SIOBHAN = person('c-s10b', "Siobhan O'Neill", { party: 'Wessex Greens' });
// Withdrawn, same party: only one of the two is standing, so the party still points at her.
const WITHDRAWN = person('c-w1th', 'Keith Barlow', { party: 'Wessex Greens' });
const WILL = person('c-w1ll', 'William Rich');
const HOPE = person('c-h0pe', 'Hope Day');
const LI = person('c-l1we', 'Wei Li');
const MA = person('c-ma01', 'Jun Ma');
const MAY = person('c-may1', 'Ruth May');
const GOOD = person('c-g00d', 'Ian Good');
const NOEL = person('c-n0el', 'Noel Christmas');
const JOHN = person('c-j0hn', 'John Constable');
const SELF = person('c-se1f', 'Peter Self');
const LANG = person('c-1ang', 'Kai Lang');
const LINK = person('c-l1nk', 'Tom Link');
const MAIN = person('c-ma1n', 'Rosa Main');
// Renamed: `candidate update --name "Laura Bennett" --party "Bennett for Wessex"` keeps the old ones.
const LAURA = person('c-1aur', 'Laura Bennett', { party: 'Bennett for Wessex', former: { names: ['Laura Pike'], parties: ['Pike Independents'], emails: ['laura@pike.example'], phones: [], handles: ['@PikeForPCC'] } });

const REGISTER = [ALEX, MAGGIE, ZOE, SIOBHAN, WITHDRAWN, WILL, HOPE, LI, MA, MAY, GOOD, NOEL, JOHN, SELF, LANG, LINK, MAIN, LAURA];
const redactor = createRedactor(REGISTER);
const scanner = createLeakScanner(REGISTER);
const redact = (t: string) => redactor.redact(t);

/** Both directions at once: the redacted text, and the gate agreeing on the original and on the result. */
function expectRedacted(text: string, expected: string): void {
  expect(redact(text)).toBe(expected);
  expect(scanner.scan(redact(text))).toEqual([]);
  if (expected !== text && /\[candidate\]|\[party\]|\[phone\]|\[handle\]/.test(expected)) expect(scanner.scan(text).length).toBeGreaterThan(0);
}

describe('first names and short forms', () => {
  it.each([
    ['Thanks, Zoë', 'Thanks, [candidate]'],
    ['thanks, zoe', 'thanks, [candidate]'],
    ['Many thanks\n- Maggie', 'Many thanks\n- [candidate]'],
    ['Best wishes,\nMeg', 'Best wishes,\n[candidate]'],
    ['Dear Alex,', 'Dear [candidate],'],
    ['Dear Sandy', 'Dear [candidate]'],
    ['Siobhan asked for the figures.', '[candidate] asked for the figures.'],
    ['Regards,\nwill', 'Regards,\n[candidate]'],
    ['Hi Bill, can you send it?', 'Hi [candidate], can you send it?'],
    ['Kind regards\nHope', 'Kind regards\n[candidate]'],
    ['I spoke to Maggie yesterday', 'I spoke to [candidate] yesterday'],
  ])('%j → %j', expectRedacted);

  it.each([
    'We will reply within twenty working days.',
    'Will you send the figures?',
    'We hope to reply soon.',
    'Hope you are well.',
    'a rich seam of data',
    'the bill for the consultancy',
    'the alex file', // a lower-case given name out of a name context is not read as one
  ])('%j is ordinary text', (text) => {
    expectRedacted(text, text);
  });

  it('lists given names and their short forms as forms', () => {
    expect(identityForms(MAGGIE, REGISTER)).toEqual(expect.arrayContaining(['Margaret', 'Maggie', 'Meg', 'Peggy']));
    expect(identityForms(ALEX, REGISTER)).toEqual(expect.arrayContaining(['Alexander', 'Alex', 'Sandy']));
  });
});

describe('renamed candidates: every former value stays a form', () => {
  it.each([
    ['Laura Pike (Pike Independents) asked', '[candidate] ([party]) asked'],
    ['Ms Pike wrote', 'Ms [candidate] wrote'],
    ['write to laura@pike.example', 'write to [email]'],
    ['follow @PikeForPCC', 'follow [handle]'],
    ['Laura Bennett (Bennett for Wessex)', '[candidate] ([party])'],
  ])('%j → %j', expectRedacted);
});

describe('everyday variants', () => {
  it.each([
    ['the Morgans office', 'the [candidate] office'],
    ["the O'Neills", 'the [candidate]'],
    ['#votemorgan', '[candidate]'],
    ['#MORGANforPCC today', '[candidate] today'],
    ['see facebook.com/amorgan', 'see [candidate]'],
    ['published at morganforwessex.org/figures.', 'published at [candidate].'],
    ['Mor-\ngan said', '[candidate] said'],
    ['cllr rich said', 'cllr [candidate] said'],
    ['mrs ward', 'mrs [candidate]'],
    ['Ms Neill replied', 'Ms [candidate] replied'],
  ])('%j → %j', expectRedacted);

  it.each(['a ward round', 'the neill report'.replace('neill', 'annual'), 'Morganite is a gemstone', 'the #budget2024 thread', 'gov.uk/foi-requests'])('%j is ordinary text', (text) => {
    expectRedacted(text, text);
  });
});

describe('lookalikes and invisible characters', () => {
  it.each([
    ['\u041C\u043Ergan asked', '[candidate] asked'], // Cyrillic М, о
    ['\u039Corgan asked', '[candidate] asked'], // Greek Mu
    ['\u1D0D\u1D0F\u0280\u0262\u1D00\u0274 asked', '[candidate] asked'], // small capitals
    ['Mor\u200Agan asked', '[candidate] asked'], // hair space
    ['Mor\u2009gan asked', '[candidate] asked'], // thin space
    ['Mor\u200Bgan asked', '[candidate] asked'], // zero-width space
    ['M\u202Dorgan asked', '[candidate] asked'], // bidi override inside the name
    ['asked by \u202Enagrom\u202C today', 'asked by [candidate]\u202C today'], // shown reversed: "morgan"
    ['\u202Enagrom yb deksa', '[candidate]'], // the override runs to the end of the line
    ['Zo\u0435 wrote', '[candidate] wrote'], // Cyrillic е
  ])('%j → %j', expectRedacted);

  it('keeps a thin space an edge between ordinary words and a name', () => {
    expectRedacted('to\u2009Morgan', 'to\u2009[candidate]');
  });
});

describe('spelled-out contacts', () => {
  it.each([
    ['amorgan at example dot org', '[email]'],
    ['amorgan @ example.org', '[email]'],
    ['amorgan (at) example (dot) org', '[email]'],
    ['ring 07700/900/456', 'ring [phone]'],
    ['ring 07700_900_456', 'ring [phone]'],
    ['ring 07700,900,456', 'ring [phone]'],
    ['ring 07700 -- 900 -- 456', 'ring [phone]'],
  ])('%j → %j', expectRedacted);
});

describe('parties that narrow the requester to fewer than three', () => {
  it.each([
    ['the Wessex Greens candidate', 'the [party] candidate'],
    ['an Independent candidate', 'an [party] candidate'],
  ])('%j → %j', expectRedacted);

  it('names both candidates a shared party could be, and none when three share it', () => {
    expect([...new Set(scanner.scan('Wessex Greens').map((l) => l.candidateId))].sort()).toEqual([SIOBHAN.id, WITHDRAWN.id].sort());
    const three = [SIOBHAN, WITHDRAWN, person('c-th3e', 'Ann Third', { party: 'Wessex Greens' })];
    expect(createLeakScanner(three).scan('the Wessex Greens candidate')).toEqual([]);
  });
});

describe('over-redaction: ordinary text with candidates named Li, Ma, May, Day, Lang, Link, Main, Good, Christmas, Constable, Self', () => {
  it.each([
    'received 2 May 2024',
    'on 2 MAY 2024',
    'in May we replied',
    'May 2024 report',
    'May I ask for the figures?',
    'Christmas Day',
    'over Christmas Day and Boxing Day',
    'Good Friday',
    'Good morning,',
    'the Chief Constable said',
    'the chief constable said',
    'case 7ma9 and 2li4',
    'reference FOI-2024-7ma9',
    'c-li7q',
    'a link to the main page',
    'self-service kiosks',
    'the lang attribute',
    'meet at 09:30',
    'dated 08.04.2024',
    'see you @10am',
    'crime reference 43/123456/24',
    'crime reference CR/0123456/24',
    'a good day',
    'Ward 7 at the hospital',
    'Day 1 of the operation',
    'Good to hear from you',
    'Hope to hear from you soon',
  ])('%j is ordinary text', (text) => {
    expectRedacted(text, text);
  });

  it.each([
    ['Ms Li asked', 'Ms [candidate] asked'],
    ['Thanks, Li', 'Thanks, [candidate]'],
    ['Dear Mr May,', 'Dear Mr [candidate],'],
    ['Cllr Christmas replied', 'Cllr [candidate] replied'],
    ['as Constable said', 'as [candidate] said'],
    ['Mr Self wrote', 'Mr [candidate] wrote'],
    ['Dr Good asked', 'Dr [candidate] asked'],
    ['Jun Ma wrote', '[candidate] wrote'],
  ])('the same names in a name context: %j → %j', expectRedacted);
});
