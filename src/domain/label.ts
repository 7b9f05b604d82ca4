// The register-wide label on correspondence: Hampshire 3.4 / 7.2, every enquiry "marked up as
// 'PCC Election Candidate Request'". Used in commit subjects, `show`, the text printed for sending
// and the public pages.
import type { RegisterConfig } from './schemas.js';

/** A commit subject or heading with the register's label after it, when it has one. */
export function labelled(config: Pick<RegisterConfig, 'label'>, subject: string): string {
  return config.label ? `${subject} [${config.label}]` : subject;
}

/** The subject line of a response as sent: "<label>: <case subject>". */
export function responseSubject(config: Pick<RegisterConfig, 'label'>, caseSubject: string): string {
  return config.label ? `${config.label}: ${caseSubject}` : caseSubject;
}
