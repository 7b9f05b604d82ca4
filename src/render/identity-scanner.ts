// The one place the renderer reaches into redaction: the compiled identity scanner the leak gate
// runs over what a reader sees. Kept apart so that the matching can change behind it.
import { createLeakScanner, type CandidateIdentity, type Leak } from '../domain/redaction.js';

export type { CandidateIdentity, Leak };

export interface IdentityScanner {
  scan(text: string): Leak[];
}

/** Compile every candidate's identity forms once for a whole site. */
export function compileIdentityScanner(candidates: CandidateIdentity[]): IdentityScanner {
  return createLeakScanner(candidates);
}
