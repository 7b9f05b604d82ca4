// What `check` adds about the register's files themselves (issue 10): links and special files
// where evenhand reads (templates/ and its other folders; cases and candidates are reported while
// they are read), and every attachment against the size and sha256 its response records.
import { join } from 'node:path';
import type { Finding } from '../domain/findings.js';
import type { Register } from '../domain/register-model.js';
import { attachmentFindings } from './attachments.js';
import { linkFinding, pathKind } from './contained.js';
import { registerTemplateFiles } from './site-files.js';
import { pushAll } from '../domain/push-all.js';

/** Files at the top of the register that evenhand reads or writes besides register.yaml, cases/ and candidates/. */
const OTHER_OWN_PATHS = ['schemas', '.gitignore'];

export async function containmentFindings(registerDir: string, register: Register): Promise<Finding[]> {
  const out = [...registerTemplateFiles(registerDir).findings];
  for (const rel of OTHER_OWN_PATHS) if (pathKind(join(registerDir, rel)) === 'link') out.push(linkFinding(rel));
  pushAll(out, attachmentFindings(registerDir, register));
  return out;
}
