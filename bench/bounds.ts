/**
 * Memory bounds under streams past them: 1 KB texts, 1 MiB and 16 MiB binaries. Watched: DevTools
 * and the Sockets panel open with a configured byte bound (BENCH_BOUND_MIB, default 64 MiB) for the
 * relay and the panel; unwatched: DevTools closed, the default unwatched bound (16 MiB). Reads the
 * page's heap (and the panel's) after GC: V8 heap + ArrayBuffer backing stores + DOM heap, never
 * the extension's own estimate. Goal: growth within 10% of the bound.
 */
import type { Frame, Page } from 'puppeteer-core';
import { launch, mainTab, showSocketsPanel, type BenchBrowser } from './browser';
import { frameSession, usedHeap } from './heap';
import { snippet } from './snippet';
import { DEFAULT_LIMITS } from '../src/core/limits';

export interface Stream {
  name: string;
  rate: number;
  size: number;
  binary: boolean;
  seconds: number;
}

export const STREAMS: Stream[] = [
  { name: 'text 1 KB × 5,000/s', rate: 5000, size: 1000, binary: false, seconds: 20 },
  { name: 'binary 1 MiB × 20/s', rate: 20, size: 1 << 20, binary: true, seconds: 20 },
  { name: 'binary 16 MiB × 1/s', rate: 1, size: 16 << 20, binary: true, seconds: 20 },
];

export interface BoundTrial {
  stream: string;
  mode: 'watched' | 'unwatched';
  bound: number;
  received: number;
  pageGrowth: number;
  panelGrowth?: number;
}

async function setLimits(b: BenchBrowser, limits: object): Promise<void> {
  const target = await b.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${b.extensionId}`));
  const worker = await target.worker();
  // Right after launch the worker's global scope may not have its extension API yet.
  await worker!.evaluate(`new Promise((resolve) => {
    const set = () => (typeof chrome === 'undefined' ? setTimeout(set, 50) : resolve(chrome.storage.local.set(${JSON.stringify({ limits })})));
    set();
  })`);
}

async function trial(page: Page, panel: Frame | undefined, origin: string, stream: Stream): Promise<Pick<BoundTrial, 'received' | 'pageGrowth' | 'panelGrowth'>> {
  await page.goto(`${origin}/plain?bounds=${encodeURIComponent(stream.name)}&${Date.now()}`, { waitUntil: 'load' });
  const session = await page.createCDPSession();
  const pageBefore = await usedHeap(session);
  const panelBefore = panel ? await usedHeap(frameSession(panel)) : NaN;
  const received = (await page.evaluate(snippet('stream', { rate: stream.rate, size: stream.size, binary: stream.binary ? 1 : 0, seconds: stream.seconds }))) as number;
  // The panel may lag behind a flood: what waits in its queue is not what it keeps. The page closes
  // its socket after the stream; the panel has caught up when it shows the socket closed.
  if (panel) await panel.waitForFunction(`document.querySelector('[data-socket-url*="/push"][data-state="closed"]') !== null`, { timeout: 300_000 });
  const pageGrowth = (await usedHeap(session)) - pageBefore;
  await session.detach();
  return { received, pageGrowth, ...(panel ? { panelGrowth: (await usedHeap(frameSession(panel))) - panelBefore } : {}) };
}

export async function measureBounds(origin: string, log: (line: string) => void): Promise<BoundTrial[]> {
  const bound = Number(process.env.BENCH_BOUND_MIB ?? 64) * 1048576;
  const out: BoundTrial[] = [];
  const modes = (process.env.BENCH_BOUNDS_MODES ?? 'unwatched,watched').split(',') as BoundTrial['mode'][];
  for (const mode of modes) {
    const b = await launch({ extension: true, devtools: false });
    try {
      if (mode === 'watched') await setLimits(b, { maxBytes: bound });
      const page = await mainTab(b, `${origin}/plain?bounds-start`);
      const panel = mode === 'watched' ? await showSocketsPanel(await page.openDevTools(), b.extensionId, 120_000) : undefined;
      for (const stream of STREAMS) {
        const r = await trial(page, panel, origin, stream);
        const t: BoundTrial = { stream: stream.name, mode, bound: mode === 'watched' ? bound : DEFAULT_LIMITS.unwatchedBytes, ...r };
        out.push(t);
        log(`bounds ${mode} ${stream.name}: ${r.received} received, page heap +${(r.pageGrowth / 1048576).toFixed(1)} MiB` +
          (r.panelGrowth !== undefined ? `, panel heap +${(r.panelGrowth / 1048576).toFixed(1)} MiB` : ''));
      }
    } finally {
      await b.close();
    }
  }
  return out;
}
