import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { createValueHasher, READS_EVERYTHING, trackReads } from './page-keys.js';
import { deriveProvenance, provenanceOf, setProvenance } from '../domain/provenance.js';
import { publishableView } from './publishable.js';
import type { PublicView } from '../domain/public-view.js';

describe('page keys', () => {
  it('records the top-level names a template reads, through a partial block too', () => {
    const hbs = Handlebars.create();
    hbs.registerPartial('layout', hbs.compile('<main>{{@root.body}}{{> @partial-block}}</main>'));
    const page = hbs.compile('{{#> layout}}{{case.subject}}{{#if nav}}!{{/if}}{{/layout}}');
    const reads = new Set<string>();
    const context = { body: 'Office', case: { subject: 'Officers' }, nav: 'case', cases: [1, 2, 3], counts: { published: 3 } };
    expect(page(trackReads(context, reads))).toBe(page(context));
    expect([...reads].sort()).toEqual(['body', 'case', 'nav']);
  });

  it("does not count a partial's hash argument as the context's name: the value it was given from is counted", () => {
    const hbs = Handlebars.create();
    hbs.registerPartial('rows', hbs.compile('{{#each cases}}{{this}}{{/each}}{{#> inner}}{{/inner}}'));
    hbs.registerPartial('inner', hbs.compile('{{cases.length}}{{title}}'));
    const page = hbs.compile('{{> rows cases=month.cases}}');
    const reads = new Set<string>();
    const context = { month: { cases: [1, 2] }, cases: [1, 2, 3], title: 'T' };
    expect(page(trackReads(context, reads))).toBe(page(context));
    expect(page(context)).toBe('122T');
    // `cases` is the hash's, here and in the nested partial; `title` is still read from the context.
    expect([...reads].sort()).toEqual(['month', 'title']);
    // Where the hash does not set it, the same name is the context's and counts.
    const direct = new Set<string>();
    hbs.compile('{{> rows}}')(trackReads(context, direct));
    expect(direct.has('cases')).toBe(true);
  });

  it('counts every name when a template lists the context', () => {
    const hbs = Handlebars.create();
    const reads = new Set<string>();
    hbs.compile('{{#each this}}{{@key}}{{/each}}')(trackReads({ a: 1, b: 2 }, reads));
    expect(reads.has(READS_EVERYTHING)).toBe(true);
  });

  it('tells apart values JSON would merge, and hashes equal values alike however they are shared', () => {
    const hash = createValueHasher();
    expect(hash({ a: undefined })).not.toBe(hash({}));
    expect(hash([Number.NaN])).not.toBe(hash([null]));
    expect(hash(new Date(0))).not.toBe(hash(new Date(0).toJSON()));
    const shared = ['x'];
    expect(hash({ a: shared, b: shared })).toBe(hash({ a: ['x'], b: ['x'] }));
    expect(hash({ f: () => 1 })).toBeUndefined();
  });

  it('hashes a value holding long parts alike whatever was hashed before, and tells apart one changed character deep inside', () => {
    const longCase = (ref: string, answer: string) => ({ reference: ref, question: 'q'.repeat(900), reasons: ['r'], clarifications: [{ received: '2024-04-01', text: 't' }], response: answer });
    const months = () => [{ month: '2024-04', cases: [longCase('a', 'yes'), longCase('b', 'no')] }, { month: '2024-03', cases: [longCase('c', 'maybe')] }];
    const first = createValueHasher();
    const m = months();
    // Parts hashed before (the case pages, then a month page), then the landing page's every month.
    m[0].cases.forEach((c) => first(c));
    first(m[0]);
    const warm = first(m);
    const cold = createValueHasher()(months());
    expect(warm).toBe(cold);
    const changed = months();
    changed[1].cases[0].clarifications[0].text = 'u';
    expect(createValueHasher()(changed)).not.toBe(cold);
    // A long string, or a string that looks like a part's hash, is not mistaken for a part.
    const hash = createValueHasher();
    expect(hash(['#x'.repeat(600)])).not.toBe(hash([{ s: 'x' }]));
    expect(hash('s'.repeat(200))).not.toBe(hash('s'.repeat(201)));
    expect(hash('short')).not.toBe(hash(['short']));
  });

  it('names a value with a recorded provenance by it, wherever it sits, and never alike a value hashed by its text', () => {
    const text = 'a long answer '.repeat(100);
    const a = { reference: '2024-0408-k7q2', answer: text };
    const b = { reference: '2024-0408-k7q2', answer: `${text}changed` };
    const plain = { reference: '2024-0408-k7q2', answer: text };
    setProvenance(a, 'key-1');
    setProvenance(b, 'key-1');
    const hashValue = createValueHasher();
    // The same provenance: the same hash, whatever the text (the key is trusted to name all the inputs).
    expect(hashValue(a)).toBe(hashValue(b));
    expect(hashValue({ cases: [a] })).toBe(hashValue({ cases: [b] }));
    // The same text without a provenance is hashed by its text: never the provenance's hash.
    expect(hashValue(plain)).not.toBe(hashValue(a));
    expect(hashValue({ cases: [plain] })).not.toBe(hashValue({ cases: [a] }));
    // Another provenance, another hash.
    const c = { ...a };
    setProvenance(c, 'key-2');
    expect(hashValue(c)).not.toBe(hashValue(a));
    // A copy made by a named pure function carries a provenance of its own, not its source's.
    const copy = { ...a };
    deriveProvenance(a, copy, 'publishable');
    expect(hashValue(copy)).not.toBe(hashValue(a));
    const copyOfB = { ...b };
    deriveProvenance(b, copyOfB, 'publishable');
    expect(hashValue(copyOfB)).toBe(hashValue(copy));
  });

  it("gives each publishable case its source case's provenance, named for the copy", () => {
    const kase = (reference: string) => ({ reference, subject: 'A subject', attachments: [], exemptions: [] });
    const view = { body: 'Body', cases: [kase('2024-0408-k7q2'), kase('2024-0409-m3x9')] } as unknown as PublicView;
    setProvenance(view.cases[0], 'first');
    const out = publishableView(view);
    expect(out.cases[0]).not.toBe(view.cases[0]);
    expect(provenanceOf(out.cases[0])).toBe('publishable:first');
    // The case without one has none: it is hashed by its text, as before.
    expect(provenanceOf(out.cases[1])).toBeUndefined();
  });
});
