/**
 * BENCH_PROFILE=1, second view: a browser-wide Chrome trace (devtools.timeline categories) while a
 * flood runs, summed per process and event name. It splits what CPU profiles show as "(program)"
 * into style, layout, paint, IPC, GC... Nested events are both counted (a Layout inside a
 * FunctionCall counts in each): read the totals as "time spent inside", not as shares.
 */
import type { CDPSession } from 'puppeteer-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string; labels?: string };
}

export interface TraceSummary {
  process: string;
  thread: string;
  /** Total wall time of RunTask events on that thread (ms): how busy it was. */
  busyMs: number;
  top: { name: string; ms: number }[];
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'toplevel', 'blink.user_timing', 'ipc', 'mojom', 'extensions'];

export async function traced(browserSession: CDPSession, work: () => Promise<unknown>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: TraceEvent[] }) => events.push(...e.value);
  browserSession.on('Tracing.dataCollected', collect);
  await browserSession.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordContinuously' }, transferMode: 'ReportEvents' });
  try {
    await work();
  } finally {
    const complete = new Promise<void>((resolve) => browserSession.once('Tracing.tracingComplete', () => resolve()));
    await browserSession.send('Tracing.end');
    await complete;
    browserSession.off('Tracing.dataCollected', collect);
  }
  return events;
}

export function summarizeTrace(events: TraceEvent[], labels: Map<number, string> = new Map(), topN = 12): TraceSummary[] {
  const processName = new Map<number, string>(labels);
  const threadName = new Map<string, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'process_labels' && e.args?.labels && !labels.has(e.pid)) processName.set(e.pid, `${processName.get(e.pid) ?? ''} ${e.args.labels}`.trim());
    if (e.name === 'process_name' && e.args?.name && !processName.has(e.pid)) processName.set(e.pid, e.args.name);
    if (e.name === 'thread_name' && e.args?.name) threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const byThread = new Map<string, { busy: number; names: Map<string, number> }>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const key = `${e.pid}:${e.tid}`;
    const t = byThread.get(key) ?? { busy: 0, names: new Map<string, number>() };
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') t.busy += e.dur;
    t.names.set(e.name, (t.names.get(e.name) ?? 0) + e.dur);
    byThread.set(key, t);
  }
  return [...byThread]
    .map(([key, t]) => {
      const [pid] = key.split(':').map(Number);
      return {
        process: `${processName.get(pid) ?? 'process'} (pid ${pid})`,
        thread: threadName.get(key) ?? key,
        busyMs: t.busy / 1000,
        top: [...t.names].filter(([n]) => !/RunTask/.test(n)).sort((a, b) => b[1] - a[1]).slice(0, topN).map(([name, us]) => ({ name, ms: us / 1000 })),
      };
    })
    .filter((s) => s.busyMs > 50 && /Main|CrRendererMain|ServiceWorker|Worker|CrBrowserMain|IO/.test(s.thread))
    .sort((a, b) => b.busyMs - a.busyMs);
}

export function formatTrace(title: string, summaries: TraceSummary[]): string {
  const lines = [`Trace [${title}] — busy threads (RunTask wall ms) and the events inside them (nested events overlap)`];
  for (const s of summaries) {
    lines.push(`\n${s.process} / ${s.thread}: ${Math.round(s.busyMs)} ms busy`);
    for (const t of s.top) lines.push(`  ${t.ms.toFixed(0).padStart(7)} ms  ${t.name}`);
  }
  return lines.join('\n');
}
