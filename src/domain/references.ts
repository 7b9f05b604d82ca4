// Reference rules that every reading command enforces: files named after their ids,
// every case and candidate reference resolves, ids unique (issue 2 "Under stress and bad input").
import type { Finding } from './findings.js';
import { caseFolder, entryFile, type Register } from './register-model.js';

export function referenceFindings(register: Register): Finding[] {
  const findings: Finding[] = [];
  const push = (f: Omit<Finding, 'code' | 'severity'>) => findings.push({ code: 'reference', severity: 'error', ...f });

  for (const [id, c] of register.candidates) {
    const expected = `candidates/${c.value.id}.yaml`;
    if (c.file !== expected)
      push({ file: c.file, line: c.lines.id, path: 'id', message: `id "${c.value.id}" does not match the file name`, hint: `rename the file to ${expected} or fix the id` });
    void id;
  }

  for (const c of register.cases.values()) {
    // A case is found by its id: in the month of its id (or, in older registers, at cases/<id>).
    if (c.folder !== caseFolder(c.id) && c.folder !== `cases/${c.id}`)
      push({ file: `${c.folder}/`, case: c.id, message: `case ${c.id} is filed in ${c.folder}/, not in the month of its id`, hint: `move the folder to ${caseFolder(c.id)}/ (git mv)` });
    if (!c.request) {
      const first = c.entries[0];
      if (first)
        push({ file: `${c.folder}/request.yaml`, case: c.id, message: `case ${c.id} has entries but no request.yaml`, hint: 'every case starts with its request; restore request.yaml from git history' });
    } else {
      const r = c.request;
      if (r.value.id !== c.id)
        push({ file: r.file, line: r.lines.id, case: c.id, path: 'id', message: `id "${r.value.id}" does not match its folder ${c.folder}/`, hint: 'the request id is the case id' });
      if (!register.candidates.has(r.value.candidate))
        push({
          file: r.file,
          line: r.lines.candidate,
          case: c.id,
          path: 'candidate',
          message: `unknown candidate "${r.value.candidate}"`,
          hint: 'use an id from `evenhand candidate list`, or add the candidate first with `evenhand candidate add`',
        });
    }
    const seen = new Set<string>();
    for (const e of c.entries) {
      const v = e.value;
      if (v.case !== c.id)
        push({ file: e.file, line: e.lines.case, case: c.id, path: 'case', message: `names case "${v.case}" but is filed under ${c.folder}/`, hint: 'move the file to its case folder or fix the case id' });
      const expected = entryFile(c.folder, c.id, v.id);
      if (e.file !== expected)
        push({ file: e.file, line: e.lines.id, case: c.id, path: 'id', message: `id "${v.id}" does not match the file name`, hint: `the file must be named ${expected}` });
      if (seen.has(v.id)) push({ file: e.file, line: e.lines.id, case: c.id, path: 'id', message: `id "${v.id}" is used twice in case ${c.id}` });
      seen.add(v.id);
      if (!v.id.startsWith(`${v.kind}-`))
        push({ file: e.file, line: e.lines.id, case: c.id, path: 'id', message: `a ${v.kind} id must start with "${v.kind}-"` });
      if (v.kind === 'response')
        v.offered_to.forEach((cand, i) => {
          if (!register.candidates.has(cand))
            push({ file: e.file, line: e.lines.offered_to, case: c.id, path: `offered_to[${i}]`, message: `unknown candidate "${cand}"`, hint: 'use an id from `evenhand candidate list`' });
        });
    }
  }
  return findings;
}
