// Every published file read for what it is (issue 11), so that the leak gate scans the words a
// reader gets from it, however they are stored: text in any encoding a browser would use (a BOM,
// UTF-16, a declared charset), gzip/zlib/brotli compression (.gz, .svgz, .br), PDF text and
// metadata (unpdf, i.e. Mozilla's pdf.js), and the text metadata of raster images (PNG text chunks,
// JPEG comments, EXIF and XMP, GIF comments, WebP EXIF/XMP). The pixels of an image are not read:
// see the README ("What the leak gate reads"). A file that cannot be read is refused, never
// published unread.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { csvReaderText, cssReaderText, jsonReaderText, markdownReaderText, markupReaderText, SEPARATOR } from './reader-text.js';

/** One readable part of a file: its text as a reader gets it, and what part it is ("PDF metadata"). */
export interface ReadPart {
  part: string | null;
  text: string;
}

export type AssetReading = { parts: ReadPart[] } | { refused: string };

/** Largest a decompressed file may grow to: beyond it the file is refused, not read (a zip bomb). */
const MAX_INFLATED = 64 * 1024 * 1024;

const IMAGE_TYPES = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'ico']);
const REFUSED_TYPES: Record<string, string> = {
  woff: 'a web font', woff2: 'a web font', ttf: 'a font', otf: 'a font', eot: 'a font',
  avif: 'an AVIF image', heic: 'a HEIC image', tif: 'a TIFF image', tiff: 'a TIFF image', bmp: 'a BMP image',
  zip: 'an archive', tar: 'an archive', '7z': 'an archive', rar: 'an archive',
  doc: 'an Office document', docx: 'an Office document', xls: 'an Office document', xlsx: 'an Office document', ppt: 'an Office document', pptx: 'an Office document', odt: 'an OpenDocument file', ods: 'an OpenDocument file',
  mp3: 'audio', wav: 'audio', ogg: 'audio', mp4: 'video', webm: 'video', mov: 'video', wasm: 'a WebAssembly module', exe: 'a program', dll: 'a program',
};

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The reader's text of a text file of the given type (by extension); `fixed` as in reader-text.ts. */
export function textReaderText(path: string, text: string, fixed: number[] = [], isFixedValue?: (s: string) => boolean): string {
  switch (extensionOf(path)) {
    case 'html':
    case 'htm':
      return markupReaderText(text, { fixed });
    case 'xhtml':
    case 'atom':
    case 'rss':
    case 'xml':
    case 'svg':
      return markupReaderText(text, { xml: true, fixed });
    case 'css':
      return cssReaderText(text);
    case 'json':
    case 'webmanifest':
    case 'geojson':
      return jsonReaderText(text, isFixedValue) ?? text;
    case 'csv':
      return csvReaderText(text, isFixedValue);
    case 'md':
    case 'markdown':
      return markdownReaderText(text, fixed);
    default:
      return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Text encodings
// ---------------------------------------------------------------------------------------------

function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const m = /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head) ?? /<meta[^>]*charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head) ?? /^@charset\s+"([A-Za-z0-9._:-]+)"/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function decoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/** The text of a file, or null when it is not text: a BOM first, then UTF-16 by its zero bytes, then UTF-8, then a declared charset. */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let zeroEven = 0;
  let zeroOdd = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 ? zeroOdd++ : zeroEven++;
  if (zeroEven + zeroOdd > 0) {
    // UTF-16 without a BOM: ASCII text has a zero in every other byte.
    if (zeroOdd > n / 4 && zeroEven === 0) return new TextDecoder('utf-16le').decode(bytes);
    if (zeroEven > n / 4 && zeroOdd === 0) return new TextDecoder('utf-16be').decode(bytes);
    return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const label = declaredCharset(bytes);
    const d = (label && decoder(label)) || null;
    if (d) return d.decode(bytes);
    // Not UTF-8 and nothing declared: bytes a browser would show as Windows-1252.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------
// Compression
// ---------------------------------------------------------------------------------------------

const isGzip = (b: Uint8Array) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
// zlib (RFC 1950): deflate, a 32 KB window at most, header check digit.
const isZlib = (b: Uint8Array) => b.length > 2 && (b[0] & 0x0f) === 8 && b[0] >> 4 <= 7 && ((b[0] << 8) | b[1]) % 31 === 0;

function inflated(path: string, bytes: Uint8Array): { path: string; bytes: Uint8Array } | { refused: string } | null {
  const ext = extensionOf(path);
  const inner = ext === 'svgz' ? path.slice(0, -1) : ext === 'gz' || ext === 'br' ? path.slice(0, path.lastIndexOf('.')) : path;
  try {
    if (isGzip(bytes)) return { path: inner, bytes: gunzipSync(bytes, { maxOutputLength: MAX_INFLATED }) };
    if (ext === 'br') return { path: inner, bytes: brotliDecompressSync(bytes, { maxOutputLength: MAX_INFLATED }) };
    if (!IMAGE_TYPES.has(ext) && ext !== 'pdf' && isZlib(bytes)) {
      try {
        return { path: inner, bytes: inflateSync(bytes, { maxOutputLength: MAX_INFLATED }) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw err;
        return null; // a text that only looks like a zlib header
      }
    }
  } catch (err) {
    return { refused: (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `it decompresses to more than ${MAX_INFLATED / 1024 / 1024} MiB` : 'it is compressed but does not decompress' };
  }
  if (ext === 'gz' || ext === 'svgz' || ext === 'br') return { refused: 'it is named as compressed but is not' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Images: text metadata only
// ---------------------------------------------------------------------------------------------

/** Printable runs in binary metadata: ASCII and UTF-16LE (EXIF's XPAuthor, XPComment). */
function strings(b: Uint8Array, min = 3): string {
  const out: string[] = [];
  let run = '';
  for (let i = 0; i <= b.length; i++) {
    const c = i < b.length ? b[i] : 0;
    if (c >= 0x20 && c < 0x7f) run += String.fromCharCode(c);
    else {
      if (run.length >= min) out.push(run);
      run = '';
    }
  }
  run = '';
  for (let start = 0; start < 2; start++)
    for (let i = start; i + 1 <= b.length; i += 2) {
      const c = i + 1 < b.length ? b[i] | (b[i + 1] << 8) : 0;
      // Latin, Greek and Cyrillic: the scripts a name on this register is written in.
      if (c >= 0x20 && c !== 0x7f && b[i + 1] <= 0x05) run += String.fromCharCode(c);
      else {
        if (run.length >= min) out.push(run);
        run = '';
      }
    }
  return out.join(SEPARATOR);
}

const u32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const utf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');

function pngText(b: Uint8Array): string[] | null {
  if (u32(b, 0) !== 0x89504e47) return null;
  const out: string[] = [];
  for (let i = 8; i + 8 <= b.length; ) {
    const len = u32(b, i);
    const type = latin1(b.subarray(i + 4, i + 8));
    const data = b.subarray(i + 8, i + 8 + len);
    if (type === 'tEXt') out.push(latin1(data).replace('\0', ': '));
    else if (type === 'zTXt') {
      const k = data.indexOf(0);
      out.push(`${latin1(data.subarray(0, k))}: ${latin1(inflateSync(data.subarray(k + 2), { maxOutputLength: MAX_INFLATED }))}`);
    } else if (type === 'iTXt') {
      const k = data.indexOf(0);
      const compressed = data[k + 1] === 1;
      let p = k + 3;
      const lang = data.indexOf(0, p);
      const translated = data.indexOf(0, lang + 1);
      p = translated + 1;
      const body = data.subarray(p);
      out.push(`${latin1(data.subarray(0, k))}: ${utf8(data.subarray(lang + 1, translated))} ${utf8(compressed ? inflateSync(body, { maxOutputLength: MAX_INFLATED }) : body)}`);
    } else if (type === 'eXIf') out.push(strings(data));
    if (type === 'IEND') break;
    i += 12 + len;
  }
  return out;
}

function jpegText(b: Uint8Array): string[] | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  const out: string[] = [];
  for (let i = 2; i + 4 <= b.length; ) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1];
    if (marker === 0xd9 || marker === 0xda) break; // end of image, start of the pixels
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    const len = (b[i + 2] << 8) | b[i + 3];
    const data = b.subarray(i + 4, i + 2 + len);
    if (marker === 0xfe) out.push(utf8(data));
    else if (marker >= 0xe0 && marker <= 0xef) {
      const head = latin1(data.subarray(0, 40));
      if (head.startsWith('http://ns.adobe.com/xap/1.0/\0')) out.push(markupReaderText(utf8(data.subarray(29)), { xml: true }));
      else out.push(strings(data));
    }
    i += 2 + len;
  }
  return out;
}

function gifText(b: Uint8Array): string[] | null {
  if (latin1(b.subarray(0, 3)) !== 'GIF') return null;
  // Comment and application extensions (XMP rides in one) are sub-blocks of text: read them as strings.
  const out: string[] = [];
  for (let i = 0; i + 2 < b.length; i++) {
    if (b[i] === 0x21 && (b[i + 1] === 0xfe || b[i + 1] === 0xff)) {
      const parts: number[] = [];
      let p = i + 2;
      while (p < b.length && b[p] !== 0) {
        const n = b[p];
        for (let k = 1; k <= n && p + k < b.length; k++) parts.push(b[p + k]);
        p += n + 1;
      }
      out.push(strings(Uint8Array.from(parts)));
      i = p;
    }
  }
  return out;
}

function webpText(b: Uint8Array): string[] | null {
  if (latin1(b.subarray(0, 4)) !== 'RIFF' || latin1(b.subarray(8, 12)) !== 'WEBP') return null;
  const out: string[] = [];
  for (let i = 12; i + 8 <= b.length; ) {
    const type = latin1(b.subarray(i, i + 4));
    const len = b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24);
    const data = b.subarray(i + 8, i + 8 + len);
    if (type === 'EXIF') out.push(strings(data));
    else if (type === 'XMP ') out.push(markupReaderText(utf8(data), { xml: true }));
    i += 8 + len + (len % 2);
  }
  return out;
}

function icoText(b: Uint8Array): string[] | null {
  if (b[0] !== 0 || b[1] !== 0 || (b[2] !== 1 && b[2] !== 2)) return null;
  // An icon holds bitmaps (no text) and PNGs, whose text chunks are read.
  const out: string[] = [];
  const count = b[4] | (b[5] << 8);
  for (let k = 0; k < count; k++) {
    const e = 6 + 16 * k;
    const size = b[e + 8] | (b[e + 9] << 8) | (b[e + 10] << 16) | (b[e + 11] << 24);
    const off = b[e + 12] | (b[e + 13] << 8) | (b[e + 14] << 16) | (b[e + 15] << 24);
    out.push(...(pngText(b.subarray(off, off + size)) ?? []));
  }
  return out;
}

function imageText(ext: string, b: Uint8Array): string[] | null {
  try {
    if (ext === 'png') return pngText(b);
    if (ext === 'jpg' || ext === 'jpeg') return jpegText(b);
    if (ext === 'gif') return gifText(b);
    if (ext === 'webp') return webpText(b);
    if (ext === 'ico') return icoText(b);
  } catch {
    return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

async function pdfParts(bytes: Uint8Array): Promise<ReadPart[] | null> {
  try {
    const { getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: true });
    try {
      const parts: ReadPart[] = [];
      const meta = await pdf.getMetadata();
      const info = Object.entries((meta.info ?? {}) as Record<string, unknown>)
        .filter(([, v]) => typeof v === 'string' || (v && typeof v === 'object'))
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
      const raw: unknown = meta.metadata?.getRaw();
      const xmp = typeof raw === 'string' ? [markupReaderText(raw, { xml: true })] : [];
      parts.push({ part: 'PDF metadata', text: [...info, ...xmp].join(SEPARATOR) });
      for (let p = 1; p <= pdf.numPages; p++) {
        const page = await pdf.getPage(p);
        const content = await page.getTextContent();
        const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
        const annotations = (await page.getAnnotations()).map((a: { contentsObj?: { str?: string }; fieldValue?: unknown; url?: string; title?: string }) =>
          [a.contentsObj?.str, typeof a.fieldValue === 'string' ? a.fieldValue : '', a.url, a.title].filter(Boolean).join(SEPARATOR),
        );
        parts.push({ part: `PDF page ${p}`, text: [text, ...annotations].join(SEPARATOR) });
      }
      const outline = await pdf.getOutline();
      const titles: string[] = [];
      const walk = (items: { title: string; items?: unknown[] }[] | null) => items?.forEach((i) => (titles.push(i.title), walk(i.items as never)));
      walk(outline as never);
      if (titles.length) parts.push({ part: 'PDF outline', text: titles.join(SEPARATOR) });
      const attachments = await pdf.getAttachments();
      if (attachments && Object.keys(attachments).length) parts.push({ part: 'PDF attachments', text: Object.keys(attachments).join(SEPARATOR) });
      return parts;
    } finally {
      await pdf.destroy();
    }
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Any published file
// ---------------------------------------------------------------------------------------------

/** What a reader gets from a file: its name is scanned separately (by the gate). */
export async function readAsset(path: string, bytes: Uint8Array, depth = 0): Promise<AssetReading> {
  const inner = inflated(path, bytes);
  if (inner && 'refused' in inner) return inner;
  if (inner) {
    if (depth >= 3) return { refused: 'it is compressed more than three times over' };
    return readAsset(inner.path, inner.bytes, depth + 1);
  }
  const ext = extensionOf(path);
  if (ext === 'pdf') {
    const parts = await pdfParts(bytes);
    return parts ? { parts } : { refused: 'its PDF text cannot be read (encrypted or damaged)' };
  }
  if (IMAGE_TYPES.has(ext)) {
    const texts = imageText(ext, bytes);
    if (!texts) return { refused: `it is not a readable ${ext.toUpperCase()} image` };
    return { parts: [{ part: 'image metadata', text: texts.join(SEPARATOR) }] };
  }
  if (REFUSED_TYPES[ext]) return { refused: `it is ${REFUSED_TYPES[ext]}, which the leak gate cannot read` };
  const text = decodeText(bytes);
  if (text === null) return { refused: 'it is neither text nor a type the leak gate can read' };
  return { parts: [{ part: null, text: textReaderText(path, text) }] };
}
