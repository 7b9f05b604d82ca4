// Ids that stay unique across clones appending at the same time without talking to each other
// (DESIGN.md "The register"): date + randomness, never "highest number plus one".
// Crockford's base32 alphabet: no i, l, o, u, so an id read over the phone is not misheard.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export type RandomBytes = (n: number) => Uint8Array;

export function randomSuffix(randomBytes: RandomBytes, length = 4): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % 32];
  return out;
}

/** `2024-0325-k7q2`: the date the request was received, so ids sort by date, then 20 random bits. */
export function newCaseId(received: string, randomBytes: RandomBytes): string {
  const [y, m, d] = received.slice(0, 10).split('-');
  return `${y}-${m}${d}-${randomSuffix(randomBytes)}`;
}

export function newEntryId(kind: string, randomBytes: RandomBytes): string {
  return `${kind}-${randomSuffix(randomBytes)}`;
}

export function newCandidateId(randomBytes: RandomBytes): string {
  return `c-${randomSuffix(randomBytes)}`;
}

/** Accepts what people type: upper case, and the letters Crockford maps (o→0, i/l→1). */
export function normaliseTypedId(id: string): string {
  const lower = id.trim().toLowerCase();
  const dash = lower.lastIndexOf('-');
  if (dash < 0) return lower;
  return lower.slice(0, dash + 1) + lower.slice(dash + 1).replace(/o/g, '0').replace(/[il]/g, '1');
}
