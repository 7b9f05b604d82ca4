// Where a response's attachment is stored in its case folder.
/** attachments/<entry>-<name>, with unsafe characters replaced; `-2`, `-3`… before the extension when the name is taken. */
export function attachmentPath(entryId: string, name: string, taken: ReadonlySet<string>): string {
  const safe = name.replace(/[^\w.-]+/g, '_');
  const dot = safe.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
  for (let n = 1; ; n++) {
    const path = `attachments/${entryId}-${n === 1 ? safe : `${stem}-${n}${ext}`}`;
    if (!taken.has(path)) return path;
  }
}
