import { describe, expect, it } from 'vitest';
import { cleanSubject, forwardedHeader, prefillFromEmail, type ReadEmail } from './email-request.js';
import type { Candidate } from './schemas.js';

const alex: Candidate = { id: 'c-a001', name: 'Alex Morgan', aliases: [], emails: ['alex@example.org'], phones: [], handles: [], status: 'declared', declared_on: '2024-04-05', incumbent: false };
const mail = (over: Partial<ReadEmail>): ReadEmail => ({ format: 'eml', text: 'Hello', attachments: [], ...over });

describe('a request from an email', () => {
  it('takes received from the Date header in UK time and matches the sender by address, whatever its case', () => {
    const p = prefillFromEmail(mail({ from: { address: 'ALEX@example.org' }, date: '2024-04-26T15:30:00.000Z', subject: 'Re: FW: Overtime' }), [alex]);
    expect(p).toMatchObject({ received: '2024-04-26T16:30', subject: 'Overtime', candidate: { id: 'c-a001' } });
    const winter = prefillFromEmail(mail({ date: '2024-01-10T09:00:00.000Z' }), [alex]);
    expect(winter.received).toBe('2024-01-10T09:00');
  });
  it('finds the original sender and date in a forwarded message (Gmail, Outlook and Apple Mail forms)', () => {
    expect(forwardedHeader('FYI\n\n---------- Forwarded message ---------\nFrom: Alex Morgan <alex@example.org>\nDate: Thu, 25 Apr 2024 at 16:05\nSubject: Visit\n\nBody')).toEqual({
      from: { address: 'alex@example.org', name: 'Alex Morgan' },
      received: '2024-04-25T16:05',
      subject: 'Visit',
    });
    expect(forwardedHeader('-----Original Message-----\nFrom: Alex Morgan [mailto:alex@example.org]\nSent: 25 April 2024 4:05 PM\nSubject: Visit\n\nBody')).toMatchObject({
      from: { address: 'alex@example.org' },
      received: '2024-04-25T16:05',
    });
    expect(forwardedHeader('Begin forwarded message:\n\nFrom: alex@example.org\nDate: April 25, 2024 at 9:30:00 AM GMT+1\n')?.from?.address).toBe('alex@example.org');
    expect(forwardedHeader('no forward here')).toBeUndefined();
    const p = prefillFromEmail(mail({ from: { address: 'desk@opcc.example' }, date: '2024-04-30T07:40:00.000Z', text: 'FYI\n\n---------- Forwarded message ---------\nFrom: Alex Morgan <alex@example.org>\nDate: Thu, 25 Apr 2024 at 16:05\n\nBody' }), [alex]);
    expect(p).toMatchObject({ candidate: { id: 'c-a001' }, received: '2024-04-25T16:05', forwardedBy: { address: 'desk@opcc.example' } });
  });
  it('strips reply and forward prefixes from subjects', () => {
    expect(cleanSubject('RE: Fwd: fw: Budget')).toBe('Budget');
    expect(cleanSubject('Refunds')).toBe('Refunds');
  });
});
