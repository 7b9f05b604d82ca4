// What an append loads and how (docs/decisions/0032-append-startup.md): a V8 code cache that is
// used only for the exact code it was made for, and a non-interactive `request` that never loads
// the site renderer, the prompts or the e-mail and PDF readers. No clocks: what is loaded is traced.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cacheFile, loadWithCodeCache } from '../src/cli/code-cache.js';
import { commandWord } from '../src/cli/command-word.js';
import { BIN, caseDir, gitIn, makeRegister, ROOT, run, tempDir, testEnv } from './helpers.js';

/** A CommonJS file whose function returns `value`; the same length for every 4-letter value. */
function script(dir: string, value: string): string {
  const file = join(dir, 'mod.cjs');
  writeFileSync(file, `module.exports = { value: () => ${JSON.stringify(value)}, file: __filename };\n`);
  return file;
}

type Mod = { value: () => string; file: string };

describe('the V8 code cache', () => {
  it('is written after a first run and used by the next run of the same code', async () => {
    const dir = await tempDir();
    const cache = join(dir, 'cache');
    const file = script(dir, 'AAAA');
    const first = loadWithCodeCache<Mod>(file, cache, 'request');
    expect(first.cache).toBe('absent');
    expect(first.exports.value()).toBe('AAAA');
    expect(first.exports.file).toBe(file);
    expect(first.save()).toBe(true);
    const second = loadWithCodeCache<Mod>(file, cache, 'request');
    expect(second.cache).toBe('used');
    expect(second.exports.value()).toBe('AAAA');
    expect(second.save()).toBe(false); // nothing to replace
  });

  it('is not given to V8 for other code of the same length (V8 would run the old code)', async () => {
    const dir = await tempDir();
    const cache = join(dir, 'cache');
    loadWithCodeCache<Mod>(script(dir, 'AAAA'), cache, 'request').save();
    const changed = loadWithCodeCache<Mod>(script(dir, 'BBBB'), cache, 'request');
    expect(changed.cache).toBe('ignored');
    expect(changed.exports.value()).toBe('BBBB');
    expect(changed.save()).toBe(true);
    const again = loadWithCodeCache<Mod>(join(dir, 'mod.cjs'), cache, 'request');
    expect(again.cache).toBe('used');
    expect(again.exports.value()).toBe('BBBB');
  });

  it('ignores a cache with a changed byte, a cut-off cache, and another command’s cache', async () => {
    const dir = await tempDir();
    const cache = join(dir, 'cache');
    const file = script(dir, 'AAAA');
    loadWithCodeCache<Mod>(file, cache, 'request').save();
    const good = readFileSync(cacheFile(cache, 'request'));

    const flipped = Buffer.from(good);
    flipped[flipped.length - 8] ^= 0xff; // in V8's bytes, which V8 itself would accept
    writeFileSync(cacheFile(cache, 'request'), flipped);
    const a = loadWithCodeCache<Mod>(file, cache, 'request');
    expect(a.cache).toBe('ignored');
    expect(a.exports.value()).toBe('AAAA');

    writeFileSync(cacheFile(cache, 'request'), good.subarray(0, 100));
    expect(loadWithCodeCache<Mod>(file, cache, 'request').cache).toBe('ignored');

    // A cache made for the `list` command, put where `request`'s belongs.
    loadWithCodeCache<Mod>(file, cache, 'list').save();
    writeFileSync(cacheFile(cache, 'request'), readFileSync(cacheFile(cache, 'list')));
    const b = loadWithCodeCache<Mod>(file, cache, 'request');
    expect(b.cache).toBe('ignored');
    expect(b.exports.value()).toBe('AAAA');
  });

  it('gives code taken from the cache a working import() (Node 20 has none for it in a vm.Script)', async () => {
    const dir = await tempDir();
    const cache = join(dir, 'cache');
    const file = join(dir, 'mod.cjs');
    writeFileSync(file, `module.exports = { sep: async () => (await __evenhandImport('node:path')).sep };\n`);
    const first = loadWithCodeCache<{ sep: () => Promise<string> }>(file, cache, 'build');
    expect(await first.exports.sep()).toBe('/');
    first.save();
    const cached = loadWithCodeCache<{ sep: () => Promise<string> }>(file, cache, 'build');
    expect(cached.cache).toBe('used');
    expect(await cached.exports.sep()).toBe('/');
  });

  it('runs without a cache where none can be written', async () => {
    const dir = await tempDir();
    const file = script(dir, 'AAAA');
    writeFileSync(join(dir, 'not-a-folder'), '');
    const loaded = loadWithCodeCache<Mod>(file, join(dir, 'not-a-folder'), 'request');
    expect(loaded.exports.value()).toBe('AAAA');
    expect(loaded.save()).toBe(false);
  });
});

describe('the command word read before the CLI loads', () => {
  it('skips global options and their values', () => {
    expect(commandWord(['request', '--candidate', 'c-1'])).toBe('request');
    expect(commandWord(['-r', 'reg', 'request'])).toBe('request');
    expect(commandWord(['--register', 'decide', 'list'])).toBe('list');
    expect(commandWord(['--no-input', '--register=reg', 'candidate', 'add'])).toBe('candidate');
    expect(commandWord(['--help'])).toBeUndefined();
    expect(commandWord([])).toBeUndefined();
    expect(commandWord(['help', 'request'])).toBeUndefined();
    expect(commandWord(['../x'])).toBeUndefined();
  });
});

/** Run the CLI with a module loader hook that records every file Node loads (the ES module bundle). */
function runTraced(args: string[], cwd: string, trace: string, env: Record<string, string>): Promise<number> {
  const hook = pathToFileURL(join(ROOT, 'test', 'fixtures', 'trace-loads.mjs')).href;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', hook, BIN, ...args], { cwd, env: testEnv({ ...env, EVENHAND_TRACE_LOADS: trace }), stdio: 'ignore' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const REQUEST = ['request', '--candidate', '', '--received', '2024-04-08', '--channel', 'email', '--category', 'information', '--subject', 'Overtime', '--text', 'How much overtime was paid?'];
const requestArgs = (reg: string, candidate: string) => ['-r', reg, ...REQUEST.map((a, i) => (i === 2 ? candidate : a))];

describe('a non-interactive request', () => {
  it('loads neither the site renderer nor the prompts, the e-mail or the PDF readers', async () => {
    const { dir, reg, alex } = await makeRegister();
    const trace = join(dir, 'loaded.txt');
    // The ES module bundle, whose chunks are separate files a loader hook sees.
    expect(await runTraced(requestArgs(reg, alex), dir, trace, { EVENHAND_CODE_CACHE: '0' })).toBe(0);
    const loaded = (await readFile(trace, 'utf8')).split('\n').filter((u) => u.includes('/dist/'));
    expect(loaded.some((u) => u.includes('/dist/bundle/cli.js'))).toBe(true);
    expect(loaded.some((u) => u.includes('/dist/bundle-cjs/'))).toBe(false);
    // esbuild names each bundled module in a comment: read what the loaded chunks hold.
    const held = loaded.flatMap((u) => [...readFileSync(new URL(u), 'utf8').matchAll(/^\/\/ ((?:dist|node_modules)\/\S+)/gm)].map((m) => m[1]));
    expect(held).toContain('dist/commands/request.js');
    expect(held).toContain('dist/store/commit.js');
    const forbidden = /^dist\/(render|terminal\/review-screen|intake)\/|^node_modules\/(handlebars|@inquirer|chalk|html-to-text|unpdf|postal-mime|@kenjiuno|iconv-lite|unhomoglyph)\//;
    expect(held.filter((m) => forbidden.test(m))).toEqual([]);
  });

  it('writes the same entry through the code cache (written, then used) as through the ES module bundle', async () => {
    const { reg, alex } = await makeRegister();
    const viaEsm = await run([...requestArgs(reg, alex), '--json'], { env: { EVENHAND_CODE_CACHE: '0' } });
    const viaCache = await run([...requestArgs(reg, alex), '--json'], {});
    const again = await run([...requestArgs(reg, alex), '--json'], {});
    for (const r of [viaEsm, viaCache, again]) expect(r).toMatchObject({ code: 0, stderr: '' });
    const entry = async (r: { stdout: string }) => {
      const id = JSON.parse(r.stdout).id as string;
      return (await readFile(join(reg, caseDir(id), 'request.yaml'), 'utf8')).replaceAll(id, '<id>');
    };
    const esm = await entry(viaEsm);
    expect(await entry(viaCache)).toBe(esm);
    expect(await entry(again)).toBe(esm);
  });
});

describe('an append killed once its entry is staged', () => {
  // The entry is staged while the other questions are asked (docs/decisions/0032 §3). A `git` on
  // PATH that stalls at write-tree makes the kill land deterministically after the staging.
  it('loses nothing: recover commits the staged entry as the command would have, and the tree is clean', async () => {
    const { reg, alex } = await makeRegister();
    const bin = await tempDir('evenhand-stall-');
    const mark = join(bin, 'reached');
    const realGit = (process.env.PATH ?? '').split(':').map((d) => join(d, 'git')).find((g) => existsSync(g))!;
    await writeFile(join(bin, 'git'), `#!/bin/sh\ncase " $* " in *" write-tree "*) : > "${mark}"; exec sleep 600;; esac\nexec "${realGit}" "$@"\n`);
    await chmod(join(bin, 'git'), 0o755);
    const head = (await gitIn(reg, ['rev-parse', 'HEAD'])).trim();
    const child = spawn(process.execPath, [BIN, ...requestArgs(reg, alex)], { env: testEnv({ PATH: `${bin}:${process.env.PATH}` }), stdio: 'ignore', detached: true });
    const closed = new Promise((r) => child.on('close', r));
    while (!existsSync(mark)) await new Promise((r) => setTimeout(r, 25));
    process.kill(-child.pid!, 'SIGKILL'); // evenhand and the stalled git
    await closed;

    const staged = (await gitIn(reg, ['diff', '--cached', '--name-only'])).trim().split('\n');
    expect(staged).toHaveLength(1);
    expect(staged[0]).toMatch(/^cases\/2024-04\/2024-0408-[a-z0-9]{4}\/request\.yaml$/);
    expect((await gitIn(reg, ['rev-parse', 'HEAD'])).trim()).toBe(head);

    const r = await run(['-r', reg, 'recover']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 entr(y|ies) committed/);
    expect((await gitIn(reg, ['show', '--name-only', '--format=%s', 'HEAD'])).trim().split('\n')).toEqual([expect.stringMatching(/^request 2024-0408-[a-z0-9]{4}: information by email/), '', staged[0]]);
    expect(await gitIn(reg, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });
});
