// The leak gate reads what a reader sees (issue 11): a table of files in every format, each with
// markup that must not match a candidate named like a tag or attribute, and a real leak that must.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createSiteGate, type GateFile } from './leak-gate.js';
import type { CandidateIdentity } from './identity-scanner.js';
import { CSV_COLUMNS } from './open-data.js';

const person = (id: string, name: string, extra: Partial<CandidateIdentity> = {}): CandidateIdentity => ({ id, name, aliases: [], emails: [], phones: [], handles: [], ...extra });
// Surnames that are also tag names, attribute names or values, and words of the tool's own wording.
const CANDIDATES = [
  person('c-li', 'Wei Li'),
  person('c-lang', 'Anna Lang'),
  person('c-link', 'Tom Link'),
  person('c-main', 'Ria Main'),
  person('c-self', 'Will Self'),
  person('c-constable', 'John Constable'),
  person('c-answered', 'Jo Answered'),
  person('c-morgan', 'Alex Morgan', { emails: ['alex@example.org'] }),
];
const REF = '2024-0408-k7q2';

async function leaksIn(files: GateFile[], candidates = CANDIDATES, refs = [REF]) {
  const gate = createSiteGate(candidates, refs, () => '{}');
  for (const f of files) await gate.scan({ toolName: true, ...f });
  return { leaks: gate.leaks.map((l) => `${l.file}${l.part ? ` (${l.part})` : ''}: ${l.form}`), refused: gate.refused };
}

const PAGE = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><link rel="stylesheet" href="assets/style.css"><link rel="self" href="feed.atom"></head>
<body><main id="main"><ul class="link main"><li>First</li><li lang="cy">Ail</li></ul><p data-x="1">Plain text, 09:30 on 08.04.2024.</p></main></body></html>`;

describe('markup is not a name', () => {
  it.each([
    ['index.html', PAGE],
    ['feed.atom', `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB"><link rel="self" href="https://example.org/feed.atom"/><title type="text">Log</title></feed>`],
    ['index.md', `# Log\n\n<ul lang="en"><li>First</li></ul>\n\n- item <link>\n`],
    ['disclosure-log.json', JSON.stringify({ lang: 'x', link: 'y', main: [{ li: 'z', self: true }] })],
    ['disclosure-log.csv', `${CSV_COLUMNS.join(',')}\r\n${REF},cases/${REF}.html,2024-04-08,media,false,answered,x,y,,provide,,,2024-04-09,chief-constable,false,z,2024-04-10,\r\n`],
    ['assets/brand.css', 'li, main, .link, :lang(en) { color: red } main > li::before { content: "\\2022" }'],
  ])('%s builds for candidates named Li, Lang, Link, Main and Self', async (path, text) => {
    expect((await leaksIn([{ path, text }])).leaks).toEqual([]);
  });

  it('never matches inside a case reference ("7ma9" is not "Ma")', async () => {
    const ma = [person('c-ma', 'Yu Ma')];
    const ref = '2024-0408-7ma9';
    const text = `<p><a href="cases/${ref}.html">Request ${ref}</a></p>`;
    expect((await leaksIn([{ path: 'index.html', text }, { path: 'feed.atom', text: `<feed><id>urn:${ref}</id><title>${ref}: Figures</title></feed>` }], ma, [ref])).leaks).toEqual([]);
  });

  it('skips the fixed wording it is told of, and reads the rest', async () => {
    const text = '<p>Skip to main content</p><p>Ria Main</p>';
    const start = text.indexOf('Skip');
    const { leaks } = await leaksIn([{ path: 'index.html', text, fixed: [start, start + 'Skip to main content'.length] }]);
    expect(leaks).toEqual(['index.html: Ria Main']);
  });
});

describe('a real leak is caught in every format', () => {
  it.each([
    ['index.html', '<p>From <b>Mor</b>gan’s office</p>', 'Morgan'],
    ['index.html', '<p>Mor<wbr>gan</p>', 'Morgan'],
    ['index.html', '<p>Mor&shy;gan and Mor\u00ADgan</p>', 'Morgan'],
    ['index.html', '<img alt="Alex Morgan" src="x.png">', 'Alex Morgan'],
    ['index.html', '<a href="https://facebook.com/alex.morgan">x</a>', 'Morgan'],
    ['index.html', '<p title="Ria Main">x</p>', 'Ria Main'],
    ['index.html', '<!-- made for Alex Morgan -->', 'Alex Morgan'],
    ['index.html', '<style>p::after { content: "\\4d organ" }</style>', 'Morgan'],
    ['index.html', '<p style="background: url(morgan.png)">x</p>', 'Morgan'],
    ['index.html', '<script>document.write("Alex Morgan")</script>', 'Alex Morgan'],
    ['index.html', '<p>O&#39;Brien and Alex&nbsp;Morgan</p>', 'Alex Morgan'],
    ['feed.atom', '<feed><entry><content type="text">Thanks, Alex Morgan</content></entry></feed>', 'Alex Morgan'],
    ['feed.atom', '<feed><entry><content type="html">&lt;li&gt;Alex &lt;b&gt;Morgan&lt;/b&gt;</content></entry></feed>', 'Alex Morgan'],
    ['feed.atom', '<feed><category term="x" label="Will Self"/></feed>', 'Will Self'],
    ['feed.atom', '<feed><entry><summary><![CDATA[Alex Morgan]]></summary></entry></feed>', 'Alex Morgan'],
    ['index.md', '| x | Alex Morgan |\n', 'Alex Morgan'],
    ['index.md', '<span title="Wei Li">x</span>', 'Wei Li'],
    ['disclosure-log.json', JSON.stringify({ cases: [{ reference: REF, question: 'From Alex Morgan' }] }), 'Alex Morgan'],
    ['disclosure-log.json', '{"q": "Mor\\u0067an"}', 'Morgan'],
    ['disclosure-log.csv', 'reference,question\r\n2024-0408-k7q2,"Alex\nMorgan, the candidate"\r\n', 'Alex Morgan'],
    ['disclosure-log.csv', 'reference,question\r\nx,mail alex@example.org\r\n', 'alex@example.org'],
    ['assets/brand.css', '.x::before { content: "Alex \\000041 Morgan" } /* Tom Link */', 'Tom Link'],
    ['assets/note.txt', 'Alex Morgan', 'Alex Morgan'],
  ])('%s: %s', async (path, text, form) => {
    const { leaks } = await leaksIn([{ path, text }]);
    expect(leaks.join('\n')).toContain(form);
  });

  it('names the case of a leak in a page that lists many, and "outside any case" for a template', async () => {
    const gate = createSiteGate(CANDIDATES, [REF], () => JSON.stringify({ question: 'From Alex Morgan' }));
    await gate.scan({ path: 'index.html', text: `<p>Ria Main</p><td><a href="cases/${REF}.html">${REF}</a></td><td>From Alex Morgan</td>`, toolName: true });
    expect(gate.leaks.map((l) => [l.case, l.inCaseText, l.form])).toEqual([
      [null, false, 'Ria Main'],
      [REF, true, 'Alex Morgan'],
    ]);
  });

  it('reads file names of assets, not of the pages it makes', async () => {
    const { leaks } = await leaksIn([
      { path: 'assets/alex-morgan.png', bytes: new Uint8Array(), toolName: false },
      { path: 'assets/team_Morgan.css', text: '', toolName: false },
      { path: 'index.html', text: '<p>x</p>', toolName: true },
    ]);
    expect(leaks).toEqual(['assets/alex-morgan.png (file name): Alex Morgan', 'assets/team_Morgan.css (file name): Morgan']);
  });

  it('decompresses before it reads (gzip, .svgz)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="2">Alex Morgan</text></svg>';
    const { leaks } = await leaksIn([
      { path: 'assets/logo.svgz', bytes: gzipSync(svg) },
      { path: 'assets/logo.svg', bytes: gzipSync(svg) },
      { path: 'assets/notes.txt.gz', bytes: gzipSync('Alex Morgan') },
    ]);
    expect(leaks).toEqual(['assets/logo.svgz: Alex Morgan', 'assets/logo.svg: Alex Morgan', 'assets/notes.txt.gz: Alex Morgan']);
  });
});
