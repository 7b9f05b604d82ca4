// Writes test/fixtures/email/outlook.msg: an Outlook item (.msg, [MS-OXMSG]) from a fictional
// candidate, built with the `cfb` compound-file writer (a devDependency) because no maintained npm
// package writes .msg files. Run it again only to change the fixture: node scripts/make-msg-fixture.mjs
import CFB from 'cfb';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'email', 'outlook.msg');

const PT_LONG = 0x0003;
const PT_SYSTIME = 0x0040;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;

const utf16 = (s) => Buffer.from(`${s}\0`, 'utf16le');
const name = (id, type) => `__substg1.0_${id.toString(16).toUpperCase().padStart(4, '0')}${type.toString(16).toUpperCase().padStart(4, '0')}`;

/** FILETIME: 100 ns ticks since 1601-01-01 UTC. */
function filetime(iso) {
  const ticks = (BigInt(Date.parse(iso)) + 11644473600000n) * 10000n;
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(ticks);
  return b;
}

/** A property stream ([MS-OXMSG] 2.4): a header, then 16 bytes per property. */
function propertyStream(headerBytes, props, header = Buffer.alloc(0)) {
  const entries = props.map(({ id, type, value }) => {
    const e = Buffer.alloc(16);
    e.writeUInt32LE(((id << 16) | type) >>> 0, 0);
    e.writeUInt32LE(0x6, 4); // readable | writable
    if (type === PT_SYSTIME) value.copy(e, 8);
    else if (type === PT_LONG) e.writeUInt32LE(value, 8);
    else e.writeUInt32LE(value.length, 8); // variable size: the length; the data is in its own stream
    return e;
  });
  const head = Buffer.alloc(headerBytes);
  header.copy(head);
  return Buffer.concat([head, ...entries]);
}

const cfb = CFB.utils.cfb_new();
const add = (path, data) => CFB.utils.cfb_add(cfb, path, data);

const message = [
  { id: 0x001a, type: PT_UNICODE, value: utf16('IPM.Note') },
  { id: 0x0037, type: PT_UNICODE, value: utf16('FW: Officer numbers in Northgate') },
  { id: 0x0c1a, type: PT_UNICODE, value: utf16('Alex Morgan') },
  { id: 0x0c1f, type: PT_UNICODE, value: utf16('alex@example.org') },
  { id: 0x5d01, type: PT_UNICODE, value: utf16('alex@example.org') },
  {
    id: 0x1000,
    type: PT_UNICODE,
    value: utf16('Dear Sir or Madam,\r\n\r\nHow many police officers were posted to Northgate in each of the last three years?\r\n\r\nRegards,\r\nAlex Morgan'),
  },
];
for (const p of message) add(`/${name(p.id, p.type)}`, p.value);
// Header of the top-level message: reserved(8), next recipient id, next attachment id, recipient count, attachment count, reserved(8).
const rootHeader = Buffer.alloc(32);
rootHeader.writeUInt32LE(0, 8);
rootHeader.writeUInt32LE(1, 12);
rootHeader.writeUInt32LE(0, 16);
rootHeader.writeUInt32LE(1, 20);
add('/__properties_version1.0', propertyStream(32, [...message, { id: 0x0e06, type: PT_SYSTIME, value: filetime('2024-04-26T08:05:00Z') }], rootHeader));

const attachment = [
  { id: 0x3707, type: PT_UNICODE, value: utf16('wards.csv') },
  { id: 0x3704, type: PT_UNICODE, value: utf16('wards.csv') },
  { id: 0x370e, type: PT_UNICODE, value: utf16('text/csv') },
  { id: 0x3701, type: PT_BINARY, value: Buffer.from('ward,year\nNorthgate,2023\n') },
];
const dir = '/__attach_version1.0_#00000000';
for (const p of attachment) add(`${dir}/${name(p.id, p.type)}`, p.value);
add(`${dir}/__properties_version1.0`, propertyStream(8, [...attachment, { id: 0x3705, type: PT_LONG, value: 1 }]));
add('/__nameid_version1.0/__substg1.0_00020102', Buffer.alloc(0));
add('/__nameid_version1.0/__substg1.0_00030102', Buffer.alloc(0));
add('/__nameid_version1.0/__substg1.0_00040102', Buffer.alloc(0));

writeFileSync(out, CFB.write(cfb, { type: 'buffer' }));
console.log(`wrote ${out}`);
