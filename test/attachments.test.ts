// Attachments of one response that share a file name are all kept, each under its own path.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDir, gitIn, makeRegister, run } from './helpers.js';
import { attachmentPath } from '../src/domain/attachment-path.js';

describe('attachments with the same name', () => {
  it('numbers the second file of a name; neither is lost, and check verifies both', async () => {
    const { dir, reg, alex } = await makeRegister();
    const req = await run(['-r', reg, 'request', '--candidate', alex, '--received', '2024-04-08', '--channel', 'email', '--category', 'budget', '--subject', 'Budget', '--text', 'What is the budget?', '--json']);
    const id = JSON.parse(req.stdout).id;
    await run(['-r', reg, 'decide', id, '--outcome', 'provide', '--by', 'chief-executive', '--on', '2024-04-09']);
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
