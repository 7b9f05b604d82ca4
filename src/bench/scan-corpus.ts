// The texts the leak gate scans for one register: every file of its site rendered in memory as
// `check` renders it, read as a reader sees it (reader-text.ts) with known case references masked,
// plus the file names. For the scan micro-bench (scan-bench.ts); nothing is written.
import { buildPublicView, candidateIdentities } from '../domain/public-view.js';
import { createRedactor, type CandidateIdentity } from '../domain/redaction.js';
import { readAsset, textReaderText } from '../render/asset-text.js';
import { isToolValue, maskReferences } from '../render/leak-gate.js';
import { planSite } from '../render/site.js';
import { readRegister } from '../store/register-store.js';
import { loadTemplates } from '../store/site-files.js';

export interface ScanCorpus {
  identities: CandidateIdentity[];
  texts: string[];
}

export async function siteScanCorpus(registerDir: string): Promise<ScanCorpus> {
  const register = await readRegister(registerDir);
  const identities = candidateIdentities(register);
  const view = buildPublicView(register, { redactor: createRedactor(identities) }).view;
  const templates = await loadTemplates(registerDir, registerDir);
  const known = new Set(view.cases.map((c) => c.reference));
  const texts: string[] = [];
  const add = (text: string) => texts.push(maskReferences(text, known).text);
  for (const f of planSite(view, templates)) {
    if (f.pieces) {
      for (const p of f.pieces()) add(textReaderText(f.path, `${p.before ?? ''}${p.text}${p.after ?? ''}`, [], isToolValue));
      continue;
    }
    const r = f.render();
    if (!r.toolName) add(f.path.replace(/[/_.]/g, ' '));
    if (r.toolContent) continue;
    if (typeof r.content === 'string') add(textReaderText(f.path, r.content, r.fixed, isToolValue));
    else {
      const reading = await readAsset(f.path, r.content);
      if ('parts' in reading) for (const p of reading.parts) add(p.text);
    }
  }
  return { identities, texts };
}
