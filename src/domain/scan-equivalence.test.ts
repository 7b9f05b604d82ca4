// The cheaper identity scan (docs/decisions/0031) finds exactly what the scan it replaced found:
// the same hits in the same views, the same leaks, over hostile texts in every form the other
// tests use, over texts built at random from those pieces, and the same web-address tokens over
// random strings. The reference is the scan as it was (redaction-oracle.ts).
import { describe, expect, it } from 'vitest';
import { forEachSlugToken } from './slug-tokens.js';
import { createLeakScanner, type CandidateIdentity } from './redaction.js';
import { CompiledRegister, type Hit } from './redaction-matcher.js';
import { createReferenceLeakScanner, ReferenceRegister, referenceSlugTokens, referenceViewsOf } from './redaction-oracle.js';
import { viewsOf } from './text-folding.js';
import { prng } from '../bench/prng.js';

const person = (id: string, name: string, more: Partial<CandidateIdentity> = {}): CandidateIdentity => ({ id, name, aliases: [], emails: [], phones: [], handles: [], ...more });

const REGISTER: CandidateIdentity[] = [
  person('c-s1an', "Siân O'Connor-Hughes", {
    aliases: ['Sian Hughes', 'Councillor Hughes'],
    party: 'Wessex Green Party',
    emails: ['sian.hughes@wessexgreens.org.uk', 'SianOCH@example.com'],
    phones: ['07700 900123', '+44 117 496 0999'],
    handles: ['@sianforpcc'],
  }),
  person('c-a1ex', 'Alexander Morgan', { emails: ['amorgan@example.org'], phones: ['07700 900456'], party: 'Morgan for Wessex', handles: ['@MorganForPCC'] }),
  person('c-ann1', 'Ann Lee', { party: 'Independent', emails: ['ann.lee@example.org'], phones: ['01632 960001'] }),
  person('c-sam1', 'Sam Baker', { party: 'Independent', handles: ['@SamBakerPCC'] }),
  person('c-chr1', 'Chris Hope', { party: 'Wessex Labour', emails: ['chris@hope4wessex.org.uk'] }),
  person('c-zoe1', 'Zoë Fairbrother', { party: 'Reform Wessex' }),
  person('c-jose', 'José Martínez-Ruiz', { aliases: ['Pepe'] }),
  person('c-mag1', 'Margaret Ward'),
  person('c-w1ll', 'William Rich'),
  person('c-may1', 'Ruth May'),
  person('c-l1we', 'Wei Li'),
  person('c-n0el', 'Noel Christmas'),
  person('c-1aur', 'Laura Bennett', { party: 'Bennett for Wessex', former: { names: ['Laura Pike'], parties: ['Pike Independents'], emails: ['laura@pike.example'], phones: [], handles: ['@PikeForPCC'] } }),
];

// Every form of leak the redaction and leak-gate tests name, and ordinary text beside them.
const PIECES = [
  "Siân O'Connor-Hughes", 'Sian Hughes', 'Councillor\nHughes’s', 'O&#39;Connor', 'Si&#226;n', 'O&#x27;Connor', 'O&apos;Connor', 'Si&acirc;n Hughes',
  '&lt;p&gt;O&amp;#39;Connor&lt;/p&gt;', 'Si\\u00e2n O\\u2019Connor', "O\\'Connor", 'Sian%20Hughes', '%53ian', 'Zoë\\nFairbrother', 'ZOË FAIRBROTHER',
  '\u041C\u043Ergan', '\u039Corgan', '\u1D0D\u1D0F\u0280\u0262\u1D00\u0274', 'Mor\u200Agan', 'Mor\u2009gan', 'Mor\u200Bgan', 'M\u202Dorgan', '\u202Enagrom\u202C',
  'Zo\u0435', 'Mor-\ngan', 'Hug- \r\nhes', 'Ｍｏｒｇａｎ', 'ﬁ', 'Morgan\u0301',
  '#votemorgan', '#MORGANforPCC', '#VoteHughes', '#vote.morgan.com/x', '#abc-hughes.org/y', '#ab_.x.com/z', 'facebook.com/amorgan', 'www.hughes.org',
  'https://example.org/?q=Sian%20Hughes', 'morganforwessex.org/figures.', 'x.co.uk/amorgan', 'ſocial/', '.com/morgan', 'a.ﬁ.com/morgan',
  'amorgan@example.org', 'amorgan at example dot org', 'amorgan @ example.org', 'amorgan (at) example (dot) org', 'SIAN.HUGHES@WESSEXGREENS.ORG.UK', 'sian+pcc@wessexgreens.org.uk',
  'chris@hope4wessex.org.uk', 'laura@pike.example', '07700 900123', '+44 (0)7700 900 123', '(01632) 960 001', '07700/900/456', '07700_900_456', '07700 -- 900 -- 456', '0044 117 496 0999',
  '@SianForPCC', '@sambakerpcc', 'SIANFORPCC', '@PikeForPCC', 'the Morgans office', "the O'Neills", 'Hugheses', 'VoteHughesNow', 'theMorganReport',
  'Dear hope', 'Thanks, Will', 'cllr rich', '2 May 2024', 'May I ask', 'Good Friday', 'Christmas Day', 'Ms Li', '- Maggie', 'Pepe', 'Laura Pike', 'Pike Independents',
  '[candidate]', '\\[party\\]', '%5Bhandle%5D', '&#91;email&#93;', '[Handle]', 'Wessex Green Party', 'Independent', 'Lee-on-the-Solent', 'Leeds', 'Morganite',
  'the annual report', 'we hope to reply', 'a ward round', 'gov.uk/foi-requests', 'the #budget2024 thread', '2024-0501-7ma9', 'ring 7700 900123', 'Sam Baker and a baker',
  '<p>', '</p>\n', '"', ',', ';', '. ', '\n', '\t', ' ', ' – ', '—', '’', '`', '&amp;', '\\', '%', '|',
];

const random = (seed: number) => prng(seed).int;

/** A text of `count` pieces, joined by a space or nothing. */
function randomText(pick: (n: number) => number, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += (pick(3) === 0 ? '' : ' ') + PIECES[pick(PIECES.length)];
  return text;
}

/** The same characters stored two bytes each, as a page pieced from a wider text is. */
const twoByte = (s: string) => `\u2013${s}`.slice(1);

// A page: long enough that its views are copied one byte per character.
const page = (body: string) => `<title>Request – Bench OPCC</title>\n${'<p>plain text about the annual budget</p>\n'.repeat(12)}${body}\n`;

const HOSTILE: [string, string[]][] = [
  ['each piece', PIECES],
  ['each piece in a sentence', PIECES.map((p) => `Asked by ${p}, today.`)],
  ['each piece in a page', PIECES.map((p) => page(`<p>${p}</p>`))],
  ['each piece in a page stored two bytes per character', PIECES.map((p) => twoByte(page(`<p>${p}</p>`)))],
  ['all pieces in one page', [page(PIECES.join(' ')), twoByte(page(PIECES.join('\n'))), PIECES.join('')]],
];

const newRegister = new CompiledRegister(REGISTER);
const oldRegister = new ReferenceRegister(REGISTER);
const newScanner = createLeakScanner(REGISTER);
const oldScanner = createReferenceLeakScanner(REGISTER);

function hits(register: CompiledRegister, views: ReturnType<typeof viewsOf>): Hit[][] {
  return views.map((view) => {
    const out: Hit[] = [];
    register.scan(view, (hit) => out.push(hit));
    return out;
  });
}

function expectSameScan(text: string): void {
  const views = viewsOf(text);
  const before = referenceViewsOf(text);
  const label = JSON.stringify(text);
  expect(views.map((v) => v.text), label).toEqual(before.map((v) => v.text));
  expect(hits(newRegister, views), label).toEqual(hits(oldRegister, before));
  expect(newScanner.scan(text), label).toEqual(oldScanner.scan(text));
}

describe('the cheaper scan finds what the scan it replaced found', () => {
  it('finds leaks in the hostile corpus at all (the comparison is not of empty lists)', () => {
    const texts = HOSTILE.flatMap(([, t]) => t);
    expect(texts.filter((t) => oldScanner.scan(t).length > 0).length).toBeGreaterThan(texts.length / 2);
    expect(new Set(texts.flatMap((t) => newScanner.scan(t).map((l) => l.form))).size).toBeGreaterThan(30);
  });

  it.each(HOSTILE)('%s', (_label, texts) => {
    for (const text of texts) expectSameScan(text);
  });

  it('on 600 texts built at random from the same pieces', () => {
    const pick = random(2024);
    for (let i = 0; i < 600; i++) {
      const text = randomText(pick, 1 + pick(40));
      expectSameScan(pick(4) === 0 ? twoByte(text) : text);
    }
  });

  it('finds the same hashtags and web addresses as the one pattern, over random strings', () => {
    const parts = ['a', 'b', 'x', '1', 'é', 'É', '𝐀', '\u0301', '.', '.', '-', '-', '#', '#ab', '_', '/', ' ', ':', '"', ')', 'com', '.com/', 'COM', '.COM/', 'co', 'uk', 'ſocial/', 'K', '\u212A', 'www.', 'http://', 'https://'];
    const pick = random(7);
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      for (let k = 1 + pick(14); k > 0; k--) s += parts[pick(parts.length)];
      const tokens: { at: number; token: string }[] = [];
      forEachSlugToken(s, (at, token) => tokens.push({ at, token }));
      expect(tokens, JSON.stringify(s)).toEqual(referenceSlugTokens(s));
    }
  });
});
