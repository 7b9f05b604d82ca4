import { describe, expect, it } from 'vitest';
import { findOfficeReferences } from './office-references.js';

const found = (t: string) => findOfficeReferences(t).map((r) => r.text);

describe('references to the sitting office holder (flagged for review, not redacted)', () => {
  it.each([
    ['I write as the sitting Commissioner.', ['as the sitting Commissioner']],
    ['In my role as PCC I need the figures', ['In my role as PCC']],
    ['in my capacity as Police and Crime Commissioner', ['in my capacity as Police and Crime Commissioner']],
    ['the current PCC asked', ['the current PCC']],
    ['a request from the incumbent', ['the incumbent']],
    ["I'm the Commissioner, so", ["I'm the Commissioner"]],
  ])('%j → %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each(['The Commissioner’s office replied on 8 April.', 'the commissioning of the new unit', 'a pcc-style review', 'Police and Crime Panel'])('%j is not one', (text) => {
    expect(found(text)).toEqual([]);
  });
});
