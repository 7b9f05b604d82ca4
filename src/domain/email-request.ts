// What an email says about a request (issue 13, "Email intake"): pure mapping from a message
// already parsed (src/intake/email.ts) to the values `evenhand request` pre-fills. Nothing here
// reads files or asks; the SPOC confirms or changes every value at the prompt.
import type { Candidate } from './schemas.js';
import { ukDateTime } from './uk-time.js';

export interface EmailAddress {
  address: string;
  name?: string;
}

/** A message as the parsers give it: the sending instant as ISO 8601, the text as plain text. */
export interface ReadEmail {
  format: 'eml' | 'msg';
  from?: EmailAddress;
  date?: string;
  subject?: string;
  text: string;
  attachments: { name: string; mimeType: string; bytes: Uint8Array }[];
}

export interface EmailPrefill {
  /** UK local date-time YYYY-MM-DDTHH:MM the request arrived. */
  received?: string;
  subject?: string;
  text?: string;
  /** Who wrote it: the sender, or the original sender of a message forwarded to the SPOC. */
  sender?: EmailAddress;
  /** The sender found on the roster by email address. */
  candidate?: Candidate;
  /** Set when the message is a forward: the colleague who forwarded it. */
  forwardedBy?: EmailAddress;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const pad = (n: number) => String(n).padStart(2, '0');

/** "Re: Fwd: FW: Overtime" → "Overtime". */
export function cleanSubject(subject: string): string {
  return subject.replace(/^(\s*(re|fwd?|fw|aw|wg)\s*:\s*)+/i, '').trim();
}

/** An address in "Alex Morgan <alex@example.org>" or a bare address. */
function addressIn(text: string): EmailAddress | undefined {
  const angle = /^\s*"?([^"<]*?)"?\s*<([^>\s]+@[^>\s]+)>/.exec(text) ?? /\[mailto:([^\]\s]+@[^\]\s]+)\]/.exec(text);
  if (angle && angle.length === 3) return { address: angle[2], name: angle[1].trim() || undefined };
  if (angle) return { address: angle[1], name: text.replace(/\[mailto:[^\]]*\]/, '').trim() || undefined };
  const bare = /([^\s<>"'()[\]]+@[^\s<>"'()[\]]+\.[a-z]{2,})/i.exec(text);
  return bare ? { address: bare[1] } : undefined;
}

/**
 * The header block of a forwarded message, as Gmail, Outlook and Apple Mail write it into the body:
 * "---------- Forwarded message ---------", "-----Original Message-----", "Begin forwarded message:".
 * Its Date/Sent line is in the writer's local (UK) time: read as wall-clock time, never shifted.
 */
export function forwardedHeader(text: string): { from?: EmailAddress; received?: string; subject?: string } | undefined {
  const marker = /^[ \t>]*(-{2,}\s*(Forwarded message|Original Message)\s*-{2,}|Begin forwarded message:)[ \t]*$/im.exec(text);
  if (!marker) return undefined;
  const block = text.slice(marker.index + marker[0].length).replace(/^\s+/, '').split(/\r?\n\s*\r?\n/, 2)[0] ?? '';
  const field = (name: string) => new RegExp(`^[ \\t>]*\\*?${name}:\\*?[ \\t]*(.+)$`, 'im').exec(block)?.[1]?.trim();
  const from = field('From');
  const when = field('Date') ?? field('Sent');
  let received: string | undefined;
  const m = when && /(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3})[a-z]*,?\s+(\d{4})(?:,?\s+at)?,?\s+(\d{1,2}):(\d{2})\s*(am|pm)?/i.exec(when);
  const us = when && !m ? /([A-Za-z]{3})[a-z]*\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+at)?,?\s+(\d{1,2}):(\d{2})\s*(am|pm)?/i.exec(when) : undefined;
  const parts = m ? { d: m[1], mon: m[2], y: m[3], h: m[4], min: m[5], ap: m[6] } : us ? { d: us[2], mon: us[1], y: us[3], h: us[4], min: us[5], ap: us[6] } : undefined;
  if (parts && MONTHS[parts.mon.toLowerCase()]) {
    let hour = Number(parts.h);
    if (parts.ap) hour = (hour % 12) + (parts.ap.toLowerCase() === 'pm' ? 12 : 0);
    received = `${parts.y}-${pad(MONTHS[parts.mon.toLowerCase()])}-${pad(Number(parts.d))}T${pad(hour)}:${parts.min}`;
  }
  return { from: from ? addressIn(from) : undefined, received, subject: field('Subject') };
}

function findByEmail(roster: readonly Candidate[], address: string | undefined): Candidate | undefined {
  if (!address) return undefined;
  const key = address.trim().toLowerCase();
  return roster.find((c) => c.emails.some((e) => e.toLowerCase() === key));
}

/** The values a request takes from an email, the sender matched to the roster by address. */
export function prefillFromEmail(email: ReadEmail, roster: readonly Candidate[]): EmailPrefill {
  const direct = findByEmail(roster, email.from?.address);
  const forwarded = direct ? undefined : forwardedHeader(email.text);
  const original = forwarded?.from ? findByEmail(roster, forwarded.from.address) : undefined;
  const headerTime = email.date ? ukDateTime(new Date(email.date)) : undefined;
  const received = forwarded?.received ?? (headerTime ? `${headerTime.date}T${headerTime.time}` : undefined);
  const subject = cleanSubject(email.subject ?? forwarded?.subject ?? '') || undefined;
  return {
    received,
    subject,
    text: email.text.trim() ? email.text.replace(/\r\n/g, '\n').replace(/[ \t]+$/gm, '').trim() : undefined,
    sender: forwarded?.from ?? email.from,
    candidate: direct ?? original,
    forwardedBy: forwarded ? email.from : undefined,
  };
}
