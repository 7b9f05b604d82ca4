// Option helpers used while building the program; nothing heavy may be imported here.
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export const DATE_HINT = 'YYYY-MM-DD, e.g. 2024-03-25';
