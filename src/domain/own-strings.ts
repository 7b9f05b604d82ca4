// Strings that own their characters (issue 14, docs/decisions/0041-check-and-build-memory.md). V8 makes a
// substring of 13 characters or more a *slice* of its source (SlicedString::kMinLength), and both
// YAML readers return every scalar as a substring of the file's text. One field kept anywhere (a
// case's question in the public view, an id in the audit) then keeps the whole file alive: at
// 10,000 cases the public view held 18 MB of entry files that way while the site was rendered, and
// an entry id such as `response-z6as` (13) had kept a third of the audit's heap (ADR 0035).
// Pure.

/** Below this length V8 copies a substring already. */
const MIN_SLICE_LENGTH = 13;

/**
 * A copy of `s` that is not a slice of a larger string. `(' ' + s).slice(1)` flattens a
 * two-part string into a new one of s's length + 1 and slices that: the source is let go. It is
 * the cheapest copy measured (0.33 µs for 400 characters against 0.56 µs through a Buffer).
 */
export function ownString(s: string): string {
  return s.length < MIN_SLICE_LENGTH ? s : (' ' + s).slice(1);
}

/**
 * `value` with every string in it (in plain objects and arrays, keys aside) replaced by its own
 * copy, in place; returns `value`. For what a parser just made, before anything else holds it.
 */
export function ownStrings<T>(value: T): T {
  if (typeof value === 'string') return ownString(value) as T;
  if (value === null || typeof value !== 'object') return value;
  // YAML aliases make shared and even self-containing values (`set: &a {x: *a}`): each object once.
  const seen = new WeakSet<object>([value]);
  const stack: object[] = [value];
  const visit = (v: object) => {
    if (!seen.has(v)) seen.add(v), stack.push(v);
  };
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === 'string') node[i] = ownString(v);
        else if (v !== null && typeof v === 'object') visit(v);
      }
      continue;
    }
    const proto = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== null) continue;
    const record = node as Record<string, unknown>;
    for (const key in record) {
      const v = record[key];
      if (typeof v === 'string') record[key] = ownString(v);
      else if (v !== null && typeof v === 'object') visit(v);
    }
  }
  return value;
}
