// Writes store-ready zips of both builds into dist/:
//   dist/sockets-chrome-<version>.zip   (Chrome Web Store: upload as is)
//   dist/sockets-firefox-<version>.zip  (addons.mozilla.org: upload as is; lint it first)
// Run after `npm run build` (or pass --build to build both first).
// Uses web-ext's `build` for both: it zips the directory with manifest.json at the root and
// leaves out dotfiles, node_modules and source maps. Nothing is signed here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import webExt from 'web-ext';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const browsers = ['chrome', 'firefox'];

if (process.argv.includes('--build')) {
  for (const browser of browsers) {
    const r = spawnSync('npx', ['vite', 'build', '--mode', browser], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

mkdirSync(dist, { recursive: true });
for (const browser of browsers) {
  const sourceDir = join(root, 'extension', browser);
  const manifestPath = join(sourceDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.error(`missing ${manifestPath}: run \`npm run build:${browser}\` first (or pass --build)`);
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const filename = `sockets-${browser}-${version}.zip`;
  const { extensionPath } = await webExt.cmd.build(
    { sourceDir, artifactsDir: dist, filename, overwriteDest: true, ignoreFiles: ['**/*.map'] },
    { shouldExitProgram: false, showReadyMessage: false },
  );
  console.log(`${browser}: ${extensionPath} (${(statSync(extensionPath).size / 1024).toFixed(1)} KiB)`);
}
