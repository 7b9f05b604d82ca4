// Self-references of the incumbent's office ("as the sitting Commissioner", "in my role as PCC"):
// when the incumbent is standing, such words point at one candidate as surely as a name, but they
// are also how an office's own responses speak of the office holder. So they are not redacted; they
// are found here for a person to judge (the review flags, issue 11). Pure; linear (one regex, no
// nested quantifiers).

/** One reference to the office holder in a text. */
export interface OfficeReference {
  start: number;
  end: number;
  text: string;
}

const OFFICE = "(?:police,?\\s+fire\\s+and\\s+crime\\s+commissioner|police\\s+and\\s+crime\\s+commissioner|p\\.?f?\\.?c\\.?c\\.?|commissioner|mayor)";
const HOLDING = '(?:sitting|current|serving|incumbent|present|outgoing|existing|elected)';
// "as (the) (sitting) Commissioner", "in my role/capacity as …", "I am the Commissioner", "the sitting PCC", "the incumbent".
const OFFICE_REFERENCE = new RegExp(
  `\\b(?:(?:as|in\\s+(?:my|his|her|their)\\s+(?:role|capacity)\\s+as|i\\s+am|i'm|being)\\s+(?:the\\s+)?(?:${HOLDING}\\s+)?${OFFICE}` +
    `|(?:the\\s+)?${HOLDING}\\s+${OFFICE}` +
    `|the\\s+incumbent)\\b`,
  'giu',
);

/** Every phrase in `text` that speaks of the sitting office holder. */
export function findOfficeReferences(text: string): OfficeReference[] {
  const out: OfficeReference[] = [];
  for (const m of text.matchAll(OFFICE_REFERENCE)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}
