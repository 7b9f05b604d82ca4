// Attachments (issue 10): the stored copy is exactly the bytes whose sha256 and size the response
// records; special files are refused (a /proc file once recorded 1,484 bytes and stored 0); `check`
// verifies every stored attachment.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOf, registerWithDecidedCase, type DecidedCase } from './decided-case.js';
import { gitIn, run } from './helpers.js';

let base: DecidedCase;

beforeAll(async () => {
  base = await registerWithDecidedCase();
});

const fixture = () => copyOf(base);

const respond = (reg: string, caseId: string, dir: string, ...files: string[]) =>
  run(['-r', reg, 'respond', caseId, '--json', '--sent', '2024-04-18', '--channel', 'email', '--text', 'Figures attached.', ...files.flatMap((f) => ['--attachment', f])], { cwd: dir });

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A response with one attachment, committed; returns where it is stored. */
async function withAttachment() {
  const f = await fixture();
  const content = Buffer.from('year,overtime\n2023,1200000\n');
  await writeFile(join(f.dir, 'figures.csv'), content);
  const r = await respond(f.reg, f.caseId, f.dir, 'figures.csv');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const id = JSON.parse(r.stdout).id as string;
  return { ...f, content, stored: `${f.folder}/attachments/${id}-figures.csv` };
}

describe('respond --attachment', () => {
  it('stores exactly the bytes it hashed, and check agrees', async () => {
    const { dir, reg, folder, content, stored } = await withAttachment();
    expect(await readFile(join(reg, stored))).toEqual(content);
    const entry = await gitIn(reg, ['show', 'HEAD', '--', folder]);
    expect(entry).toContain(`sha256: ${sha256(content)}`);
    expect(entry).toContain(`bytes: ${content.length}`);
    const check = await run(['-r', reg, 'check'], { cwd: dir });
    expect(check.stdout).not.toMatch(/attachment/);
  });

  it('refuses /proc files, devices, named pipes and folders, writing nothing', async () => {
    const { dir, reg, caseId } = await fixture();
    const before = await gitIn(reg, ['rev-parse', 'HEAD']);
    await new Promise<void>((res, rej) => execFile('mkfifo', [join(dir, 'pipe')], (err) => (err ? rej(err) : res())));
    // A link to a /proc file is judged by where it leads.
    await symlink('/proc/self/environ', join(dir, 'innocent.txt'));
    for (const [file, why] of [
      ['/proc/self/environ', /special file of the operating system/],
      ['innocent.txt', /special file of the operating system/],
      ['/dev/zero', /special file of the operating system/],
      ['pipe', /not a regular file/],
      ['.', /is a folder/],
    ] as const) {
      const r = await respond(reg, caseId, dir, file);
      expect(r.code, file).toBe(2);
      expect(r.stderr, file).toMatch(why);
      expect(r.stderr, file).toContain(`--attachment ${file}`);
      expect(r.stderr).toMatch(/nothing was written/);
    }
    expect(await gitIn(reg, ['rev-parse', 'HEAD'])).toBe(before);
    expect(await gitIn(reg, ['status', '--porcelain'])).toBe('');
  });
});

describe('check verifies every stored attachment', () => {
  it('a stored file whose bytes changed: an error naming it, with the fix', async () => {
    const { dir, reg, stored } = await withAttachment();
    await appendFile(join(reg, stored), '2024,9\n');
    const check = await run(['-r', reg, 'check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`register/${stored}: error attachment: attachments[0]: stored file is`);
    expect(check.stdout).toContain(`git restore -- ${stored}`);
  });

  it('a stored file that is missing, or replaced by a link: an error naming it', async () => {
    const missing = await withAttachment();
    await rm(join(missing.reg, missing.stored));
    const r1 = await run(['-r', missing.reg, 'check'], { cwd: missing.dir });
    expect(r1.code).toBe(1);
    expect(r1.stdout).toMatch(new RegExp(`${missing.stored}: error attachment: attachments\\[0\\]: attachment "figures.csv" recorded by response-\\w+ is missing`));

    const linked = await withAttachment();
    const copy = join(linked.dir, 'copy.csv');
    await writeFile(copy, linked.content);
    await rm(join(linked.reg, linked.stored));
    await symlink(copy, join(linked.reg, linked.stored));
    const r2 = await run(['-r', linked.reg, 'check', '--json'], { cwd: linked.dir });
    expect(r2.code).toBe(1);
    const codes = (JSON.parse(r2.stdout).findings as { code: string; file: string }[]).filter((f) => f.file === linked.stored).map((f) => f.code);
    // Reported as a link where the case is read, and as unverifiable by the attachment rule.
    expect(codes).toContain('attachment');
    expect(codes).toContain('symlink');
    expect(existsSync(copy)).toBe(true);
  });
});
