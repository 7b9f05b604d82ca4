import { describe, expect, it } from 'vitest';
import {
  createLeakScanner,
  createRedactor,
  findLeaks,
  identityForms,
  REDACTION_TOKENS,
  type CandidateIdentity,
} from './redaction.js';

// A fictional register. Numbers and addresses are from the Ofcom/Royal Mail ranges kept for drama.
const SIAN: CandidateIdentity = {
  id: 'c-s1an',
  name: "Siân O'Connor-Hughes",
  aliases: ['Sian Hughes', 'Councillor Hughes'],
  party: 'Wessex Green Party',
  emails: ['sian.hughes@wessexgreens.org.uk', 'SianOCH@example.com'],
  phones: ['07700 900123', '+44 117 496 0999'],
  handles: ['@sianforpcc'],
};
const ANN: CandidateIdentity = {
  id: 'c-ann1',
  name: 'Ann Lee',
  aliases: [],
  party: 'Independent',
  emails: ['ann.lee@example.org'],
  phones: ['01632 960001'],
  handles: [],
};
const SAM: CandidateIdentity = {
  id: 'c-sam1',
  name: 'Sam Baker',
  aliases: [],
  party: 'Independent',
  emails: [],
  phones: [],
  handles: ['@SamBakerPCC'],
};
const CHRIS: CandidateIdentity = {
  id: 'c-chr1',
  name: 'Chris Hope',
  aliases: [],
  party: 'Wessex Labour',
  emails: ['chris@hope4wessex.org.uk'],
  phones: [],
  handles: [],
};
const PAT: CandidateIdentity = { id: 'c-pat1', name: 'Pat Brown', aliases: [], emails: [], phones: [], handles: [] };
const JO: CandidateIdentity = { id: 'c-jo01', name: 'Jo Young', aliases: [], emails: [], phones: [], handles: [] };
const ZOE: CandidateIdentity = {
  id: 'c-zoe1',
  name: 'Zoë Fairbrother',
  aliases: [],
  party: 'Reform Wessex',
  emails: [],
  phones: [],
  handles: [],
};
const JOSE: CandidateIdentity = {
  id: 'c-jose',
  name: 'José Martínez-Ruiz',
  aliases: ['Pepe'],
  emails: [],
  phones: [],
  handles: [],
};
const ANNA: CandidateIdentity = { id: 'c-anna', name: 'Dr Anna van der Berg', aliases: [], emails: [], phones: [], handles: [] };
const OLENA: CandidateIdentity = { id: 'c-olen', name: 'Олена Шевченко', aliases: [], emails: [], phones: [], handles: [] };

const REGISTER = [SIAN, ANN, SAM, CHRIS, PAT, JO, ZOE, JOSE, ANNA, OLENA];
const redactor = createRedactor(REGISTER);
const redact = (text: string, privateSpans?: string[]) => redactor.redact(text, privateSpans);
const scanner = createLeakScanner(REGISTER);
const leaks = (text: string) => scanner.scan(text);
const leakedIds = (text: string) => [...new Set(leaks(text).map((l) => l.candidateId))].sort();

describe('identityForms', () => {
  it('lists the full name, aliases, each surname form, first name and initial with a surname, contacts and a unique party', () => {
    const forms = identityForms(SIAN, REGISTER);
    for (const form of [
      "Siân O'Connor-Hughes",
      'Sian Hughes',
      'Councillor Hughes',
      "O'Connor-Hughes",
      "O'Connor",
      'Hughes',
      "Siân O'Connor",
      'S. Hughes',
      "S. O'Connor-Hughes",
      'sian.hughes@wessexgreens.org.uk',
      'SianOCH@example.com',
      '07700 900123',
      '+44 117 496 0999',
      '@sianforpcc',
      'sianforpcc',
      'Wessex Green Party',
      'Wessex Green',
    ]) {
      expect(forms).toContain(form);
    }
  });

  it('lists each form once, as the register spells it', () => {
    const forms = identityForms(SIAN, REGISTER);
    expect(forms).not.toContain('Siân Hughes'); // the alias "Sian Hughes" already covers it
    expect(new Set(forms).size).toBe(forms.length);
  });

  // Issue 11: among a dozen candidates a first name identifies ("Thanks, Zoë"); see given-names.test.ts.
  it('lists each given name and its usual short forms', () => {
    expect(identityForms(SIAN, REGISTER)).toContain('Siân');
    expect(identityForms(ANN, REGISTER)).toEqual(expect.arrayContaining(['Ann', 'Annie']));
    expect(identityForms(SAM, REGISTER)).toContain('Sam');
  });

  it('lists a party only when fewer than three candidates stand for it', () => {
    const third = { ...PAT, party: 'Independent' };
    expect(identityForms(ANN, [...REGISTER, third])).not.toContain('Independent');
    expect(identityForms(SAM, REGISTER)).toContain('Independent');
    expect(identityForms(ANN, [ANN, SIAN])).toContain('Independent');
    expect(identityForms(CHRIS, REGISTER)).toContain('Wessex Labour');
  });

  it('keeps surname particles and drops titles', () => {
    const forms = identityForms(ANNA, REGISTER);
    expect(forms).toEqual(expect.arrayContaining(['Dr Anna van der Berg', 'van der Berg', 'Berg', 'Anna van der Berg', 'A. Berg']));
    expect(forms).not.toContain('Dr');
    expect(forms).toContain('Anna');
  });

  it('derives surname forms from an alias that reads like a name', () => {
    const married: CandidateIdentity = { ...PAT, id: 'c-pat2', aliases: ['Mrs Patricia Ellison'] };
    expect(identityForms(married, [married])).toEqual(expect.arrayContaining(['Mrs Patricia Ellison', 'Ellison', 'P. Ellison']));
  });
});

describe('redact: names', () => {
  it.each([
    ["Siân O'Connor-Hughes asked for the budget.", '[candidate] asked for the budget.'],
    ["SIÂN O’CONNOR-HUGHES", '[candidate]'],
    ["sian o'connor-hughes", '[candidate]'],
    ["Sia\u0302n O'Connor-Hughes", '[candidate]'], // decomposed (NFD) accent
    ['Zoe Fairbrother wrote', '[candidate] wrote'],
    ['ZOË FAIRBROTHER', '[candidate]'],
    ['Zoe\u0308 Fairbrother', '[candidate]'],
    ['Jose Martinez Ruiz', '[candidate]'],
    ['José Martínez-Ruiz', '[candidate]'],
    ['Mr Martinez replied', 'Mr [candidate] replied'],
    ['Señor Ruiz', 'Señor [candidate]'],
    ['ask Pepe', 'ask [candidate]'],
    ['ШЕВЧЕНКО and Шевченко', '[candidate] and [candidate]'],
    ['Ms van der Berg', 'Ms [candidate]'],
    ['Van Der Berg', '[candidate]'],
    ['Bergen is a city', 'Bergen is a city'],
  ])('%j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ["Hughes's letter", "[candidate]'s letter"],
    ["Hughes' letter", "[candidate]' letter"],
    ['Hughes’s letter', '[candidate]’s letter'],
    ["O'Connor-Hughes’ office", '[candidate]’ office'],
    ["zoë fairbrother's agent", "[candidate]'s agent"],
  ])('possessive %j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ["O'Connor", '[candidate]'],
    ['O’Connor', '[candidate]'],
    ['O‘Connor', '[candidate]'],
    ['OʼConnor', '[candidate]'],
    ['O`Connor', '[candidate]'],
    ['OConnor', '[candidate]'],
  ])('apostrophe variant %j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ["O'Connor Hughes", '[candidate]'],
    ['OConnor-Hughes', '[candidate]'],
    ["O'ConnorHughes", '[candidate]'],
    ['O’Connor–Hughes', '[candidate]'], // en dash
    ["Ms O'Connor", 'Ms [candidate]'],
    ['Mrs Hughes', 'Mrs [candidate]'],
    ['the Hughes-led campaign', 'the [candidate]-led campaign'],
    ['#VoteHughes now', '[candidate] now'],
    ['Hug\u00ADhes and Hughes\u200B', '[candidate] and [candidate]'], // soft hyphen, zero-width space
  ])('double-barrelled or joined %j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ["Siân\nO'Connor-Hughes said", '[candidate] said'],
    ["Siân\r\n    O'Connor-\nHughes", '[candidate]'],
    ['Councillor\nHughes', '[candidate]'],
    ['Sian\u00A0Hughes', '[candidate]'], // no-break space
  ])('split across lines %j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ['S. Hughes', '[candidate]'],
    ['S Hughes', '[candidate]'],
    ["S.O'Connor-Hughes", '[candidate]'],
    ['A. Lee', '[candidate]'],
    ['Sian Hughes', '[candidate]'],
    ['Councillor Hughes', '[candidate]'],
  ])('initials and aliases %j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('redacts a capitalised first name, but not the same word in lower case out of a name context', () => {
    expect(redact('Siân rang; Ann and Sam called; Chris wrote.')).toBe('[candidate] rang; [candidate] and [candidate] called; [candidate] wrote.');
    expect(redact('the sam file')).toBe('the sam file');
  });
});

describe('redact: word boundaries', () => {
  it.each([
    'Leeds City Council',
    'the annual report',
    'Ashlee and Leeward',
    'a fleet of vans',
    'Åleeö', // letters either side, none of them ASCII
    'Hughesy',
  ])('does not touch %j', (text) => {
    expect(redact(text)).toBe(text);
    expect(leaks(text)).toEqual([]);
  });

  it.each([
    ['Lee', '[candidate]'],
    ["Lee's request", "[candidate]'s request"],
    ['«Lee»—and Lee…', '«[candidate]»—and [candidate]…'],
    ['Ann Lee', '[candidate]'],
    ['lee2024', '[candidate]2024'],
  ])('redacts %j as a whole word', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('treats a hyphen as a word edge, so a place like Lee-on-the-Solent is over-redacted rather than "Lee-led" leaking', () => {
    expect(redact('Lee-on-the-Solent')).toBe('[candidate]-on-the-Solent');
    expect(redact('a Lee-led group')).toBe('a [candidate]-led group');
  });
});

describe('redact: surnames that are common words', () => {
  it.each([
    ['a baker in Leeds', 'a baker in Leeds'],
    ['the bakers', 'the bakers'],
    ['Baker said no', '[candidate] said no'],
    ['BAKER', '[candidate]'],
    ["Baker's diary", "[candidate]'s diary"],
    ['sam baker', '[candidate]'],
    ['S. Baker', '[candidate]'],
    ['s. baker', 's. baker'],
    ['we hope to reply', 'we hope to reply'],
    ['Hope replied', '[candidate] replied'],
    ['chris hope', '[candidate]'],
    ['a brown envelope', 'a brown envelope'],
    ['Cllr Brown', 'Cllr [candidate]'],
    ['young people', 'young people'],
    ['Jo Young', '[candidate]'],
    ['jo young', '[candidate]'],
    // The rule is capitalisation, so a sentence that starts with the word is over-redacted.
    ['Young people vote.', '[candidate] people vote.'],
  ])('%j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps the leak gate on the same rule', () => {
    expect(leaks('we hope to reply to a baker')).toEqual([]);
    expect(leakedIds('Hope and Baker')).toEqual([SAM.id, CHRIS.id].sort());
    expect(leakedIds('chris hope')).toEqual([CHRIS.id]);
  });

  it('still matches a non-common surname in lower case', () => {
    expect(redact('hughes and fairbrother')).toBe('[candidate] and [candidate]');
  });
});

describe('redact: emails', () => {
  it.each([
    ['SIAN.HUGHES@WESSEXGREENS.ORG.UK', '[email]'],
    ['sian.hughes+pcc@wessexgreens.org.uk', '[email]'],
    ['write to press@mail.campaign.example.co.uk today', 'write to [email] today'],
    ['mailto:someone.else@example.org', 'mailto:[email]'],
    ["(email: o'brien@example.ie)", '(email: [email])'],
    ['sian [at] wessexgreens [dot] org [dot] uk', '[email]'],
    ['Agent: first_last-99@sub.domain.example.com.', 'Agent: [email].'],
  ])('%j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('flags a candidate email in the gate, in any case and percent-encoded, but not somebody else’s', () => {
    expect(leakedIds('SIANOCH@EXAMPLE.COM')).toEqual([SIAN.id]);
    expect(leakedIds('<a href="mailto:chris%40hope4wessex.org.uk">x</a>')).toEqual([CHRIS.id]);
    expect(leaks('someone.else@example.org')).toEqual([]);
  });
});

describe('redact: phone numbers', () => {
  it.each([
    '07700 900123',
    '07700900123',
    '+44 7700 900123',
    '+44 (0)7700 900 123',
    '+447700900123',
    '0044 7700 900123',
    '0117 496 0123',
    '(01632) 960 001',
    '020 7946 0000',
    '+44-20-7946-0000',
    '07700-900-123',
    '07700.900.123',
    '+353 1 234 5678',
  ])('redacts %j', (phone) => {
    expect(redact(`Call ${phone} today.`)).toBe('Call [phone] today.');
  });

  it('keeps brackets that belong round the number, not to it', () => {
    expect(redact('(07700 900123)')).toBe('([phone])');
  });

  it.each([
    'received 2024-03-25',
    'on 25/03/2024 at 10:30',
    'a budget of £1,250,000',
    'case 2024-0325-k7q2',
    'ref 123456',
    'call 101 or 999',
  ])('does not mistake %j for a phone number', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('finds a candidate number however it is written, even without its trunk prefix', () => {
    for (const form of ['07700900123', '+44 (0) 7700 900 123', '7700 900123', '0117 496 0999', '(0117) 4960999']) {
      expect(leakedIds(`ring ${form}`)).toEqual([SIAN.id]);
      expect(redact(`ring ${form}`)).toBe('ring [phone]');
    }
  });

  it('does not flag the office’s own number in the gate, but redacts it from request text', () => {
    expect(leaks('Contact the OPCC on 0117 496 0000.')).toEqual([]);
    expect(redact('Contact the OPCC on 0117 496 0000.')).toBe('Contact the OPCC on [phone].');
  });
});

describe('redact: postcodes', () => {
  it.each(['SW1A 1AA', 'sw1a1aa', 'BS1 4DJ', 'bs14dj', 'M1 1AE', 'EC1A 1BB', 'W1A 0AX', 'CR2 6XH', 'DN55 1PT', 'B33 8TH'])(
    'redacts %j',
    (postcode) => {
      expect(redact(`Flat 2, ${postcode}, Wessex`)).toBe('Flat 2, [postcode], Wessex');
    },
  );

  it.each(['the M1 motorway', 'on the A1', 'PCC2024', 'COVID19', 'SW1A', 'room 1AA'])('does not touch %j', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('redact: handles', () => {
  it.each([
    ['@sianforpcc', '[handle]'],
    ['@SianForPCC', '[handle]'],
    ['follow sianforpcc on Bluesky', 'follow [handle] on Bluesky'],
    ['https://x.com/sianforpcc', 'https://x.com/[handle]'],
    ['@SamBakerPCC', '[handle]'],
    // Handles not in the register still point at a person.
    ['@a_supporter_2024 shared it', '[handle] shared it'],
  ])('%j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('flags only registered handles in the gate', () => {
    expect(leaks('by @sianforpcc')).toEqual([{ candidateId: SIAN.id, form: '@sianforpcc', index: 3 }]);
    expect(leaks('by @a_supporter_2024')).toEqual([]);
  });
});

describe('redact: parties', () => {
  it.each([
    ['the Wessex Green Party candidate', 'the [party] candidate'],
    ['the wessex green candidate', 'the [party] candidate'],
    ['WESSEX LABOUR', '[party]'],
    ['an Independent candidate', 'an [party] candidate'],
  ])('%j → %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('names the candidates a party narrows the requester to, and nobody for one three share', () => {
    expect(leaks('Wessex Green Party')).toEqual([{ candidateId: SIAN.id, form: 'Wessex Green Party', index: 0 }]);
    expect(leakedIds('an Independent candidate')).toEqual([ANN.id, SAM.id].sort());
    expect(createLeakScanner([...REGISTER, { ...PAT, party: 'Independent' }]).scan('an Independent candidate')).toEqual([]);
  });

  it('redacts a party that becomes unique', () => {
    const alone = createRedactor([ANN, SIAN]);
    expect(alone.redact('the Independent candidate')).toBe('the [party] candidate');
    expect(alone.redact('an independent review')).toBe('an independent review');
  });
});

describe('redact: private spans', () => {
  it('replaces a span the SPOC marked private', () => {
    expect(redact('She lives at 14 Acacia Avenue, Wessex.', ['14 Acacia Avenue'])).toBe('She lives at [private], Wessex.');
  });

  it('matches the span in any case and with any whitespace', () => {
    expect(redact('at 14  ACACIA\nAvenue today', ['14 Acacia Avenue'])).toBe('at [private] today');
    expect(redact('at 14Acacia Avenue', ['14 Acacia Avenue'])).toBe('at [private]');
  });

  it('swallows identities inside the span into one token', () => {
    expect(redact('notes: meeting with Sian Hughes on 07700 900123.', ['meeting with Sian Hughes on 07700 900123'])).toBe(
      'notes: [private].',
    );
  });

  it('treats regex characters in a span literally and ignores empty spans', () => {
    expect(redact('see (room 3.2) [B] now', ['(room 3.2) [B]', '', '   '])).toBe('see [private] now');
    expect(redact('see room 302 B now', ['(room 3.2) [B]'])).toBe('see room 302 B now');
  });
});

describe('redact: everything else passes through', () => {
  it('leaves markup, templates, escapes and whitespace exactly as they were', () => {
    const text = '<script>alert("x")</script>\n<p class="note">{{title}} {{{body}}}</p> &amp; 100% \\ path\t  end ';
    expect(redact(text)).toBe(text);
  });

  it('replaces only the identity inside markup and templates', () => {
    expect(redact('<script>var who = "Hughes";</script>{{#if Hughes}}{{name}}{{/if}}')).toBe(
      '<script>var who = "[candidate]";</script>{{#if [candidate]}}{{name}}{{/if}}',
    );
  });

  it('keeps the whitespace round a redacted name', () => {
    expect(redact('  Lee \t\n')).toBe('  [candidate] \t\n');
  });

  it('does not change the register it was given, and gives the same answer every time', () => {
    const copy = structuredClone(REGISTER);
    const again = createRedactor(REGISTER);
    expect(again.redact("Siân O'Connor-Hughes")).toBe(redact("Siân O'Connor-Hughes"));
    expect(REGISTER).toEqual(copy);
  });

  it('redacts nothing but generic details with an empty register', () => {
    expect(createRedactor([]).redact('Hughes on 07700 900123')).toBe('Hughes on [phone]');
    expect(findLeaks('Hughes', [])).toEqual([]);
  });
});

describe('findLeaks: the gate on rendered output', () => {
  it('names the candidate, the form and where it starts', () => {
    expect(leaks('Dear Councillor Hughes,')).toEqual([{ candidateId: SIAN.id, form: 'Councillor Hughes', index: 5 }]);
  });

  it.each([
    ['HTML decimal entities', '<p>Si&#226;n O&#39;Connor</p>'],
    ['HTML hex entity', '<p>O&#x27;Connor</p>'],
    ['HTML &apos;', '<td>O&apos;Connor</td>'],
    ['HTML &rsquo;', '<li>O&rsquo;Connor</li>'],
    ['HTML named accent', 'Si&acirc;n Hughes'],
    ['Atom double-escaped HTML', '<content type="html">&lt;p&gt;O&amp;#39;Connor&lt;/p&gt;</content>'],
    ['JSON escapes', '{"text":"Si\\u00e2n O\\u2019Connor"}'],
    ['JSON line break between names', JSON.stringify({ text: 'Zoë\nFairbrother' })],
    ['CSV quoting', 'id,text\n1,"Councillor ""Hughes"" said no"\n'],
    ['Markdown escape', "O\\'Connor"],
    ['URL encoding', 'https://example.org/?q=Sian%20Hughes'],
  ])('finds a name in %s', (_label, rendered) => {
    expect(leaks(rendered).length).toBeGreaterThan(0);
  });

  it('does not count the redaction tokens as leaks, even for a candidate called Handle', () => {
    const alex: CandidateIdentity = { id: 'c-alex', name: 'Alex Handle', aliases: [], party: 'Party', emails: [], phones: [], handles: [] };
    const red = createRedactor([alex]).redact("Alex Handle's handle is @alexh");
    expect(red).toBe("[candidate]'s [candidate] is [handle]");
    expect(findLeaks(red, [alex])).toEqual([]);
    expect(findLeaks(Object.values(REDACTION_TOKENS).join(' '), [alex, ...REGISTER])).toEqual([]);
    // …also once a renderer has escaped the brackets, but a bracketed name is still a name.
    expect(findLeaks('\\[handle\\] %5Bparty%5D &#91;candidate&#93;', [alex])).toEqual([]);
    expect(findLeaks('[Handle]', [alex])).toEqual([{ candidateId: 'c-alex', form: 'Handle', index: 1 }]);
  });

  it('redacts again where a token gives a neighbour the word edge it lacked', () => {
    // "0999SIANFORPCC": the handle is glued to the number; once the number is a token, it is not.
    const red = redact('ring +44 117 496 0999SIANFORPCC');
    expect(red).toBe('ring [phone][handle]');
    expect(leaks(red)).toEqual([]);
    expect(redact('SIANOCH@EXAMPLE.COM07700 900123')).toBe('[email][phone]');
  });

  it('gives the same answer precompiled as findLeaks', () => {
    const text = 'Si&#226;n O&#39;Connor-Hughes, 07700 900123, Baker';
    expect(findLeaks(text, REGISTER)).toEqual(scanner.scan(text));
    expect(findLeaks(text, REGISTER).map((l) => l.candidateId)).toEqual([SIAN.id, SIAN.id, SAM.id]);
  });
});

// ---- the round-trip property ----

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

const CORPUS: { text: string; mentions: boolean }[] = [
  { text: "Siân O'Connor-Hughes asked for crime figures for Leeds Road.", mentions: true },
  { text: 'Councillor\nHughes’s agent rang on +44 (0)7700 900 123.', mentions: true },
  { text: 'Email SIAN.HUGHES@WESSEXGREENS.ORG.UK or post to BS1 4DJ.', mentions: true },
  { text: 'Request from the Wessex Green Party candidate about a visit.', mentions: true },
  { text: 'Ann Lee wants the annual report; Lee-on-the-Solent is not hers.', mentions: true },
  { text: 'Sam Baker and a baker from Leeds asked the same question.', mentions: true },
  { text: 'We hope Chris Hope gets the figures; Hope said thanks.', mentions: true },
  { text: 'ZOË FAIRBROTHER (Reform Wessex) wrote from sw1a1aa.', mentions: true },
  { text: 'José Martínez-Ruiz, aka Pepe, tweeted @SamBakerPCC and sianforpcc.', mentions: true },
  { text: 'Dr Anna van der Berg and Олена Шевченко asked jointly.', mentions: true },
  { text: 'Reply sent to chris@hope4wessex.org.uk about young people.', mentions: true },
  { text: 'ring 7700 900123 or (01632) 960 001', mentions: true },
  { text: '#VoteHughes banners near the station', mentions: true },
  { text: 'An Independent candidate asked about a brown envelope in Leeds.', mentions: true },
  { text: 'The annual budget rose; we hope to reply to the baker soon.', mentions: false },
  { text: '<script>alert(1)</script>{{title}} &amp; 100%', mentions: false },
];

describe('round trip: redacted output always passes the gate, unredacted output fails it', () => {
  it.each(CORPUS)('$text', ({ text, mentions }) => {
    const red = redact(text);
    expect(leaks(red)).toEqual([]);
    for (const rendered of [escapeHtml(red), JSON.stringify({ text: red }), csvCell(red)]) expect(leaks(rendered)).toEqual([]);
    if (mentions) {
      expect(leaks(text).length).toBeGreaterThan(0);
      for (const rendered of [escapeHtml(text), JSON.stringify({ text }), csvCell(text)]) expect(leaks(rendered).length).toBeGreaterThan(0);
    } else {
      expect(leaks(text)).toEqual([]);
    }
  });

  it('holds for generated texts that mention forms in random case, spacing and punctuation', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const filler = ['the', 'request', 'about', 'leeds', 'annual', 'budget', 'we', 'hope', 'baker', 'young', 'brown', '2024-03-25', '£1,250'];
    const separators = [' ', '\n', '  ', ' - ', ', ', '\u00A0'];
    const vary = (form: string) => {
      const r = random();
      const cased = r < 0.25 ? form.toUpperCase() : r < 0.5 ? form.toLowerCase() : form;
      return cased
        .replace(/'/g, () => pick(["'", '’', '&#39;', '']))
        .replace(/ /g, () => pick([' ', '\n', '  ']))
        .normalize(random() < 0.3 ? 'NFD' : 'NFC');
    };
    let mentioned = 0;
    for (let i = 0; i < 1500; i++) {
      const candidate = pick(REGISTER);
      const variant = vary(pick(identityForms(candidate, REGISTER)));
      const words: string[] = [];
      for (let w = 0; w < 12; w++) words.push(pick(filler));
      words.splice(Math.floor(random() * words.length), 0, variant + pick(['', "'s", '’s', '.', ')']));
      const text = words.join(pick(separators));
      expect(leaks(redact(text)), text).toEqual([]);
      // A form alone on a line is a signature (a name context): judge it inside a sentence.
      if (leaks(`about ${variant} about`).length > 0) {
        mentioned++;
        expect(leaks(text).map((l) => l.candidateId), text).toContain(candidate.id);
      } else {
        // Only a common-word surname written in lower case ("baker", "s. hope") may pass, by design.
        expect(variant, text).toBe(variant.toLowerCase());
      }
    }
    expect(mentioned).toBeGreaterThan(1300);
  });
});

describe('many texts, many candidates', () => {
  it('redacts every one of 20 candidates\' names scattered through 3,000 texts of ~500 characters', () => {
    const firsts = ['Siân', 'Ann', 'Sam', 'Chris', 'Pat', 'Jo', 'Zoë', 'José', 'Mary', 'Tom', 'Aled', 'Niamh', 'Oluwaseun', 'Priya', 'Grzegorz', 'Eilidh', 'Rhys', 'Fatima', 'Kwame', 'Hannah'];
    const lasts = ["O'Connor-Hughes", 'Lee', 'Baker', 'Hope', 'Brown', 'Young', 'Fairbrother', 'Martínez-Ruiz', 'van der Berg', 'Smith', 'ap Rhys', 'Ní Bhriain', 'Adeyemi', 'Patel', 'Brzęczyszczykiewicz', 'MacLeod', 'Price', 'Khan', 'Mensah', 'Lloyd-Baker'];
    const register: CandidateIdentity[] = firsts.map((f, i) => ({
      id: `c-p${i}`,
      name: `${f} ${lasts[i]}`,
      aliases: [`Councillor ${lasts[i]}`],
      party: i % 3 === 0 ? `Party ${i}` : 'Independent',
      emails: [`candidate${i}@example.org`],
      phones: [`07700 900${100 + i}`],
      handles: [`@pcc${i}candidate`],
    }));
    const words = 'the police and crime commissioner office received a request about budget figures for neighbourhood teams in Leeds and the annual report will be published soon we hope to reply within twenty working days'.split(' ');
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts: string[] = [];
    let names = 0;
    for (let i = 0; i < 3_000; i++) {
      const parts: string[] = [];
      let length = 0;
      while (length < 500) {
        const word = random() < 0.01 ? (names++, register[Math.floor(random() * 20)].name) : words[Math.floor(random() * words.length)];
        parts.push(word);
        length += word.length + 1;
      }
      texts.push(parts.join(' '));
    }
    const fast = createRedactor(register);
    let tokens = 0;
    for (const text of texts) tokens += fast.redact(text).split('[candidate]').length - 1;
    // Its speed is measured by `npm run bench`, never asserted here.
    expect(tokens).toBe(names);
  });
});

describe('positions in folded text (the map back to the original)', () => {
  it('points at the form in the text as given, around accents, ligatures, entities and combining marks', () => {
    // A page with one "–" is folded whole: every index after it must still be right.
    const page = `<title>Request – Bench OPCC</title>\n${'<p>plain text</p>\n'.repeat(200)}<p>Ask Siâ\u0301n O&#39;Connor-Hughes ﬁrst; then José Martínez-Ruiz.</p>`;
    for (const l of leaks(page)) {
      const at = page.slice(l.index);
      expect(at.startsWith('Si') || at.startsWith('O&#39;') || at.startsWith('José') || at.startsWith('Mart'), `${l.form} at ${l.index}`).toBe(true);
    }
    expect(leakedIds(page)).toEqual(['c-jose', 'c-s1an']);
    const r = redact(`– e\u0301 Siân O'Connor-Hughes, ﬁne; Jose\u0301 Martínez-Ruiz.`);
    expect(r).toBe(`– e\u0301 [candidate], ﬁne; [candidate].`);
  });
});
