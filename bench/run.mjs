// `npm run bench` entry (package.json: "npm run build:chrome && node bench/run.mjs"): runs the
// TypeScript bench (main.ts) under tsx, in a child node so that tsx's loader is registered first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
