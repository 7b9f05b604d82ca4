// A small read-only web server for `evenhand preview`: serves one folder on the loopback address.
// Only GET and HEAD, only regular files inside the folder (no `..`, no symlinks followed out of it),
// so a preview never exposes anything but the site it built.
import { createServer, type Server } from 'node:http';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names inside root, or null when it is outside root or not a regular file. */
export async function resolveSitePath(root: string, urlPath: string): Promise<string | null> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const base = await realpath(root);
  const file = resolve(base, `.${path.startsWith('/') ? path : `/${path}`}`);
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    const s = await lstat(file);
    if (!s.isFile()) return null;
    // A link anywhere on the way would already have been refused by the build; make sure.
    if ((await realpath(file)) !== file) return null;
  } catch {
    return null;
  }
  return file;
}

/** Serve root on host:port (port 0 picks a free one); resolves once listening. */
export function serveFolder(root: () => string, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const file = await resolveSitePath(root(), req.url ?? '/');
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      const body = await readFile(file).catch(() => null);
      if (!body) {
        // Replaced by a rebuild between the look-up and the read: ask again.
        res.writeHead(503, { 'Retry-After': '1' }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch(() => res.writeHead(500).end());
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}
