import type { Finding } from './findings.js';

/** Exit codes (issue 2): 0 ok, 1 findings or invalid data, 2 usage error, 3 internal error; 130 cancelled with Ctrl-C (issue 13). */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3, interrupted: 130 } as const;

/**
 * An error the user can fix. Never printed with a stack trace; the message says what is wrong
 * and the hint what to do next.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly hint?: string,
    readonly findings: Finding[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function usageError(message: string, hint?: string): UserError {
  return new UserError(message, EXIT.usage, hint);
}

export function dataError(message: string, hint?: string, findings: Finding[] = []): UserError {
  return new UserError(message, EXIT.findings, hint, findings);
}
