// Runs the e2e suites with node's test runner (one file at a time: each launches its own browser).
// A test that hangs fails after 5 minutes instead of holding the whole run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const suites = (process.env.E2E_SUITES ?? 'chromium').split(',');
const files = suites.flatMap((s) => readdirSync(`e2e/${s}`).filter((f) => f.endsWith('.test.ts')).map((f) => `e2e/${s}/${f}`));
const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=300000', '--test-reporter=spec', ...process.argv.slice(2), ...files];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
