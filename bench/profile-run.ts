/**
 * BENCH_PROFILE=1: CPU profiles of A, B, D and E floods and of E's capture burst (profile.ts), then
 * browser-wide traces of an E text flood and burst (trace.ts). Output: text for the report, the
 * summaries for results.json, .cpuprofile files under bench/profiles/.
 */
import { measureCapture } from './capture';
import { frameSession } from './heap';
import { processOf } from './process';
import { config, workloads } from './config';
import type { Harness } from './configs';
import { profiled, formatProfiles, type ProfileSummary } from './profile';
import { formatTrace, summarizeTrace, traced, type TraceSummary } from './trace';

export async function runProfiles(
  harness: (id: string) => Promise<Harness>, log: (line: string) => void,
): Promise<{ text: string; profiles: ProfileSummary[]; traces: Record<string, TraceSummary[]> }> {
  const dir = new URL('./profiles/', import.meta.url);
  const [text, binary] = workloads();
  const burstN = Math.min(config.captureMessages, 50_000);
  const profiles: ProfileSummary[] = [];
  for (const id of ['A', 'B', 'D', 'E']) {
    const h = await harness(id);
    for (const w of [text, binary]) {
      log(`profiling ${id} ${w.name}`);
      profiles.push(...(await profiled(h, w.name.replace(/\W+/g, '-'), dir, () => h.run(w, config.panelTimeoutMs))));
    }
  }
  const e = await harness('E');
  log(`profiling E capture burst of ${burstN}`);
  profiles.push(...(await profiled(e, 'capture-burst', dir, () => measureCapture(e, {}, [burstN], config.textSize, config.panelTimeoutMs, log))));

  const traces: Record<string, TraceSummary[]> = {};
  const labels = new Map<number, string>([
    [await processOf(e.session, e.browserSession), 'page renderer (page + hook + relay)'],
    [await processOf(frameSession(e.panel!), e.browserSession), 'extension renderer (Sockets panel, service worker)'],
    [await processOf(await e.devtools!.createCDPSession(), e.browserSession), 'DevTools front-end renderer'],
  ]);
  const out = [formatProfiles(profiles)];
  for (const [name, work] of [
    [`E ${text.name}`, () => e.run(text, config.panelTimeoutMs)],
    [`E ${binary.name}`, () => e.run(binary, config.panelTimeoutMs)],
    [`E capture burst of ${burstN}`, () => measureCapture(e, {}, [burstN], config.textSize, config.panelTimeoutMs, log)],
  ] as const) {
    log(`tracing ${name}`);
    traces[name] = summarizeTrace(await traced(e.browserSession, work), labels);
    out.push(formatTrace(name, traces[name]));
  }
  return { text: out.join('\n\n'), profiles, traces };
}

