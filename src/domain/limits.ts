// Bounds on what a register may hold (issue 10, "Bounds"). A register is data anyone with write
// access can edit by hand; none of it may make a reading command hang, exhaust memory or crash.
// Each limit is far above anything an office writes, and hitting one is a finding naming the file.

/** Largest register file (register.yaml, a candidate, an entry) read and parsed: 1 MiB. */
export const MAX_REGISTER_FILE_BYTES = 1024 * 1024;

/** YAML aliases (`*name`) allowed in one file: evenhand writes none; this stops "billion laughs". */
export const MAX_YAML_ALIASES = 100;

/** Largest attachment `respond --attachment` stores (and `check` reads back): 25 MiB, a common email limit. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** Largest file in a register's templates/ (a template, a stylesheet, an image or font). */
export const MAX_TEMPLATE_FILE_BYTES = 25 * 1024 * 1024;

/** Attachments on one response. */
export const MAX_ATTACHMENTS = 50;

/** register.yaml `response_target_days`: at most a year of working days. */
export const MAX_TARGET_DAYS = 365;

/** register.yaml `election.extra_non_working_days`: days of mourning or thanksgiving are rare. */
export const MAX_EXTRA_NON_WORKING_DAYS = 366;

/**
 * Years a date in the register may carry. The calendars count working days from these dates and
 * load bank holidays year by year; a date in year 0001 or 9999 is a typing error, not a case.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

/** `1 MiB`, `25 MiB`: a limit as people read it. */
export function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

/**
 * How deeply collections may nest in a YAML text (an entry nests three deep). Past it the `yaml`
 * library's reading recurses so deep that Node can die outright (a RegExp compiled near the stack
 * limit is a fatal "out of memory", not a RangeError), so such a text is refused before it is read.
 */
export const MAX_YAML_DEPTH = 100;
