// Generic detectors: any email, UK phone, UK postcode or @handle, whoever it belongs to.
import { OPEN_AREA_CODE, PHONE_GAP } from './form-patterns.js';
import type { TokenKind } from './redaction-tokens.js';

// Like the name regexes, each consumes one edge character before the match proper (group 1).
// Emails are found by ./email-detector.ts.
const HAS_DIGIT = /\d/;
// UK numbers: +44 / 0044 / (0) / 0, then 9 or 10 digits with any spacing, brackets, dots or hyphens.
const ANY_UK_PHONE = new RegExp(
  `(?:^|[^\\d+])((?:(?:\\+|00)[\\s.\\-]*44[\\s.\\-]*(?:\\(\\s*0\\s*\\)[\\s.\\-]*)?|${OPEN_AREA_CODE}|0)[1-9](?:${PHONE_GAP}\\d){8,9})(?!\\d)`,
  'gu',
);
// Any other international number written with a +.
const ANY_INTERNATIONAL_PHONE = new RegExp(`(?:^|[^\\d+])(\\+[1-9](?:${PHONE_GAP}\\d){6,14})(?!\\d)`, 'gu');
// UK postcodes in every valid shape (A9, A99, A9A, AA9, AA99, AA9A + inward 9AA), any case, with or without the space.
const ANY_POSTCODE = new RegExp(
  '(?:^|[^\\p{L}\\p{N}])(GIR\\s*0AA|[A-PR-UWYZ](?:\\d[A-HJKPSTUW\\d]?|[A-HK-Y]\\d[ABEHMNPRV-Y\\d]?)\\s*\\d[ABD-HJLNP-UW-Z]{2})(?![\\p{L}\\p{N}])',
  'giu',
);
// Social handles not in the register still point at a person (an agent, a supporter, a new account).
// Not a time or a number ("@10am", "@ 09:30", "@2024").
const ANY_HANDLE = /(?:^|[^\p{L}\p{N}._%+\-@])(@(?!\p{N}[\p{N}:.]*(?:am|pm)?(?![\p{L}\p{N}_]))[\p{L}\p{N}_](?:[\p{L}\p{N}_.\-]*[\p{L}\p{N}_])?)/gu;

// Each with a cheap test that skips texts it cannot match.
export const GENERIC_DETECTORS: [RegExp, TokenKind, (text: string) => boolean][] = [
  [ANY_UK_PHONE, 'phone', (t) => HAS_DIGIT.test(t)],
  [ANY_INTERNATIONAL_PHONE, 'phone', (t) => t.includes('+')],
  [ANY_POSTCODE, 'postcode', (t) => HAS_DIGIT.test(t)],
  [ANY_HANDLE, 'handle', (t) => t.includes('@')],
];
