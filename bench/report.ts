/** Prints the bench's figures as tables, goals next to them. */
import type { CaptureTrial } from './capture';
import { goals } from './config';
import type { PageHeapFigure } from './memory';
import type { OverheadFigures } from './overhead';
import type { SyntheticTrial } from './synthetic';
import { FILTER_ROUNDS, type PanelScaleTrial } from './panel-scale';
import { fixed, int, mark, mib, table } from './table';
import { median } from './stats';

/** Which configuration each one is compared with in the ratio column. */
const BASELINE: Record<string, string> = { B: 'A', C: 'A', D: 'A', E: 'D', F: 'A', G: 'A', H: 'D' };

export function overheadTable(figures: OverheadFigures[], rounds: number): string {
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const f of figures) {
    for (const c of Object.values(f.configs)) {
      const base = f.configs[BASELINE[c.id]];
      const ratioKey = `${c.id}/${BASELINE[c.id]}`;
      const goal = f.ratios[ratioKey];
      const ratio = base ? base.medianMs / c.medianMs : NaN;
      rows.push([
        rows.length && rows.at(-1)![0] === f.workload.name ? '' : f.workload.name,
        `${c.id} ${c.label}`,
        int(c.medianMs), int(c.msgPerSec), int(c.pageCpuMs), int(c.totalCpuMs),
        base ? `${fixed(ratio)} vs ${base.id}` : '',
        goal ? fixed(goal.paired) : '',
        goal ? `>= ${fixed(goal.goal)} ${mark(goal.pass)}` : '',
      ]);
    }
    if (f.oursVsChrome) {
      const o = f.oursVsChrome;
      notes.push(`${f.workload.name}: ours vs Chrome's capture (goal < 1) — page time (B−A) ${int(o.oursMs)} ms ÷ (C−A) ${int(o.chromeMs)} ms = ${fixed(o.value)} ${mark(o.pass)};` +
        ` browser CPU (B−A) ${int(o.oursCpuMs)} ms ÷ (C−A) ${int(o.chromeCpuMs)} ms = ${fixed(o.cpuValue)} ${mark(o.cpuPass)}`);
    }
    const other = f.ratios['B/G'];
    if (other) notes.push(`${f.workload.name}: this build ÷ the other build (throughput B ÷ G) ${fixed(other.value)}, paired ${fixed(other.paired)}; page CPU B ${int(f.configs.B.pageCpuMs)} ms vs G ${int(f.configs.G.pageCpuMs)} ms`);
    const otherOpen = f.ratios['E/H'];
    if (otherOpen) notes.push(`${f.workload.name}: this build ÷ the other build, DevTools open + Sockets panel (throughput E ÷ H) ${fixed(otherOpen.value)}, paired ${fixed(otherOpen.paired)}`);
    const floor = f.ratios['B/F'];
    if (floor) {
      notes.push(`${f.workload.name}: Sockets ÷ minimal observer floor, DevTools closed (throughput B ÷ F) ${fixed(floor.value)}, paired ${fixed(floor.paired)}` +
        ` (goal >= ${fixed(floor.goal)} ${mark(floor.pass)}); page CPU B ${int(f.configs.B.pageCpuMs)} ms vs F ${int(f.configs.F.pageCpuMs)} ms`);
    }
    const e = f.configs.E;
    if (e?.last?.panel) {
      notes.push(`${f.workload.name}: E panel showed ${e.last.panel.messages}/${2 * f.workload.n} messages (last round), ${e.last.panel.dropped} dropped;` +
        ` from the first send, all rows shown after ${int(median(e.panelDoneMs ?? []))} ms and all payloads whole after ${int(median(e.panelWholeMs ?? []))} ms (medians)`);
    }
  }
  return [
    `1. Page overhead — page-side time of a pipelined echo flood, median of ${rounds} interleaved rounds (msg/s = sent + received)`,
    table(['workload', 'configuration', 'median ms', 'msg/s', 'page CPU ms', 'browser CPU ms', 'throughput ratio', 'paired', 'goal'], rows, 2),
    'page CPU ms: CPU time of the page\'s renderer process (page + hook + relay); browser CPU ms: of all the browser\'s processes',
    '(incl. service worker, panel, DevTools front-end) until every observer caught up. Medians; CPU time is less sensitive to machine load.',
    'paired: median of the per-round ratios (each round ran all configurations back to back).',
    ...notes,
  ].join('\n');
}

export function captureTable(trials: CaptureTrial[], synthetic: SyntheticTrial[]): string {
  const rows = trials.map((t) => [
    int(t.sent), int(t.expected), int(t.shown), int(t.lost), int(t.pageMs), int(t.endToEndMs), int(t.panelLagMs),
    int(t.msgPerSec), `>= ${int(goals.capturePerSecond)} ${mark(t.msgPerSec >= goals.capturePerSecond && t.lost === 0)}`,
    t.pageOnlyMsgPerSec ? int(t.pageOnlyMsgPerSec) : '', t.devtoolsOnlyMsgPerSec ? int(t.devtoolsOnlyMsgPerSec) : '',
  ]);
  return [
    '2. Capture throughput — E: page sends N × 100 B at once, echoed; until the Sockets panel shows all 2N',
    table(['sent', 'expected', 'in panel', 'lost', 'page ms', 'end-to-end ms', 'panel lag ms', 'msg/s', 'goal', 'A msg/s', 'D msg/s'], rows, 0),
    'A / D msg/s: the same burst without the extension (page-side): DevTools closed — the ceiling of page + server on',
    'this machine; DevTools open — the ceiling left by Chrome\'s own DevTools capture (the Sockets panel needs DevTools open).',
    ...(synthetic.length ? ['', syntheticTable(synthetic)] : []),
  ].join('\n');
}

function syntheticTable(trials: SyntheticTrial[]): string {
  const sustained = (t: SyntheticTrial) => t.lost === 0 && t.lagMs <= goals.sustainedLagMs;
  const rows = trials.map((t) => [
    t.rate ? int(t.rate) : 'unpaced', int(t.postedPerSec), int(t.shown), int(t.lost), int(t.endToEndMs), int(t.lagMs), int(t.msgPerSec),
    sustained(t) ? 'yes' : 'no',
  ]);
  // Sustained: paced trials only (the unpaced one is a burst).
  const best = Math.max(0, ...trials.filter((t) => t.rate > 0 && sustained(t)).map((t) => Math.min(t.postedPerSec, t.msgPerSec)));
  const burst = trials.find((t) => t.rate === 0);
  return [
    `2b. Pipeline ceiling — ${int(trials[0].messages)} synthetic 100 B messages per trial posted from the content-script world as relay batches`,
    '    in the wire format (packEvents: messages as columns),',
    '    every 16 ms → service worker → Sockets panel: no page, network or relay work.',
    table(['target msg/s', 'posted msg/s', 'in panel', 'lost', 'end-to-end ms', 'lag ms', 'msg/s', `sustained (lag <= ${goals.sustainedLagMs} ms)`], rows, 0),
    `highest sustained (paced) rate: ${int(best)} msg/s (goal >= ${int(goals.capturePerSecond)}: ${mark(best >= goals.capturePerSecond)})` +
      (burst ? `; unpaced burst: ${int(burst.msgPerSec)} msg/s end to end, ${int(burst.lost)} lost` : ''),
  ].join('\n');
}

export function memoryTable(pageHeaps: PageHeapFigure[], trials: CaptureTrial[]): string {
  const pageRows = pageHeaps.map((h) => [h.workload, `${h.config} ${h.label}`, mib(h.after), mib(h.growth), int(h.perMessage), mib(h.rssGrowth), int(h.rssPerMessage)]);
  const panelRows = trials.map((t) => [
    int(t.shown), mib(t.panelHeap.empty), mib(t.panelHeap.after), int(t.panelHeap.perMessage),
    mib(t.pageHeap.after), int(t.pageHeap.perMessage), int(t.pageHeap.rssPerMessage),
  ]);
  return [
    '3. Memory — heap: V8 + ArrayBuffer backing + DOM heap after GC; RSS: the process\'s private resident memory (RssAnon),',
    '   which also holds what V8 does not count (e.g. base64 strings made by btoa). Page renderer = main world + content scripts (relay history).',
    table(['workload', 'configuration', 'page heap after', 'heap growth', 'heap B/msg', 'RSS growth', 'RSS B/msg'], pageRows, 2),
    '',
    table(['messages in panel', 'empty panel heap', 'panel heap after', 'panel B/msg', 'page heap after', 'page heap B/msg', 'page RSS B/msg'], panelRows, 0),
  ].join('\n');
}

export function panelScaleTable(trials: PanelScaleTrial[]): string {
  const rows = trials.flatMap((t) =>
    t.filters.map((f, i) => [
      i === 0 ? int(t.messages) : '', i === 0 ? fixed(t.fileMiB, 1) : '', i === 0 ? int(t.importMs) : '', i === 0 ? int(t.ingestRenderMs) : '', i === 0 ? int(t.decodedAfterMs) : '',
      i === 0 ? `${int(t.bytesPerMessage)} (goal <= ${t.payloadBytesPerMessage + 300}) ${mark(t.bytesPerMessage <= t.payloadBytesPerMessage + 300)}` : '',
      f.query, int(f.matched), `${int(f.scanMs)} (max ${int(f.maxMs)})${t.messages >= 990_000 ? ` (goal <= 100) ${mark(f.scanMs <= 100)}` : ''}`,
    ]),
  );
  return [
    '4. Panel scale — synthetic Socket.IO sessions imported as HAR into the real Sockets panel',
    table(['messages', 'HAR MiB', 'import ms', 'shown after ms', 'all decoded after ms', 'panel heap B/msg', 'filter', 'matched', `filter scan ms, median of ${FILTER_ROUNDS}`], rows, 0),
  ].join('\n');
}
