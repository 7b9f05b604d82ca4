// Protocol presets are data (presets/<name>.yaml), validated by the register.yaml schema, each
// setting with a comment citing the protocol's section; `init --protocol` writes them.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { RegisterConfig } from '../../src/domain/schemas.js';
import { settingComments } from '../../src/domain/presets.js';
import { ROOT, run, tempDir } from '../helpers.js';

const PROTOCOLS = ['avon-somerset-2021', 'hampshire-2021', 'humberside-2024', 'kent-2019', 'norfolk-2024'];

describe('protocol presets', () => {
  it('one preset per protocol, each valid under the register.yaml schema with a cited section for every setting', async () => {
    const files = (await readdir(join(ROOT, 'presets'))).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(['default', ...PROTOCOLS].map((p) => `${p}.yaml`).sort());
    for (const name of PROTOCOLS) {
      const doc = parseDocument(await readFile(join(ROOT, 'presets', `${name}.yaml`), 'utf8'));
      expect(doc.errors).toEqual([]);
      const parsed = RegisterConfig.safeParse(doc.toJS());
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data?.protocol?.id).toBe(name);
      for (const { path, comment } of settingComments(doc))
        // A section number (3.4, 5.b.ii, 16) or an honest "not set by the protocol".
        expect(comment, `${name} ${path}`).toMatch(/\b\d+(\.[\da-z]+)*\b|[Nn]ot set by the protocol/);
    }
  });

  it('protocol list and protocol show print the presets', async () => {
    const list = await run(['protocol', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).protocols.map((p: { name: string }) => p.name)).toEqual(PROTOCOLS);
    const show = await run(['protocol', 'show', 'humberside-2024']);
    expect(show.stdout).toContain('# 11.e: every response is from the Chief Executive');
    const json = JSON.parse((await run(['protocol', 'show', 'avon-somerset-2021', '--json'])).stdout);
    expect(json.config.policy.response_channels).toEqual(['email']);
    expect(json.sections['policy.response_channels']).toMatch(/6\.1\.2/);
    const unknown = await run(['protocol', 'show', 'wessex-2030']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('one of: avon-somerset-2021');
  });

  it('init --protocol writes register.yaml with the section comments, flags laid over the preset', async () => {
    const dir = await tempDir();
    const r = await run(['init', 'reg', '--protocol', 'kent-2019', '--poll-date', '2028-05-04', '--spoc-email', 'spoc@example.org'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const yaml = await readFile(join(dir, 'reg', 'register.yaml'), 'utf8');
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=schemas\/register\.schema\.json\n/);
    expect(yaml).toContain('  # 4: clearly political requests are forwarded to the PCC\'s personal account and deleted without logging.\n  political_requests: forward-unlogged');
    expect(yaml).toContain('poll_date: 2028-05-04');
    expect(yaml).toContain('email: spoc@example.org');
    const config = RegisterConfig.parse(parseDocument(yaml).toJS());
    expect(config.policy.imagery_consent_by).toEqual(['chief-executive']);
    expect((await run(['-r', join(dir, 'reg'), 'check', '--as-of', '2028-01-01'])).code).toBe(0);
  });

  it('without --protocol, init writes the strict defaults, each setting commented', async () => {
    const dir = await tempDir();
    expect((await run(['init', 'reg', '--body', 'B', '--election', 'E', '--poll-date', '2024-05-02'], { cwd: dir })).code).toBe(0);
    const doc = parseDocument(await readFile(join(dir, 'reg', 'register.yaml'), 'utf8'));
    const config = RegisterConfig.parse(doc.toJS());
    expect(config.protocol).toBeUndefined();
    expect([config.policy.media, config.policy.imagery, config.policy.prospective_are_candidates, config.policy.incumbent_answers_published]).toEqual([
      'forbidden-in-pre-election',
      'forbidden',
      true,
      true,
    ]);
    for (const { path, comment } of settingComments(doc)) expect(comment, path).not.toBe('');
  });
});
