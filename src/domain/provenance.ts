// What a value was made from, for values that are a pure function of it (issue 14, docs/decisions/
// 0042-page-keys-by-provenance.md). A public case is built from its entry files, the candidates'
// identity forms and the organisations (public-view.ts publicCase), and the public-case cache keys
// it by exactly those: two cases with the same key are the same case. A page key can then name the
// case by that key instead of walking and hashing its whole text on every run. Pure: a WeakMap.

const provenance = new WeakMap<object, string>();

/** Record that `value` is made, by a pure function, from inputs whose hash is `key`. */
export function setProvenance(value: object, key: string): void {
  provenance.set(value, key);
}

/** The key of what `value` was made from, when it was recorded. */
export function provenanceOf(value: object): string | undefined {
  return provenance.get(value);
}

/**
 * `copy` is made from `value` by a pure function named `how` (e.g. the publishable form): it is
 * made from what `value` was made from, and that function.
 */
export function deriveProvenance(value: object, copy: object, how: string): void {
  const key = provenance.get(value);
  if (key !== undefined) provenance.set(copy, `${how}:${key}`);
}
