import { describe, expect, it } from 'vitest';
import type { PublicCase } from './public-view.js';
import type { CaseRecord } from './register-model.js';
import { canonicalJson, describeReview, publicTextHash, reviewState } from './review.js';

const pub: PublicCase = {
  reference: '2024-0408-k7q2',
  received: '2024-04-08',
  category: 'budget',
  foi: false,
  status: 'answered',
  subject: 'Overtime',
  question: 'How much was spent on overtime?',
  clarifications: [{ received: '2024-04-09', text: 'In 2023/24.' }],
  outcome: 'provide',
  reasons: [],
  exemptions: [],
  decided_on: '2024-04-10',
  decided_by: 'chief-executive',
  offered_to_all: false,
  response: '£9.8m.',
  answered_on: '2024-04-11',
  attachments: ['figures.pdf'],
  updated: '2024-04-11',
};

function approval(id: string, sha256: string, at: string) {
  return { value: { id, kind: 'approval' as const, case: pub.reference, sha256, recorded_by: 'Reviewer', recorded_at: at }, file: `x/${id}.yaml`, lines: {} };
}

function record(entries: CaseRecord['entries']): CaseRecord {
  return { id: pub.reference, folder: 'cases/2024-04/2024-0408-k7q2', entries };
}

describe('publicTextHash', () => {
  it('is the same whatever the order of the keys', () => {
    const reordered = Object.fromEntries(Object.entries(pub).reverse()) as unknown as PublicCase;
    expect(publicTextHash(reordered)).toBe(publicTextHash(pub));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  // Every field the log shows is covered: change any one and the approval no longer matches.
  it.each(Object.keys(pub))('changes when %s changes', (field) => {
    const v = (pub as unknown as Record<string, unknown>)[field];
    const changed =
      typeof v === 'string' ? `${v}x` : typeof v === 'boolean' ? !v : Array.isArray(v) ? [...v, v[0] ?? 'x'] : v === null ? 'x' : { ...(v as object), x: 1 };
    expect(publicTextHash({ ...pub, [field]: changed } as PublicCase)).not.toBe(publicTextHash(pub));
  });

  it('is a sha256 in hex, stable across runs', () => {
    expect(publicTextHash(pub)).toMatch(/^[0-9a-f]{64}$/);
    expect(publicTextHash(structuredClone(pub))).toBe(publicTextHash(pub));
  });
});

describe('reviewState', () => {
  const hash = publicTextHash(pub);
  it('awaits review until approved, since the day it was answered', () => {
    expect(reviewState(record([]), pub)).toEqual({ state: 'awaiting', since: '2024-04-11' });
  });
  it('is approved by an approval of exactly this text', () => {
    const s = reviewState(record([approval('approval-aaaa', hash, '2024-04-12T09:00:00Z')]), pub);
    expect(s).toMatchObject({ state: 'approved', approval: { id: 'approval-aaaa', by: 'Reviewer', on: '2024-04-12' } });
    expect(describeReview(s, true)).toBe('approved by Reviewer on 2024-04-12');
  });
  it('is void once the text changes, since the first entry after the approval', () => {
    const correction = {
      value: { id: 'correction-bbbb', kind: 'correction' as const, case: pub.reference, corrects: 'response-cccc', reason: 'x', set: {}, recorded_by: 'S', recorded_at: '2024-04-15T10:00:00Z' },
      file: 'x/correction-bbbb.yaml',
      lines: {},
    };
    const s = reviewState(record([approval('approval-aaaa', hash, '2024-04-12T09:00:00Z'), correction]), { ...pub, response: '£9.9m.' });
    expect(s).toMatchObject({ state: 'void', since: '2024-04-15', cause: 'case' });
    expect(describeReview(s, true)).toMatch(/^approval void since 2024-04-15 \(approved by Reviewer on 2024-04-12/);
  });
  it('says the change came from outside the case when no entry followed the approval', () => {
    const s = reviewState(record([approval('approval-aaaa', hash, '2024-04-12T09:00:00Z')]), { ...pub, question: 'How much did [candidate] ask about?' });
    expect(s).toMatchObject({ state: 'void', since: '2024-04-12', cause: 'outside' });
  });
  it('has nothing to approve in a case the log leaves out', () => {
    expect(reviewState(record([]), undefined)).toEqual({ state: 'not-published' });
  });
});
