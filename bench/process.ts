/** Browser processes seen from outside: which one hosts a target, their CPU time, their memory. */
import { readFileSync } from 'node:fs';
import type { CDPSession } from 'puppeteer-core';

type ProcessInfo = { type: string; id: number; cpuTime: number };

/** CPU seconds used so far by each of the browser's processes (browser, renderers, network, GPU...). */
export async function cpuTimes(browserSession: CDPSession): Promise<Map<number, number>> {
  const { processInfo } = (await browserSession.send('SystemInfo.getProcessInfo')) as unknown as { processInfo: ProcessInfo[] };
  return new Map(processInfo.map((p) => [p.id, p.cpuTime]));
}

/** CPU ms between two cpuTimes() readings: of one process, or of all (a process new since `a` counts from 0). */
export function cpuMsBetween(a: Map<number, number>, b: Map<number, number>, pid?: number): number {
  if (pid !== undefined) return b.has(pid) && a.has(pid) ? (b.get(pid)! - a.get(pid)!) * 1000 : NaN;
  let total = 0;
  for (const [p, t] of b) total += t - (a.get(p) ?? 0);
  return total * 1000;
}

/**
 * The OS process behind a CDP session (a page or a frame): it burns ~300 ms of CPU there and picks
 * the renderer whose CPU time grew most (CDP does not say which process hosts a target).
 */
export async function processOf(session: CDPSession, browserSession: CDPSession): Promise<number> {
  const cpu = async () => {
    const { processInfo } = (await browserSession.send('SystemInfo.getProcessInfo')) as unknown as { processInfo: ProcessInfo[] };
    return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
  };
  const before = await cpu();
  await session.send('Runtime.evaluate', { expression: 'for (const t = performance.now(); performance.now() - t < 300;);' });
  const after = await cpu();
  let best = -1;
  let grew = -1;
  for (const [pid, t] of after) {
    const d = t - (before.get(pid) ?? 0);
    if (d > grew) [best, grew] = [pid, d];
  }
  return best;
}

/** Private anonymous resident memory (RssAnon, bytes) of a process: V8, Blink and allocator pages. */
export function privateMemory(pid: number): number {
  try {
    const m = /RssAnon:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}
