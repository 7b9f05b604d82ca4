// Issue 13, "Email intake": `evenhand request --email` from .eml and Outlook .msg fixtures written
// for these tests (fictional people): multipart with quoted-printable, HTML-only in base64 with an
// attachment, a windows-1252 body, a forwarded message, and an .msg made by scripts/make-msg-fixture.mjs.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { caseDir, makeRegister, ROOT, run, setup, tempDir } from './helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'email');

async function fromEmail(reg: string, file: string, extra: string[] = []) {
  const r = await run(['-r', reg, 'request', '--json', '--email', join(FIXTURES, file), '--category', 'information', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const id = JSON.parse(r.stdout).id as string;
  return { id, entry: parse(await readFile(join(reg, caseDir(id), 'request.yaml'), 'utf8')), stderr: r.stderr };
}

describe('requests taken from emails', () => {
  it('multipart, quoted-printable: sender matched, Date header in UK time, subject and plain text', async () => {
    const { reg, alex } = await makeRegister();
    const { entry, stderr } = await fromEmail(reg, 'multipart-qp.eml');
    expect(entry).toMatchObject({ candidate: alex, channel: 'email', received: '2024-04-26T16:30', subject: 'Overtime budget – 2023/24' });
    expect(entry.text).toBe('Dear SPOC,\n\nHow much did the force spend on police overtime in 2023/24 – and how much of it was in Northgate?\n\nThank you,\nAlex');
    expect(stderr).toContain('from Alex Morgan <alex@example.org>');
  });

  it('HTML only, base64: the HTML turned into text; the attachment kept with the request, audit clean', async () => {
    const { reg, alex } = await makeRegister();
    const { id, entry } = await fromEmail(reg, 'html-base64-attachment.eml', ['--keep-attachments']);
    expect(entry).toMatchObject({ candidate: alex, received: '2024-04-29T09:15', subject: 'Visit to the control room' });
    expect(entry.text).toContain('Could I visit the control room before polling day?');
    expect(entry.text).toMatch(/\* any weekday\n \* after 2pm/);
    expect(entry.text).not.toMatch(/<p>|<b>/);
    expect(entry.attachments).toEqual([expect.objectContaining({ name: 'visit-questions.txt', path: 'attachments/request-1-visit-questions.txt', bytes: 46 })]);
    expect(await readFile(join(reg, caseDir(id), entry.attachments[0].path), 'utf8')).toBe('Questions for the visit:\n1. Staffing at night\n');
    const audit = await run(['-r', reg, 'audit']);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    const show = await run(['-r', reg, 'show', id]);
    expect(show.stdout).toContain('visit-questions.txt (attachments/request-1-visit-questions.txt, 46 bytes)');
    expect(show.stdout).not.toContain('[object Object]');
  });

  it('the attachments staged from the email leave nothing in the temporary folder, logged or refused', async () => {
    const { reg } = await makeRegister();
    const tmp = await tempDir();
    const email = join(FIXTURES, 'html-base64-attachment.eml');
    const logged = await run(['-r', reg, 'request', '--email', email, '--category', 'information', '--keep-attachments'], { env: { TMPDIR: tmp } });
    expect(logged.code, logged.stderr).toBe(0);
    // Refused after the attachments were staged: an unknown candidate.
    const refused = await run(['-r', reg, 'request', '--email', email, '--category', 'information', '--keep-attachments', '--candidate', 'c-none'], { env: { TMPDIR: tmp } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no such candidate');
    expect(await readdir(tmp)).toEqual([]);
  });

  it('without --keep-attachments, none are kept', async () => {
    const { reg } = await makeRegister();
    const { id, entry } = await fromEmail(reg, 'html-base64-attachment.eml');
    expect(entry.attachments).toBeUndefined();
    expect(existsSync(join(reg, caseDir(id), 'attachments'))).toBe(false);
  });

  it('a windows-1252 body and an ISO-8859-1 encoded subject read as the sender wrote them', async () => {
    const { reg } = await makeRegister();
    const { entry } = await fromEmail(reg, 'windows-1252.eml');
    expect(entry.subject).toBe('Budget for café patrols');
    expect(entry.text).toBe('How much of the £250,000 patrol budget went to the café quarter – and why?');
  });

  it('a forwarded message: the original sender and date, not the colleague who forwarded it', async () => {
    const { reg, bea } = await makeRegister();
    expect((await setup(['-r', reg, 'candidate', 'update', bea, '--email', 'bea@example.org'])).code).toBe(0);
    const { entry, stderr } = await fromEmail(reg, 'forwarded.eml');
    expect(entry).toMatchObject({ candidate: bea, received: '2024-04-25T16:05', subject: 'Briefing on rural crime' });
    expect(stderr).toContain('forwarded by reception@wessex-opcc.example');
  });

  it('an Outlook .msg: sender, delivery time in UK time, subject, body and attachment', async () => {
    const { reg, alex } = await makeRegister();
    const { id, entry } = await fromEmail(reg, 'outlook.msg', ['--keep-attachments']);
    expect(entry).toMatchObject({ candidate: alex, received: '2024-04-26T09:05', subject: 'Officer numbers in Northgate' });
    expect(entry.text).toContain('How many police officers were posted to Northgate');
    expect(entry.attachments.map((a: { name: string }) => a.name)).toEqual(['wards.csv']);
    expect(await readFile(join(reg, caseDir(id), entry.attachments[0].path), 'utf8')).toBe('ward,year\nNorthgate,2023\n');
  });

  it('flags win over the email, and an unknown sender without --candidate is a usage error naming the fix', async () => {
    const { reg, bea } = await makeRegister();
    const unknown = await run(['-r', reg, 'request', '--email', join(FIXTURES, 'forwarded.eml'), '--category', 'briefing']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('bea@example.org is not a candidate');
    expect(unknown.stderr).toContain('evenhand candidate update <id> --email bea@example.org');
    const { entry } = await fromEmail(reg, 'forwarded.eml', ['--candidate', bea, '--subject', 'Rural crime briefing', '--received', '26/04/2024 09:00']);
    expect(entry).toMatchObject({ candidate: bea, subject: 'Rural crime briefing', received: '2024-04-26T09:00' });
    const notMail = await run(['-r', reg, 'request', '--email', join(ROOT, 'package.json'), '--category', 'other']);
    expect(notMail.code).toBe(2);
    expect(notMail.stderr).not.toMatch(/\n\s+at /);
  });
});
