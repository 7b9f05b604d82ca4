// Attachments (issue 10): the stored copy is exactly the bytes whose sha256 and size the response
// records; special files are refused (a /proc file once recorded 1,484 bytes and stored 0); `check`
// verifies every stored attachment; attachments of one response that share a file name are all
// kept, each under its own path.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOf, registerWithDecidedCase, type DecidedCase } from './decided-case.js';
import { caseDir, copyFixture, gitIn, makeRegister, run, setup, sharedFixture } from './helpers.js';
import { attachmentPath } from '../src/domain/attachment-path.js';

let base: DecidedCase;

beforeAll(async () => {
  base = await registerWithDecidedCase();
});

const fixture = () => copyOf(base);

const respond = (reg: string, caseId: string, dir: string, ...files: string[]) =>
  run(['-r', reg, 'respond', caseId, '--json', '--sent', '2024-04-18', '--channel', 'email', '--text', 'Figures attached.', ...files.flatMap((f) => ['--attachment', f])], { cwd: dir });

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const FIGURES = 'year,overtime\n2023,1200000\n';

/**
 * A response with one attachment, committed by `respond` (a fresh process, as a user runs it);
 * returns where it is stored. Made once per run on a copy of the decided case, copied per test.
 */
async function withAttachment() {
  const made = await sharedFixture('attachments: a response with figures.csv', async (dir) => {
    const decided = await registerWithDecidedCase();
    await cp(decided.dir, dir, { recursive: true, verbatimSymlinks: true });
    await writeFile(join(dir, 'figures.csv'), FIGURES);
    const r = await respond(join(dir, 'register'), decided.caseId, dir, 'figures.csv');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const id = JSON.parse(r.stdout).id as string;
    return { stored: `${caseDir(decided.caseId)}/attachments/${id}-figures.csv` };
  });
  const dir = await copyFixture(made);
  return { dir, reg: join(dir, 'register'), caseId: base.caseId, folder: caseDir(base.caseId), content: Buffer.from(FIGURES), stored: made.data.stored };
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

describe('attachments with the same name', () => {
  it('numbers the second file of a name; neither is lost, and check verifies both', async () => {
    const { dir, reg, alex } = await makeRegister();
    const req = await setup(['-r', reg, 'request', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'budget', '--subject', 'Budget', '--text', 'What is the budget?', '--json']);
    const id = JSON.parse(req.stdout).id;
    await setup(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09']);
    await mkdir(join(dir, 'north'));
    await mkdir(join(dir, 'south'));
    await writeFile(join(dir, 'north', 'report.csv'), 'district,officers\nNorthtown,120\n');
    await writeFile(join(dir, 'south', 'report.csv'), 'district,officers\nSouthtown,80\n');
    const r = await run(['-r', reg, 'respond', id, '--sent', '2024-04-10', '--channel', 'email', '--text', 'Attached.', '--attachment', join(dir, 'north', 'report.csv'), '--attachment', join(dir, 'south', 'report.csv'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rid = JSON.parse(r.stdout).id;
    const committed = (await gitIn(reg, ['show', '--name-only', '--format=', 'HEAD'])).trim().split('\n').sort();
    expect(committed).toEqual([`${caseDir(id)}/${rid}.yaml`, `${caseDir(id)}/attachments/${rid}-report-2.csv`, `${caseDir(id)}/attachments/${rid}-report.csv`].sort());
    expect(await readFile(join(reg, caseDir(id), 'attachments', `${rid}-report.csv`), 'utf8')).toContain('Northtown');
    expect(await readFile(join(reg, caseDir(id), 'attachments', `${rid}-report-2.csv`), 'utf8')).toContain('Southtown');
    const check = await run(['-r', reg, 'check', '--json']);
    expect(JSON.parse(check.stdout).findings.filter((f: { code: string }) => f.code === 'attachment')).toEqual([]);
  });

  it('attachmentPath keeps the extension and counts on', () => {
    const taken = new Set(['attachments/e1-a_b.pdf', 'attachments/e1-a_b-2.pdf']);
    expect(attachmentPath('e1', 'a b.pdf', new Set())).toBe('attachments/e1-a_b.pdf');
    expect(attachmentPath('e1', 'a b.pdf', taken)).toBe('attachments/e1-a_b-3.pdf');
    expect(attachmentPath('e1', 'README', new Set(['attachments/e1-README']))).toBe('attachments/e1-README-2');
  });
});
