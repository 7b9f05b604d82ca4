// `evenhand preview` (issue 13): build into a temporary folder, serve it on the loopback address,
// rebuild when the register changes, remove it all on Ctrl-C. Run as a user would: the built CLI
// in a child process, talked to over HTTP on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, makeRegister, run, testEnv } from './helpers.js';
import { resolveSitePath } from '../src/store/static-server.js';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './helpers.js';

interface Preview {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function startPreview(reg: string, args: string[] = []): Promise<Preview> {
  const child = spawn(process.execPath, [BIN, '-r', reg, 'preview', '--port', '0', ...args], { env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return new Promise((ok, fail) => {
    const look = () => {
      const m = /preview of the disclosure log at (http:\/\/127\.0\.0\.1:\d+)\/index\.html/.exec(out);
      if (m) {
        child.stdout!.off('data', look);
        ok({ child, url: m[1], output: () => out, exited });
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => fail(new Error(`preview exited ${code}: ${out}`)));
  });
}

/** Ask again until the page says what we wait for (a rebuild is asynchronous); no clock judges it. */
async function fetchUntil(url: string, wanted: (body: string) => boolean, tries = 200): Promise<string> {
  let body = '';
  for (let i = 0; i < tries; i++) {
    const res = await fetch(url).catch(() => null);
    body = res && res.ok ? await res.text() : '';
    if (wanted(body)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  return body;
}

describe('evenhand preview', () => {
  it('serves the built log on 127.0.0.1, rebuilds when a request is recorded, and removes itself on Ctrl-C', async () => {
    const { reg, alex } = await makeRegister({ initArgs: ['--review', 'off'] }); // a new request shows at once: no approval step in this test
    const preview = await startPreview(reg);
    try {
      const first = await fetch(`${preview.url}/index.html`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await first.text()).toContain('No requests have been received yet.');
      expect((await fetch(`${preview.url}/assets/style.css`)).status).toBe(200);

      const r = await run(['-r', reg, 'request', '--json', '--candidate', alex, '--received', '2024-04-29', '--channel', 'email', '--category', 'budget', '--subject', 'Overtime budget', '--text', 'How much was spent on overtime?']);
      expect(r.code, r.stderr).toBe(0);
      const id = JSON.parse(r.stdout).id as string;
      const page = await fetchUntil(`${preview.url}/index.html`, (b) => b.includes(id));
      expect(page).toContain(`cases/${id}.html`);
      expect(page).not.toContain('Alex Morgan');
      expect((await fetch(`${preview.url}/cases/${id}.html`)).status).toBe(200);
    } finally {
      preview.child.kill('SIGINT');
    }
    expect(await preview.exited).toBe(0);
    expect(preview.output()).toContain('preview stopped and removed');
  });

  it('answers only GET and HEAD, and nothing outside the site', async () => {
    const { reg } = await makeRegister();
    const preview = await startPreview(reg, ['--no-watch']);
    try {
      expect((await fetch(`${preview.url}/index.html`, { method: 'POST' })).status).toBe(405);
      expect((await fetch(`${preview.url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
      expect((await fetch(`${preview.url}/no-such-page.html`)).status).toBe(404);
      expect((await fetch(`${preview.url}/index.html`, { method: 'HEAD' })).status).toBe(200);
    } finally {
      preview.child.kill('SIGINT');
    }
    expect(await preview.exited).toBe(0);
  });

  it('refuses a host that is not this machine, and a port that is not a port, before building anything', async () => {
    const { reg } = await makeRegister();
    const host = await run(['-r', reg, 'preview', '--host', '0.0.0.0']);
    expect(host.code).toBe(2);
    expect(host.stderr).toContain('--host 0.0.0.0');
    const port = await run(['-r', reg, 'preview', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port eighty');
  });
});

describe('which file a preview URL names', () => {
  it('stays inside the site folder: no parent paths, no links out, no folders', async () => {
    const root = await tempDir();
    const site = join(root, 'site');
    await mkdir(join(site, 'cases'), { recursive: true });
    await writeFile(join(site, 'index.html'), 'index');
    await writeFile(join(root, 'secret.txt'), 'secret');
    await symlink(join(root, 'secret.txt'), join(site, 'linked.txt'));
    expect(await resolveSitePath(site, '/')).toBe(join(site, 'index.html'));
    expect(await resolveSitePath(site, '/index.html?x=1#top')).toBe(join(site, 'index.html'));
    expect(await resolveSitePath(site, '/../secret.txt')).toBeNull();
    expect(await resolveSitePath(site, '/%2e%2e/secret.txt')).toBeNull();
    expect(await resolveSitePath(site, '/linked.txt')).toBeNull();
    expect(await resolveSitePath(site, '/cases')).toBeNull();
    expect(await resolveSitePath(site, '/%E0%A4%A')).toBeNull();
    expect(existsSync(join(site, 'index.html'))).toBe(true);
  });
});
