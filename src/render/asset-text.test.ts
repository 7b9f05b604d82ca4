// Published assets read for what they are (issue 11): a compressed PDF, UTF-16 and gzipped SVG,
// CSS escapes, image metadata, file names; what cannot be read is refused.
import { describe, expect, it } from 'vitest';
import { deflateSync, gzipSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createSiteGate } from './leak-gate.js';
import { decodeText, readAsset } from './asset-text.js';

const MORGAN = [{ id: 'c-morgan', name: 'Alex Morgan', aliases: [], emails: [], phones: [], handles: [] }];

async function leaks(path: string, bytes: Uint8Array) {
  const gate = createSiteGate(MORGAN, [], () => '');
  await gate.scan({ path, bytes, toolName: true });
  return { leaks: gate.leaks.map((l) => `${l.part ?? 'text'}: ${l.form}`), refused: gate.refused.map((r) => r.reason) };
}

async function pdf(draw: (doc: PDFDocument) => Promise<void>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  await draw(doc);
  return doc.save({ useObjectStreams: true });
}

const crc32 = (b: Uint8Array) => {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
};
function pngChunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A 1×1 PNG with the given text chunks. */
function png(chunks: Buffer[]): Uint8Array {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = deflateSync(Buffer.from([0, 0]));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), ...chunks, pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

describe('PDF', () => {
  it('reads the text of a compressed PDF page', async () => {
    const bytes = await pdf(async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.addPage().drawText('Figures prepared for Alex Morgan', { x: 50, y: 700, size: 12, font });
    });
    // The page's text is deflated: a byte search cannot see it.
    expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/Morgan/);
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/FlateDecode/);
    expect((await leaks('assets/figures.pdf', bytes)).leaks).toEqual(['PDF page 1: Alex Morgan']);
  });

  it('reads its metadata (the author)', async () => {
    const bytes = await pdf(async (doc) => {
      doc.addPage();
      doc.setAuthor('A. Morgan');
      doc.setTitle('Budget figures');
    });
    expect((await leaks('assets/figures.pdf', bytes)).leaks).toEqual(['PDF metadata: A. Morgan']);
  });

  it('passes a PDF that names no candidate, and refuses one it cannot read', async () => {
    const bytes = await pdf(async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.addPage().drawText('Budget figures 2024', { x: 50, y: 700, size: 12, font });
    });
    expect(await leaks('assets/figures.pdf', bytes)).toEqual({ leaks: [], refused: [] });
    expect((await leaks('assets/broken.pdf', Buffer.from('%PDF-1.7\nnot really'))).refused).toEqual([expect.stringMatching(/PDF text cannot be read/)]);
  });
});

describe('text encodings and compression', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>Logo</title><text>Alex Morgan</text></svg>';
  it.each([
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(svg, 'utf16le')])],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(svg, 'utf16le').swap16()])],
    ['UTF-16LE without a BOM', Buffer.from(svg, 'utf16le')],
    ['gzipped', gzipSync(svg)],
    ['gzipped twice', gzipSync(gzipSync(svg))],
    ['zlib-deflated', deflateSync(svg)],
  ])('an SVG in %s', async (_, bytes) => {
    expect((await leaks('assets/logo.svg', bytes)).leaks).toEqual(['text: Alex Morgan']);
  });

  it('a Windows-1252 text with a declared charset, and CSS escapes', async () => {
    expect(decodeText(Buffer.from('<?xml version="1.0" encoding="windows-1252"?><p>Caf\xe9</p>', 'latin1'))).toContain('Café');
    expect((await leaks('assets/brand.css', Buffer.from('.a::before { content: "\\41 lex \\4D organ"; } li, main { color: red }'))).leaks).toEqual(['text: Alex Morgan']);
  });

  it('refuses a file that claims compression it does not have, and one that is not text', async () => {
    expect((await leaks('assets/logo.svgz', Buffer.from('<svg/>'))).refused).toEqual(['it is named as compressed but is not']);
    expect((await leaks('assets/blob.bin', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00, 0x03]))).refused).toEqual([expect.stringMatching(/neither text/)]);
    expect((await leaks('assets/brand.woff2', Buffer.from('wOF2'))).refused).toEqual([expect.stringMatching(/web font/)]);
  });
});

describe('images: names and text metadata, not pixels', () => {
  it('reads PNG text chunks (tEXt, zTXt, iTXt) and passes a PNG without them', async () => {
    const zt = Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync('by Alex Morgan')]);
    expect((await leaks('assets/a.png', png([pngChunk('tEXt', Buffer.from('Author\0Alex Morgan', 'latin1'))]))).leaks).toEqual(['image metadata: Alex Morgan']);
    expect((await leaks('assets/b.png', png([pngChunk('zTXt', zt)]))).leaks).toEqual(['image metadata: Alex Morgan']);
    expect((await leaks('assets/c.png', png([pngChunk('iTXt', Buffer.from('Title\0\0\0en\0\0Alex Morgan', 'utf8'))]))).leaks).toEqual(['image metadata: Alex Morgan']);
    expect(await leaks('assets/d.png', png([]))).toEqual({ leaks: [], refused: [] });
  });

  it('reads a JPEG comment and EXIF strings, and stops at the pixels', async () => {
    const seg = (marker: number, data: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]), data]);
    const exif = Buffer.concat([Buffer.from('Exif\0\0MM\0*', 'latin1'), Buffer.from([0, 0, 0, 8]), Buffer.from('Artist: Alex Morgan\0', 'latin1')]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), seg(0xe1, exif), seg(0xfe, Buffer.from('crest')), Buffer.from([0xff, 0xda, 0, 2]), Buffer.from('Alex Morgan in pixels'), Buffer.from([0xff, 0xd9])]);
    expect((await leaks('assets/crest.jpg', jpeg)).leaks).toEqual(['image metadata: Alex Morgan']);
    const plain = Buffer.concat([Buffer.from([0xff, 0xd8]), seg(0xfe, Buffer.from('crest')), Buffer.from([0xff, 0xda, 0, 2]), Buffer.from('Alex Morgan in pixels')]);
    expect(await leaks('assets/crest.jpg', plain)).toEqual({ leaks: [], refused: [] });
  });

  it('refuses a file named as an image that is not one', async () => {
    expect((await readAsset('assets/x.png', Buffer.from('hello')))).toEqual({ refused: 'it is not a readable PNG image' });
  });
});
