/**
 * The Firefox section (BENCH_SECTIONS=firefox): what Sockets costs in Firefox ESR where nobody debugs,
 * DevTools closed, beside the same configurations without an extension and with the floors:
 *  - page loads without sockets (plain, 20 frames): load-event ms;
 *  - floods (text and binary, as in section 1): page-side ms from the first send to the last echo;
 *  - a send burst: µs per ws.send of a short text on an open socket (the send stand-in's cost);
 *  - an unwatched tab streaming 5,000 msg/s × 200 B: its content process's memory every 10 s.
 * Configurations run side by side (one browser each), interleaved round by round; medians.
 * Firefox has no per-page JS heap reading here: memory is the content process's (ChromeUtils.requestProcInfo).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxLaunched } from '../e2e/support/firefox';
import { median } from './stats';
import { snippet } from './snippet';
import type { Workload } from './types';

const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '..', 'extension', 'firefox');
const SCRIPT_DECL = { matches: ['<all_urls>'], run_at: 'document_start', all_frames: true, match_about_blank: true };

/** A Firefox MV3 extension with these two content scripts, declared as Sockets declares its own. */
function floorExtension(name: string, main: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sockets-bench-ff-${name}-`));
  writeFileSync(join(dir, 'main.js'), main);
  writeFileSync(join(dir, 'isolated.js'), '');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: `bench ${name}`, version: '1.0', host_permissions: ['<all_urls>'],
    browser_specific_settings: { gecko: { id: `bench-${name}@sockets.dev` } },
    content_scripts: [{ ...SCRIPT_DECL, js: ['main.js'], world: 'MAIN' }, { ...SCRIPT_DECL, js: ['isolated.js'] }],
  }));
  return dir;
}

interface Config {
  id: string;
  label: string;
  extensionDir?: string;
}

export interface FirefoxFigures {
  rounds: number;
  configs: { id: string; label: string }[];
  /** Per configuration: load ms per page kind, flood ms per workload, all rounds. */
  loads: Record<string, Record<string, number[]>>;
  floods: Record<string, Record<string, number[]>>;
  /** Per configuration: µs per send of a burst, all rounds. */
  sends: Record<string, number[]>;
  /** [seconds, content-process bytes, messages received] every 10 s of an unwatched stream, with Sockets and without. */
  unwatched: Record<string, { before: number; samples: [number, number, number][] }>;
}

const CONFIGS = (): Config[] => [
  { id: 'none', label: 'no extension' },
  { id: 'floor', label: 'empty content-script pair (floor)', extensionDir: floorExtension('pair', '') },
  { id: 'observer', label: 'minimal observer (floor for floods)', extensionDir: floorExtension('observer', readFileSync(new URL('./in-browser/minimal-observer.js', import.meta.url), 'utf8')) },
  { id: 'sockets', label: 'Sockets', extensionDir: copyOf(FIREFOX_EXTENSION_DIR) },
  // BENCH_FIREFOX_COMPARE_DIR: another Firefox build of Sockets (e.g. an earlier commit's) beside this one.
  ...(process.env.BENCH_FIREFOX_COMPARE_DIR ? [{ id: 'compare', label: 'Sockets, compared build', extensionDir: copyOf(resolve(process.env.BENCH_FIREFOX_COMPARE_DIR)) }] : []),
];

/** Firefox installs a temporary add-on from a directory it may keep reading: each run gets its own copy. */
function copyOf(dir: string): string {
  const to = mkdtempSync(join(tmpdir(), 'sockets-bench-ff-sockets-'));
  cpSync(dir, to, { recursive: true });
  return to;
}

interface Live {
  config: Config;
  ff: FirefoxLaunched;
  page: Page;
}

async function start(config: Config, origin: string): Promise<Live> {
  const ff = await launchFirefox(config.extensionDir ? { extensionDir: config.extensionDir } : { extension: false });
  const page = await ff.newPage();
  await page.goto(`${origin}/plain?start`);
  return { config, ff, page };
}

const loadMs = (page: Page) => page.evaluate(`performance.getEntriesByType('navigation')[0].loadEventStart`) as Promise<number>;

/** Memory of the content process that shows `origin`, after a GC everywhere (Fission: one process per site). */
async function processBytes(ff: FirefoxLaunched, origin: string): Promise<number> {
  return ff.chrome<number>(`(async () => {
    // Garbage collected and cycle-collected in every process first (about:memory's "Minimize memory usage").
    const mgr = Cc['@mozilla.org/memory-reporter-manager;1'].getService(Ci.nsIMemoryReporterManager);
    await new Promise((resolve) => mgr.minimizeMemoryUsage(resolve));
    const info = await ChromeUtils.requestProcInfo();
    const proc = info.children.find((c) => (c.windows || []).some((w) => String(w.documentURI && w.documentURI.spec || '').startsWith(${JSON.stringify(origin)})));
    return proc ? proc.memory : -1;
  })()`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureFirefox(origin: string, loads: Workload[], rounds: number, unwatchedSeconds: number, log: (line: string) => void): Promise<FirefoxFigures> {
  const configs = CONFIGS();
  const figures: FirefoxFigures = { rounds, configs: configs.map(({ id, label }) => ({ id, label })), loads: {}, floods: {}, sends: {}, unwatched: {} };
  const lives: Live[] = [];
  try {
    for (const c of configs) {
      lives.push(await start(c, origin));
      log(`firefox: started ${c.label}`);
    }
    // Warm-up: caches and lazy browser work are the same for all.
    for (const live of lives) for (const kind of ['plain', 'frames']) await live.page.goto(`${origin}/${kind}?warm`, { waitUntil: 'load' });
    for (let r = 1; r <= rounds; r++) {
      for (const kind of ['plain', 'frames']) {
        for (const live of lives) {
          await live.page.goto(`${origin}/${kind}?round=${r}`, { waitUntil: 'load' });
          ((figures.loads[live.config.id] ??= {})[kind] ??= []).push(await loadMs(live.page));
        }
      }
      if (r % 5 === 0 || r === rounds) log(`firefox page load round ${r}/${rounds}`);
    }
    for (const live of lives) await live.page.goto(`${origin}/?flood`, { waitUntil: 'load' });
    const floodRounds = Math.max(3, Math.ceil(rounds / 3));
    for (let r = 1; r <= floodRounds; r++) {
      for (const w of loads) {
        for (const live of lives) {
          const result = (await live.page.evaluate(`flood(${JSON.stringify({ n: w.n, size: w.size, binary: w.binary, inflight: w.inflight })})`)) as { elapsed: number };
          ((figures.floods[live.config.id] ??= {})[w.name] ??= []).push(result.elapsed);
        }
      }
      log(`firefox flood round ${r}/${floodRounds}`);
    }
    // Short: many rounds, so that each configuration's median rests on more than a busy moment.
    for (let r = 1; r <= 4 * floodRounds; r++) {
      for (const live of lives) (figures.sends[live.config.id] ??= []).push((await live.page.evaluate('sendBurst(20000)')) as number);
    }
    log('firefox send bursts done');
  } finally {
    for (const live of lives) await live.ff.close();
  }
  // An unwatched tab, with Sockets and without: the content process must plateau.
  for (const c of [configs[0], configs[3]]) {
    const live = await start(c, origin);
    try {
      await live.page.goto(`${origin}/plain?unwatched`, { waitUntil: 'load' });
      const before = await processBytes(live.ff, origin);
      const t0 = Date.now();
      const done = live.page.evaluate(snippet('stream', { rate: 5000, size: 200, seconds: unwatchedSeconds }));
      const samples: [number, number, number][] = [];
      for (let t = 10; t <= unwatchedSeconds; t += 10) {
        await sleep(t0 + t * 1000 - Date.now());
        samples.push([t, await processBytes(live.ff, origin), (await live.page.evaluate('window.received')) as number]);
      }
      await done;
      figures.unwatched[c.id] = { before, samples };
      log(`firefox unwatched (${c.label}): ${samples.map(([t, b]) => `${t} s ${(b / 1048576).toFixed(0)} MiB`).join(', ')}`);
    } finally {
      await live.ff.close();
    }
  }
  return figures;
}

export const firefoxMedian = (xs: number[] | undefined) => median(xs ?? []);
