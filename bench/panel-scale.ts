/**
 * Panel scale: synthetic sessions of 100k and 1M Socket.IO messages go into the real DevTools
 * Sockets panel through its HAR import, then: time to ingest and render, filters over all rows
 * (text, /regex/, decoded field; the panel's own `sockets:filter` User Timing entries), and the
 * panel's JS heap per message.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { launchChromium, openPanelFor } from '../e2e/support/chromium';
import { startServer } from '../e2e/support/server';
import { count, until } from '../e2e/support/panel';
import { writeSyntheticHar } from '../e2e/support/synthetic';
import { median } from './stats';

export const FILTER_ROUNDS = 5;

export interface PanelScaleTrial {
  messages: number;
  fileMiB: number;
  /** Parse + validate + build (the panel's `sockets:import` entry). */
  importMs: number;
  /** From choosing the file until the status bar shows every row. */
  ingestRenderMs: number;
  /** From choosing the file until idle-time decoding has decoded every row. */
  decodedAfterMs: number;
  /** Per query: the median scan of FILTER_ROUNDS, and the slowest. */
  filters: { query: string; matched: number; scanMs: number; maxMs: number }[];
  heapBefore: number;
  heapAfter: number;
  bytesPerMessage: number;
  payloadBytesPerMessage: number;
}

const FILTERS = ['synthetic message 4242', '/"n":\\d*777,/', 'event:chat', 'latency:>100'];

async function panelHeap(frame: Frame, context: Parameters<typeof openPanelFor>[0]['context']): Promise<number> {
  const cdp = await context.newCDPSession(frame);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

const lastMeasure = (frame: Frame, name: string) =>
  frame.evaluate((n) => {
    const entries = performance.getEntriesByName(n);
    const e = entries[entries.length - 1] as PerformanceMeasure | undefined;
    return e ? { duration: e.duration, count: entries.length, detail: e.detail as { matched?: number } | null } : null;
  }, name);

export async function measurePanelScale(sizes: number[], log: (line: string) => void): Promise<PanelScaleTrial[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-panel-'));
  const server = await startServer({ '/scale': '<!doctype html><title>scale</title>' });
  const trials: PanelScaleTrial[] = [];
  try {
    for (const n of sizes) {
      const file = join(dir, `synthetic-${n}.har`);
      writeSyntheticHar(file, n, 'socketio');
      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.origin}/scale?n=${n}`);
        const { panel } = await openPanelFor(browser, page);
        const heapBefore = await panelHeap(panel, browser.context);
        const t0 = Date.now();
        await panel.setInputFiles('[data-role=import-file]', file);
        await until(() => count(panel, 'shown-count'), (c) => c === n + 3, `${n} rows shown`, 300_000);
        const ingestRenderMs = Date.now() - t0;
        const importMs = (await lastMeasure(panel, 'sockets:import'))?.duration ?? NaN;
        const importStart = await panel.evaluate(() => performance.getEntriesByName('sockets:import').at(-1)!.startTime);
        // The page's own sockets may have been decoded (and marked) before the import began.
        const decodedAt = await until(
          () => panel.evaluate(() => performance.getEntriesByName('sockets:decoded').at(-1)?.startTime ?? 0),
          (t) => t > importStart,
          'idle decoding done',
          300_000,
        );
        const decodedAfterMs = decodedAt - importStart;
        const heapAfter = await panelHeap(panel, browser.context);
        // Every query once a round, FILTER_ROUNDS rounds: the median of each.
        const samples = new Map<string, { matched: number; ms: number[] }>();
        for (let round = 0; round < FILTER_ROUNDS; round++) {
          for (const query of FILTERS) {
            const before = (await lastMeasure(panel, 'sockets:filter'))?.count ?? 0;
            await panel.fill('[aria-label=Filter]', query);
            const m = await until(() => lastMeasure(panel, 'sockets:filter'), (e) => (e?.count ?? 0) > before, `filter ${query}`, 300_000);
            const s = samples.get(query) ?? { matched: m!.detail?.matched ?? -1, ms: [] };
            s.ms.push(m!.duration);
            samples.set(query, s);
            log(`panel ${n}: filter ${query} → ${m!.detail?.matched} rows in ${m!.duration.toFixed(0)} ms`);
          }
        }
        const filters: PanelScaleTrial['filters'] = FILTERS.map((query) => {
          const { matched, ms } = samples.get(query)!;
          return { query, matched, scanMs: median(ms), maxMs: Math.max(...ms) };
        });
        await panel.fill('[aria-label=Filter]', '');
        const payload = 45; // the synthetic frames average ~45 bytes of UTF-8 text
        trials.push({
          messages: n, fileMiB: statSync(file).size / 1048576, importMs, ingestRenderMs, decodedAfterMs, filters,
          heapBefore, heapAfter, bytesPerMessage: (heapAfter - heapBefore) / n, payloadBytesPerMessage: payload,
        });
        log(`panel ${n}: import ${importMs.toFixed(0)} ms, shown after ${ingestRenderMs} ms, decoded after ${decodedAfterMs.toFixed(0)} ms, heap ${((heapAfter - heapBefore) / n).toFixed(0)} B/msg`);
      } finally {
        await browser.close();
        rmSync(file, { force: true });
      }
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return trials;
}
