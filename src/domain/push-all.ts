// `target.push(...items)` passes every item as an argument, and V8 runs out of stack at about
// 120,000 of them: a site of 100,000 cases has 200,000 case pages, and a register of that size
// can have as many findings. Appending one at a time has no limit.

/** Append every item of `items` to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
