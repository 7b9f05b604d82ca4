// Matching what people type against a fixed list of values (enums, roles): a value is found
// whatever its case or spacing ("Chief Executive" is chief-executive), and a near miss is answered
// with "did you mean …" rather than the whole list alone.

/** Case, spaces and underscores do not matter: "Chief Executive" → "chief-executive". */
export function normaliseChoice(typed: string): string {
  return typed.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/** Levenshtein distance, small strings only. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length];
}

/** The closest value within a third of its length (at least 2 edits), else undefined. */
export function closest(typed: string, values: readonly string[]): string | undefined {
  const t = normaliseChoice(typed);
  let best: { value: string; d: number } | undefined;
  for (const value of values) {
    const d = value.startsWith(t) && t.length >= 3 ? 0.5 : editDistance(t, value);
    if (d <= Math.max(2, Math.floor(value.length / 3)) && (!best || d < best.d)) best = { value, d };
  }
  return best?.value;
}

export type ChoiceMatch<T extends string> = { ok: true; value: T } | { ok: false; suggestion?: T };

export function matchChoice<T extends string>(typed: string, values: readonly T[]): ChoiceMatch<T> {
  const exact = values.find((v) => v === typed);
  if (exact) return { ok: true, value: exact };
  const t = normaliseChoice(typed);
  const loose = values.find((v) => normaliseChoice(v) === t);
  if (loose) return { ok: true, value: loose };
  return { ok: false, suggestion: closest(typed, values) as T | undefined };
}
