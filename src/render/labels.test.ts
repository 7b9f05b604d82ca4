import { describe, expect, it } from 'vitest';
import { roleLabel } from './labels.js';

describe('roleLabel', () => {
  it('names the deciders the protocol presets use by their titles', () => {
    // presets/hampshire-2021.yaml: the SPOC decides; a fallback would print "Spoc".
    expect(roleLabel('spoc')).toBe('Single Point of Contact (SPOC)');
    expect(roleLabel('returning-officer')).toBe('Returning Officer');
    expect(roleLabel('chief-constable')).toBe('Chief Constable');
  });
  it('title-cases a role the register adds itself, and gives nothing for no role', () => {
    expect(roleLabel('head-of-strategy')).toBe('Head Of Strategy');
    expect(roleLabel(undefined)).toBe('');
  });
});
