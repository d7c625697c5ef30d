/**
 * Page loads without sockets: a plain page and a page with 20 iframes (every 4th cross-origin).
 * Load-event time and JS heap with no extension, with the content-script pair (the floor: what
 * any extension declared like ours costs) and with Sockets, interleaved round by round; medians.
 * Counts what Sockets sends to its background meanwhile (goal: nothing) and service-worker starts.
 * BENCH_COMPARE_EXTENSION_DIR adds other builds of Sockets, comma-separated (e.g. before a change).
 */
import type { Page } from 'puppeteer-core';
import { launch, mainTab, type BenchBrowser } from './browser';
import { contentScriptPairDir } from './floors';
import { config } from './config';
import { frameSession, usedHeap } from './heap';
import { snippet } from './snippet';
import { median } from './stats';

export interface LoadConfig {
  id: string;
  label: string;
  /** Per page: load-event ms and heap bytes of each round. */
  samples: Record<string, { loadMs: number[]; heap: number[] }>;
  /** Sockets builds only: runtime messages and ports the extension received, and worker starts. */
  messages?: number;
  workerStarts?: number;
}

export const PAGES = ['plain', 'frames'] as const;
/** Frames of each page, the top one included. */
export const FRAMES: Record<(typeof PAGES)[number], number> = { plain: 1, frames: 21 };

interface Live {
  config: LoadConfig;
  b: BenchBrowser;
  page: Page;
  counter?: Page;
}

async function start(config: LoadConfig, origin: string, opts: { extension: boolean; extensionDir?: string; sockets: boolean }): Promise<Live> {
  // Without the back-forward cache: the page loaded before (the other kind) would count in this one's heap.
  const b = await launch({ extension: opts.extension, devtools: false, extensionDir: opts.extensionDir, noBackForwardCache: true });
  const page = await mainTab(b, `${origin}/plain?start`);
  const live: Live = { config, b, page };
  if (opts.sockets) {
    live.counter = await b.browser.newPage();
    await live.counter.goto(`chrome-extension://${b.extensionId}/src/devtools/devtools.html`);
    await live.counter.evaluate(snippet('count-extension-traffic'));
    config.messages = 0;
    config.workerStarts = 0;
    b.browser.on('targetcreated', (t) => {
      if (t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${b.extensionId}`)) config.workerStarts!++;
    });
    await page.bringToFront();
  }
  return live;
}

async function load(live: Live, origin: string, kind: string, round: number): Promise<void> {
  await live.page.goto(`${origin}/${kind}?round=${round}`, { waitUntil: 'load' });
  const loadMs = (await live.page.evaluate(`performance.getEntriesByType('navigation')[0].loadEventStart`)) as number;
  const session = await live.page.createCDPSession();
  let heap = await usedHeap(session);
  await session.detach();
  // The cross-origin frames live in one other renderer (one site): its heap counts once.
  const cross = live.page.frames().find((f) => f.url().startsWith('http://localhost:'));
  if (cross) heap += await usedHeap(frameSession(cross));
  const s = (live.config.samples[kind] ??= { loadMs: [], heap: [] });
  s.loadMs.push(loadMs);
  s.heap.push(heap);
}

export async function measurePageLoad(origin: string, rounds: number, log: (line: string) => void): Promise<LoadConfig[]> {
  const configs: { config: LoadConfig; extension: boolean; extensionDir?: string; sockets: boolean }[] = [
    { config: { id: 'none', label: 'no extension', samples: {} }, extension: false, sockets: false },
    { config: { id: 'floor', label: 'empty content-script pair (floor)', samples: {} }, extension: true, extensionDir: contentScriptPairDir(), sockets: false },
    { config: { id: 'sockets', label: 'Sockets', samples: {} }, extension: true, sockets: true },
  ];
  config.compareExtensionDirs.forEach((dir, i) => configs.push({ config: { id: `compare${i + 1}`, label: `Sockets, ${dir}`, samples: {} }, extension: true, extensionDir: dir, sockets: true }));
  const lives: Live[] = [];
  try {
    for (const c of configs) lives.push(await start(c.config, origin, c));
    // A warm-up load each: caches, code caches and lazy browser work are the same for all.
    for (const live of lives) for (const kind of PAGES) await live.page.goto(`${origin}/${kind}?warm`, { waitUntil: 'load' });
    for (const live of lives) if (live.counter) await live.counter.evaluate('received.length = 0');
    for (const live of lives) if (live.config.workerStarts !== undefined) live.config.workerStarts = 0;
    for (let r = 1; r <= rounds; r++) {
      for (const kind of PAGES) for (const live of lives) await load(live, origin, kind, r);
      if (r % 5 === 0 || r === rounds) log(`page load round ${r}/${rounds}`);
    }
    for (const live of lives) if (live.counter) live.config.messages = (await live.counter.evaluate('received.length')) as number;
  } finally {
    for (const live of lives) await live.b.close();
  }
  return configs.map((c) => c.config);
}

export const medianOf = (c: LoadConfig, kind: string, what: 'loadMs' | 'heap') => median(c.samples[kind]?.[what] ?? []);
