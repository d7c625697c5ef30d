/** Tables for what Sockets costs where nobody debugs: page loads, an unwatched stream, memory bounds. */
import type { BoundTrial } from './bounds';
import { FRAMES, PAGES, medianOf, type LoadConfig } from './page-load';
import { fixed, int, mark, mib, table } from './table';
import type { UnwatchedFigures } from './unwatched';
import type { ScriptStart } from './script-start';
import type { WorkerFigures } from './workers';
import { median, pairedRatio } from './stats';
import { DEFAULT_LIMITS } from '../src/core/limits';

export function pageLoadTable(configs: LoadConfig[], rounds: number, starts: ScriptStart[] = []): string {
  const floor = configs.find((c) => c.id === 'floor')!;
  const rows: string[][] = [];
  for (const kind of PAGES) {
    for (const c of configs) {
      const load = medianOf(c, kind, 'loadMs');
      const heap = medianOf(c, kind, 'heap');
      const isSockets = c.messages !== undefined;
      const ratio = medianOf(floor, kind, 'loadMs') / load;
      const perFrame = (heap - medianOf(floor, kind, 'heap')) / FRAMES[kind];
      rows.push([
        rows.length && rows.at(-1)![0] === kind ? '' : kind, c.label, fixed(load, 1), mib(heap),
        isSockets ? `${fixed(ratio)} (goal >= 0.98 ${mark(ratio >= 0.98)})` : '',
        isSockets ? `${int(perFrame)} B (goal <= 20,000 ${mark(perFrame <= 20_000)})` : '',
      ]);
    }
  }
  const counts = configs.filter((c) => c.messages !== undefined).map((c) =>
    `${c.label}: ${int(c.messages!)} runtime messages/ports to the extension, ${int(c.workerStarts!)} service-worker starts over ${rounds * PAGES.length} loads (goal 0 ${mark(c.messages === 0)})`);
  return [
    `5. Page loads without sockets — ${rounds} interleaved rounds, medians; DevTools closed. "frames": 20 iframes, every 4th cross-origin.`,
    table(['page', 'configuration', 'load event ms', 'JS heap', 'floor ÷ Sockets load', 'heap over floor per frame'], rows, 2),
    'JS heap: the page renderer\'s isolate plus the cross-origin frames\' renderer, after GC (V8 + ArrayBuffers + DOM).',
    ...counts,
    ...(starts.length
      ? [
        `Each per-frame script's start, run as a fresh page's script without the extension (compile included), ${rounds * 2} interleaved rounds:`,
        table(['script', 'bytes', 'median ms', 'mean ms'], starts.map((s) => [s.script, int(s.bytes), fixed(s.medianMs, 1), fixed(s.meanMs, 2)]), 1),
      ]
      : []),
  ].join('\n');
}

export function unwatchedTable(u: UnwatchedFigures): string {
  const rows = u.samples.map(([t, heap, n]) => [`${t} s`, int(n), mib(heap), mib(heap - u.before)]);
  const mid = u.samples.find(([t]) => t === u.seconds / 2) ?? u.samples[0];
  const last = u.samples.at(-1)!;
  const plateau = last[1] - u.before <= DEFAULT_LIMITS.unwatchedBytes;
  return [
    `6. Unwatched tab — ${int(u.rate)} msg/s of ${u.size} B for ${u.seconds} s, DevTools closed (default bounds: 200 first messages per socket, last 10,000 / 16 MiB)`,
    table(['time', 'received', 'page heap', 'over the page before'], rows, 1),
    `growth from ${mid[0]} s to ${last[0]} s: ${mib(last[1] - mid[1])}; heap over the page before at the end ${mib(last[1] - u.before)} (goal <= 16 MiB ${mark(plateau)})`,
    `then DevTools + Sockets panel opened: socket shows ${int(u.panel.messages)} messages, ${int(u.panel.notKept)} not kept; grid: "${u.panel.gapText}" (${int(u.panel.openMs)} ms to show)`,
  ].join('\n');
}

export function boundsTable(trials: BoundTrial[]): string {
  const rows = trials.map((t) => {
    const page = t.pageGrowth / t.bound;
    const panel = t.panelGrowth !== undefined ? t.panelGrowth / t.bound : NaN;
    return [
      t.stream, t.mode, mib(t.bound), int(t.received), mib(t.pageGrowth), `${fixed(page)} ${mark(page <= 1.1)}`,
      t.panelGrowth !== undefined ? mib(t.panelGrowth) : '', t.panelGrowth !== undefined ? `${fixed(panel)} ${mark(panel <= 1.1)}` : '',
    ];
  });
  return [
    '7. Memory bounds — streams past the bound; heap growth after GC (V8 + ArrayBuffer backing + DOM), not the estimate. Goal: ≤ 1.10 × bound.',
    table(['stream', 'mode', 'bound', 'received', 'page heap growth', 'page ÷ bound', 'panel heap growth', 'panel ÷ bound'], rows, 2),
  ].join('\n');
}

export function workersTable(w: WorkerFigures): string {
  const a = w.configs.find((c) => c.id === 'A')!;
  const rows = w.configs.map((c) => [
    c.label, fixed(median(c.loopMs), 1), fixed(median(c.echoMs), 1),
    c.id === 'A' ? '' : `${fixed(median(c.loopMs) / median(a.loopMs))} (paired ${fixed(pairedRatio(c.loopMs, a.loopMs))})`,
    c.id === 'A' ? '' : `${fixed(median(c.echoMs) / median(a.echoMs))} (paired ${fixed(pairedRatio(c.echoMs, a.echoMs))})`,
  ]);
  return [
    `Workers. A dedicated worker's socket sends ${int(w.n)} messages of ${w.size} B in one loop, then waits for every echo — ${w.rounds} interleaved rounds, medians; DevTools open in every configuration (the Sockets panel shown where there is one).`,
    table(['configuration', 'send loop ms', 'last echo ms', 'loop ÷ no extension', 'last echo ÷ no extension'], rows, 1),
    'Worker capture off is the floor (Chrome: the opt-in not granted, nothing runs in the worker).',
  ].join('\n');
}
