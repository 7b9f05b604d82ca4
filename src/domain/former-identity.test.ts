import { describe, expect, it } from 'vitest';
import { parseCandidateHistory } from '../store/candidate-history.js';
import { keepFormer, mergeFormer } from './former-identity.js';
import { Candidate } from './schemas.js';

const laura = Candidate.parse({ id: 'c-1a2r', name: 'Laura Pike', party: 'Pike Independents' });

describe('keepFormer', () => {
  it('keeps a replaced name and party, and nothing when neither changes', () => {
    expect(keepFormer(laura, { name: 'Laura Bennett', party: 'Bennett for Wessex' })).toEqual({
      names: ['Laura Pike'],
      parties: ['Pike Independents'],
      emails: [],
      phones: [],
      handles: [],
    });
    expect(keepFormer(laura, { name: 'laura pike' })).toBeUndefined();
    expect(keepFormer(laura, {})).toBeUndefined();
  });

  it('adds to what was kept before, once', () => {
    const renamed = { ...laura, name: 'Laura Bennett', former: keepFormer(laura, { name: 'Laura Bennett' }) };
    const again = keepFormer(renamed, { name: 'Laura Pike' });
    expect(again?.names).toEqual(['Laura Pike', 'Laura Bennett']);
  });
});

describe('parseCandidateHistory', () => {
  it('reads every value each version of a candidate file held, removed lines included', () => {
    const log = [
      'diff --git a/candidates/c-d4n1.yaml b/candidates/c-d4n1.yaml',
      'index 1111111..2222222 100644',
      '--- a/candidates/c-d4n1.yaml',
      '+++ b/candidates/c-d4n1.yaml',
      '@@ -1,6 +1,5 @@',
      ' # yaml-language-server: $schema=../schemas/candidate.schema.json',
      ' id: c-d4n1',
      '-name: Daniel Featherstonehaugh',
      '+name: Daniel Fenwick',
      '-emails:',
      '-  - dan@feather.example',
      '+emails: []',
      ' status: prospective',
      'diff --git a/candidates/c-1a2r.yaml b/candidates/c-1a2r.yaml',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/candidates/c-1a2r.yaml',
      '@@ -0,0 +1,3 @@',
      '+id: c-1a2r',
      '+name: Laura Pike',
      '+party: Pike Independents',
      '',
    ].join('\n');
    const history = parseCandidateHistory(log);
    expect(history.get('c-d4n1')).toMatchObject({ names: ['Daniel Featherstonehaugh', 'Daniel Fenwick'], emails: ['dan@feather.example'] });
    expect(history.get('c-1a2r')).toMatchObject({ names: ['Laura Pike'], parties: ['Pike Independents'] });
  });

  it('merges the kept `former` with history, without repeats', () => {
    expect(mergeFormer({ names: ['Laura Pike'] }, { names: ['laura pike', 'Laura Bennett'], parties: ['P'] })).toMatchObject({ names: ['Laura Pike', 'Laura Bennett'], parties: ['P'] });
  });
});
