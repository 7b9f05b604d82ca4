// Issue 11: a renamed candidate's earlier requests stayed published under the old name ("Laura Pike
// (Pike Independents)") once `candidate update` replaced it. Every name, party and contact a
// candidate has had in the register stays an identity form: kept in `former` by `candidate update`,
// and read back from the git history of candidates/ when the file was edited by hand.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, makeRegister, run, setup } from './helpers.js';

async function allText(dir: string): Promise<string> {
  let out = '';
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out += `\n${entry.name}\n` + (await readFile(join(entry.parentPath, entry.name), 'utf8'));
  }
  return out;
}

describe('a renamed candidate', () => {
  it('keeps the old name, party and contacts redacted in the built site, whether renamed by update or by hand', async () => {
    const { dir, reg } = await makeRegister({ initArgs: ['--review', 'off'] }); // publish without approval: this test is about redaction
    const add = async (args: string[]) => JSON.parse((await setup(['-r', reg, 'candidate', 'add', '--json', ...args], { cwd: dir })).stdout).id as string;
    const laura = await add(['--name', 'Laura Pike', '--party', 'Pike Independents', '--status', 'prospective']);
    const dan = await add(['--name', 'Daniel Featherstonehaugh', '--email', 'dan@feather.example', '--status', 'prospective']);
    const request = async (candidate: string, text: string) => {
      const r = await setup(['-r', reg, 'request', '--json', '--candidate', candidate, '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', 'Figures', '--text', text], { cwd: dir });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout).id as string;
    };
    await request(laura, 'Laura Pike (Pike Independents) asks for the neighbourhood budget.');
    await request(dan, 'Mr Featherstonehaugh (dan@feather.example) asks for the overtime figures.');

    // Renamed through the CLI: the old name and party are kept in `former`.
    const u = await run(['-r', reg, 'candidate', 'update', laura, '--name', 'Laura Bennett', '--party', 'Bennett for Wessex'], { cwd: dir });
    expect(u.code, u.stderr).toBe(0);
    const lauraFile = await readFile(join(reg, 'candidates', `${laura}.yaml`), 'utf8');
    expect(lauraFile).toMatch(/former:/);
    expect(lauraFile).toMatch(/Laura Pike/);
    expect(lauraFile).toMatch(/Pike Independents/);

    // Renamed by hand, the old name and email simply deleted: only git history remembers them.
    const danPath = join(reg, 'candidates', `${dan}.yaml`);
    const danFile = await readFile(danPath, 'utf8');
    await writeFile(danPath, danFile.replace('Daniel Featherstonehaugh', 'Daniel Fenwick').replace(/emails:\n(\s+- .*\n)+/, 'emails: []\n'));
    expect(await readFile(danPath, 'utf8')).not.toMatch(/Featherstonehaugh|feather\.example/);
    await gitIn(reg, ['commit', '-qam', 'rename Dan by hand']);

    const check = await run(['-r', reg, 'check', '--as-of', '2024-04-09'], { cwd: dir });
    expect(check.stdout + check.stderr).not.toMatch(/identifiable/);
    const b = await run(['-r', reg, 'build', '--out', 'public'], { cwd: dir });
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    const site = await allText(join(dir, 'public'));
    expect(site).toMatch(/budget/); // the requests are published…
    expect(site).toMatch(/overtime/);
    for (const old of ['Pike', 'Featherstonehaugh', 'feather.example', 'Bennett', 'Fenwick']) expect(site).not.toContain(old); // …without any name they had
  });
});
