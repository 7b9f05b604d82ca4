// Bundles the compiled CLI (dist/cli.js and everything it imports, lazily loaded commands
// included) into dist/bundle/, one chunk per lazily loaded part. Loading one file instead of the
// hundreds that zod, yaml and commander are made of halves the start-up of a write command
// (docs/decisions/0007-bundle-the-cli.md).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// zod's classic API re-exports all of its ~60 translated error-message locales (360 kB of the
// bundle, parsed on every start); evenhand only ever uses English, which zod configures itself.
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: join(root, 'node_modules', 'zod', 'v4', 'locales'),
    }));
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });

// The build's identity: a hash of the compiled code and the shipped templates. Caches in
// .git/evenhand/cache/ written by any other build are ignored (src/store/cache-store.ts).
function hashTree(h, dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== outdir) hashTree(h, p);
    } else if (e.isFile()) h.update(p.slice(root.length)).update(readFileSync(p));
  }
}
const stamp = createHash('sha256');
for (const d of ['dist', 'templates', 'presets']) hashTree(stamp, join(root, d));
const buildStamp = stamp.digest('hex').slice(0, 16);
await build({
  entryPoints: [join(root, 'dist', 'cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Browser tooling is for tests only; never part of the CLI.
  external: ['playwright-core', 'axe-core'],
  // Some dependencies are CommonJS and call require(); give ESM chunks a require.
  banner: { js: "import { createRequire as __evenhandRequire } from 'node:module'; const require = __evenhandRequire(import.meta.url);" },
  plugins: [englishOnlyZod],
  define: { __EVENHAND_BUILD__: JSON.stringify(buildStamp) },
  logLevel: 'warning',
});
