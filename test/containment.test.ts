// A register must not reach outside itself (issue 10): a symbolic link anywhere in the register is
// reported by `check`, refused by every write and by `build`, and never followed. Each test plants
// a link to a folder outside the register holding a marker, and asserts the marker never appears
// in any output or site, and that nothing was written outside.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOf, registerWithDecidedCase, type DecidedCase } from './decided-case.js';
import { gitIn, run } from './helpers.js';

const SECRET = 'OUTSIDE-MARKER-7f3a';

let base: DecidedCase;

beforeAll(async () => {
  base = await registerWithDecidedCase();
});

/** A fresh copy of the base register (with its git history) and an empty folder outside it. */
async function fixture() {
  const f = await copyOf(base);
  const outside = join(f.dir, 'outside');
  await mkdir(outside);
  return { ...f, outside };
}

const head = (reg: string) => gitIn(reg, ['rev-parse', 'HEAD']);

/** Every file under a folder, with its content: to prove a marker is nowhere in a site. */
async function allText(dir: string): Promise<string> {
  if (!existsSync(dir)) return '';
  let out = '';
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out += await readFile(join(e.parentPath, e.name), 'utf8');
  return out;
}

const responseYaml = (caseId: string) =>
  [`id: response-zz01`, 'kind: response', `case: ${caseId}`, 'sent_on: 2024-04-17', 'channel: email', `text: ${SECRET}`, 'recorded_by: Someone', 'recorded_at: 2024-04-17T10:00:00Z', ''].join('\n');

describe('links inside the register are never followed', () => {
  it('an entry file linked to a file outside: check names it, build refuses, the outside text is read nowhere', async () => {
    const { dir, reg, outside, caseId, folder } = await fixture();
    await writeFile(join(outside, 'response.yaml'), responseYaml(caseId));
    await symlink(join(outside, 'response.yaml'), join(reg, folder, 'response-zz01.yaml'));

    const check = await run(['-r', reg, 'check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${folder}/response-zz01.yaml: error symlink: is a symbolic link`);
    expect(check.stdout).toMatch(/replace the link with the real file/);

    const build = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(`${folder}/response-zz01.yaml`);
    expect(existsSync(join(dir, 'site'))).toBe(false);

    const show = await run(['-r', reg, 'show', caseId], { cwd: dir });
    const list = await run(['-r', reg, 'list'], { cwd: dir });
    for (const r of [check, build, show, list]) expect(r.stdout + r.stderr).not.toContain(SECRET);
    // A write into that case is refused too: the case holds a file evenhand will not read.
    const before = await head(reg);
    const respond = await run(['-r', reg, 'respond', caseId, '--channel', 'email', '--text', 'Answer', '--sent', '2024-04-18'], { cwd: dir });
    expect(respond.code).toBe(1);
    expect(await head(reg)).toBe(before);
  });

  it('a case folder linked to a folder outside: decide refuses, naming it, and writes nothing there', async () => {
    const { dir, reg, outside, caseId, folder } = await fixture();
    await rename(join(reg, folder), join(outside, caseId));
    await symlink(join(outside, caseId), join(reg, folder));
    const outsideBefore = (await readdir(join(outside, caseId))).sort();
    const before = await head(reg);

    const decide = await run(['-r', reg, 'decide', caseId, '--outcome', 'refuse', '--by', 'chief-executive', '--on', '2024-04-17', '--reason', 'No'], { cwd: dir });
    expect(decide.code).toBe(1);
    expect(decide.stderr).toContain(`${folder} in the register is a symbolic link`);
    expect((await readdir(join(outside, caseId))).sort()).toEqual(outsideBefore);
    expect(await head(reg)).toBe(before);

    const check = await run(['-r', reg, 'check', '--json'], { cwd: dir });
    expect(check.code).toBe(1);
    const findings = JSON.parse(check.stdout).findings as { code: string; file: string; case: string | null }[];
    expect(findings).toContainEqual(expect.objectContaining({ code: 'symlink', file: folder, case: caseId }));
  });

  it('a month folder or cases/ linked outside: a new request is refused and nothing is created there', async () => {
    const { dir, reg, outside } = await fixture();
    // The new request would go into cases/2024-04/ (received in April).
    await rename(join(reg, 'cases', '2024-04'), join(outside, '2024-04'));
    await symlink(join(outside, '2024-04'), join(reg, 'cases', '2024-04'));
    const outsideBefore = (await readdir(join(outside, '2024-04'))).sort();
    const before = await head(reg);
    const request = await run(['-r', reg, 'request', '--candidate', base.alex, '--received', '2024-04-20', '--channel', 'email', '--category', 'information', '--subject', 'S', '--text', 'T'], { cwd: dir });
    expect(request.code).toBe(1);
    expect(request.stderr).toContain('cases/2024-04 in the register is a symbolic link');
    expect((await readdir(join(outside, '2024-04'))).sort()).toEqual(outsideBefore);
    expect(await head(reg)).toBe(before);
    const check = await run(['-r', reg, 'check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('cases/2024-04: error symlink');
  });

  it('register.yaml linked outside: check names it without reading it; writes refuse', async () => {
    const { dir, reg, outside } = await fixture();
    const config = (await readFile(join(reg, 'register.yaml'), 'utf8')).replace('body: Test OPCC', `body: ${SECRET}`);
    await writeFile(join(outside, 'register.yaml'), config);
    await rename(join(reg, 'register.yaml'), join(dir, 'register.yaml.bak'));
    await symlink(join(outside, 'register.yaml'), join(reg, 'register.yaml'));
    const before = await head(reg);

    const check = await run(['-r', reg, 'check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('register/register.yaml: error symlink');
    const request = await run(['-r', reg, 'request', '--candidate', base.alex, '--received', '2024-04-20', '--channel', 'email', '--category', 'information', '--subject', 'S', '--text', 'T'], { cwd: dir });
    expect(request.code).toBe(1);
    const build = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    expect(build.code).toBe(1);
    for (const r of [check, request, build]) expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(await head(reg)).toBe(before);
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });

  it('a named pipe where an entry should be: reported, and no reader waits on it', async () => {
    const { dir, reg, folder } = await fixture();
    await new Promise<void>((res, rej) => execFile('mkfifo', [join(reg, folder, 'response-zz02.yaml')], (err) => (err ? rej(err) : res())));
    const check = await run(['-r', reg, 'check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${folder}/response-zz02.yaml: error schema: is not a regular file or folder (a pipe, socket or device)`);
  });

  it('candidates/ linked outside: check reports it and candidate add refuses', async () => {
    const { dir, reg, outside } = await fixture();
    await rename(join(reg, 'candidates'), join(outside, 'candidates'));
    await symlink(join(outside, 'candidates'), join(reg, 'candidates'));
    const outsideBefore = (await readdir(join(outside, 'candidates'))).sort();
    const check = await run(['-r', reg, 'check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('register/candidates: error symlink');
    const add = await run(['-r', reg, 'candidate', 'add', '--name', 'Dee Patel'], { cwd: dir });
    expect(add.code).toBe(1);
    expect(add.stderr).toContain('register/candidates: error symlink');
    expect((await readdir(join(outside, 'candidates'))).sort()).toEqual(outsideBefore);
  });
});

describe('build never copies from outside the register', () => {
  it('a templates folder linked outside: build refuses and the site is not written; check reports it', async () => {
    const { dir, reg, outside } = await fixture();
    await mkdir(join(outside, 'templates', 'assets'), { recursive: true });
    await writeFile(join(outside, 'templates', 'assets', 'stolen.txt'), SECRET);
    await writeFile(join(outside, 'templates', '_footer.hbs'), `<footer>${SECRET}</footer>`);
    await symlink(join(outside, 'templates'), join(reg, 'templates'));

    const build = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('templates: error symlink');
    expect(existsSync(join(dir, 'site'))).toBe(false);
    const check = await run(['-r', reg, 'check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('register/templates: error symlink');
    for (const r of [build, check]) expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('a link inside templates/assets: build refuses; the previous site stays as it was', async () => {
    const { dir, reg, outside } = await fixture();
    expect((await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir })).code).toBe(0);
    const siteBefore = await allText(join(dir, 'site'));
    await writeFile(join(outside, 'stolen.css'), `/* ${SECRET} */`);
    await mkdir(join(reg, 'templates', 'assets'), { recursive: true });
    await symlink(join(outside, 'stolen.css'), join(reg, 'templates', 'assets', 'extra.css'));

    const build = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('templates/assets/extra.css: error symlink');
    expect(await allText(join(dir, 'site'))).toBe(siteBefore);
    expect(siteBefore).not.toContain(SECRET);
  });

  it('--out as a link to a folder elsewhere: refused, and that folder is left alone', async () => {
    const { dir, reg, outside } = await fixture();
    await writeFile(join(outside, 'disclosure-log.json'), '{}');
    await writeFile(join(outside, 'keep.txt'), 'mine');
    await symlink(outside, join(dir, 'site'));
    const build = await run(['-r', reg, 'build', '--out', 'site'], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/--out site is a symbolic link/);
    expect((await readdir(outside)).sort()).toEqual(['disclosure-log.json', 'keep.txt']);
  });

  it('a register reached through a linked path still works (the folder itself is resolved once)', async () => {
    const { dir, reg } = await fixture();
    await symlink(reg, join(dir, 'via-link'));
    const check = await run(['-r', 'via-link', 'check'], { cwd: dir });
    expect(check.stdout).not.toMatch(/symlink/);
    expect(check.code).toBe(0);
    const build = await run(['-r', 'via-link', 'build', '--out', 'site'], { cwd: dir });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const request = await run(['-r', 'via-link', 'request', '--candidate', base.alex, '--received', '2024-04-20', '--channel', 'email', '--category', 'information', '--subject', 'S', '--text', 'T'], { cwd: dir });
    expect(request.code).toBe(0);
  });
});
