// Reading a request that arrived by email (issue 13, "Email intake"): an .eml file (RFC 5322,
// what most mail programs save) or an Outlook .msg (what a drag out of Outlook gives). Parsing is
// left to maintained parsers — postal-mime for MIME (multipart, quoted-printable, base64, any
// charset TextDecoder knows), @kenjiuno/msgreader for .msg, html-to-text for HTML-only mail —
// never a hand-written MIME parser (docs/decisions/0021-email-intake.md). Loaded only for --email.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { usageError } from '../domain/errors.js';
import type { ReadEmail } from '../domain/email-request.js';

/** OLE2 compound file signature: every .msg starts with it. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isCompoundFile(bytes: Uint8Array): boolean {
  return CFB_MAGIC.every((b, i) => bytes[i] === b);
}

// WHATWG's windows-1252 index for bytes 0x80–0x9F (undefined bytes keep their code point).
// Node 20's TextDecoder decodes windows-1252 as latin1 for these bytes (fixed in later Node
// releases), giving C1 control characters where the sender typed – ’ “ ” € …; real text never holds
// C1 controls, and WHATWG reads iso-8859-1 labels as windows-1252 too, so they are mapped back.
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function mapC1Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (ch) => String.fromCodePoint(WINDOWS_1252_C1[ch.charCodeAt(0) - 0x80]));
}

async function htmlToText(html: string): Promise<string> {
  const { convert } = await import('html-to-text');
  return convert(html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }, { selector: 'a', options: { hideLinkHrefIfSameAsText: true } }] });
}

async function readEml(bytes: Uint8Array): Promise<ReadEmail> {
  const { default: PostalMime } = await import('postal-mime');
  const mail = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
  const text = mapC1Controls(mail.text?.trim() ? mail.text : mail.html ? await htmlToText(mail.html) : '');
  const date = mail.date && !Number.isNaN(Date.parse(mail.date)) ? new Date(mail.date).toISOString() : undefined;
  return {
    format: 'eml',
    from: mail.from?.address ? { address: mail.from.address, name: mail.from.name || undefined } : undefined,
    date,
    subject: mail.subject === undefined ? undefined : mapC1Controls(mail.subject),
    text,
    attachments: mail.attachments
      // Images the HTML shows inline are part of the message's look, not things the candidate sent.
      .filter((a) => !a.related)
      .map((a, i) => ({ name: a.filename ?? `attachment-${i + 1}`, mimeType: a.mimeType, bytes: new Uint8Array(a.content as ArrayBuffer) })),
  };
}

async function readMsg(bytes: Uint8Array): Promise<ReadEmail> {
  // A CommonJS module whose exports.default is the class: default.default under Node's ESM interop.
  const mod = await import('@kenjiuno/msgreader');
  const MsgReader = mod.default.default ?? (mod.default as unknown as typeof mod.default.default);
  const reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const data = reader.getFileData();
  if (data.error) throw usageError(`not an Outlook message: ${data.error}`);
  const address = data.senderSmtpAddress || (data.senderEmail?.includes('@') ? data.senderEmail : undefined) || data.creatorSMTPAddress;
  const when = data.messageDeliveryTime || data.clientSubmitTime;
  const text = data.body?.trim() ? data.body : data.bodyHtml ? await htmlToText(data.bodyHtml) : '';
  return {
    format: 'msg',
    from: address ? { address, name: data.senderName || undefined } : undefined,
    date: when && !Number.isNaN(Date.parse(when)) ? new Date(when).toISOString() : undefined,
    subject: data.subject,
    text,
    attachments: (data.attachments ?? [])
      .filter((a) => !a.innerMsgContent)
      .map((a, i) => {
        const got = reader.getAttachment(a);
        return { name: got.fileName || `attachment-${i + 1}`, mimeType: a.attachMimeTag ?? 'application/octet-stream', bytes: got.content };
      }),
  };
}

/** Read an .eml or .msg file (told apart by content, not name). */
export async function readEmailFile(path: string): Promise<ReadEmail> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch {
    throw usageError(`--email ${path}: cannot read that file`, 'give the path of a saved .eml or Outlook .msg message');
  }
  try {
    return isCompoundFile(bytes) ? await readMsg(bytes) : await readEml(bytes);
  } catch (err) {
    if ((err as { name?: string }).name === 'UserError') throw err;
    const kind = isCompoundFile(bytes) || extname(path).toLowerCase() === '.msg' ? 'an Outlook .msg message' : 'an email message (.eml)';
    throw usageError(`--email ${path}: could not be read as ${kind}: ${(err as Error).message}`, 'save the message again from the mail program, as .eml or .msg');
  }
}

/** Put attachments in a temporary folder, from where the entry writer copies them into the case. */
/**
 * Remove the folders stageAttachments made for these paths once their bytes are read (or the
 * request was not logged): only `evenhand-email-*` folders directly in the temporary folder.
 */
export async function discardStagedAttachments(paths: readonly string[]): Promise<void> {
  for (const dir of new Set(paths.map((p) => dirname(p))))
    if (dirname(dir) === tmpdir() && basename(dir).startsWith('evenhand-email-')) await rm(dir, { recursive: true, force: true });
}

export async function stageAttachments(attachments: ReadEmail['attachments']): Promise<string[]> {
  if (attachments.length === 0) return [];
  const dir = await mkdtemp(join(tmpdir(), 'evenhand-email-'));
  const paths: string[] = [];
  for (const [i, a] of attachments.entries()) {
    const p = join(dir, `${i}-${a.name.replace(/[^\w.-]+/g, '_')}`);
    await writeFile(p, a.bytes);
    paths.push(p);
  }
  return paths;
}
