import { describe, expect, it } from 'vitest';
import { closest, matchChoice } from './suggest.js';

describe('matching typed choices', () => {
  it('finds a value whatever its case and spacing', () => {
    expect(matchChoice('Chief Executive', ['chief-executive', 'chief-constable'])).toEqual({ ok: true, value: 'chief-executive' });
    expect(matchChoice('EMAIL', ['email', 'letter'])).toEqual({ ok: true, value: 'email' });
  });
  it('suggests the nearest value for a near miss, and nothing for a far one', () => {
    expect(matchChoice('provde', ['provide', 'partial', 'refuse'])).toEqual({ ok: false, suggestion: 'provide' });
    expect(closest('refus', ['provide', 'partial', 'refuse'])).toBe('refuse');
    expect(matchChoice('banana', ['provide', 'partial', 'refuse'])).toEqual({ ok: false, suggestion: undefined });
  });
});
