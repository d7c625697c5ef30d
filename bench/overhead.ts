/**
 * Section 1, page overhead: the same floods in every configuration, interleaved round by round
 * (A,B,C,D,E, A,B,...) so that machine noise hits all alike; medians of the page-side time.
 */
import type { Harness, MemoryReading, RunOutcome } from './configs';
import { median, pairedRatio } from './stats';
import type { Workload } from './types';

export interface ConfigFigures {
  id: string;
  label: string;
  /** Page-side ms of each round. */
  samples: number[];
  medianMs: number;
  /** Messages (sent + received) per second at the median. */
  msgPerSec: number;
  /** Page main-thread task ms (page + content scripts) of each round, and their median. */
  busySamples: number[];
  busyMs: number;
  /** CPU ms of the page renderer and of the whole browser per round, and their medians. */
  pageCpuSamples: number[];
  pageCpuMs: number;
  totalCpuSamples: number[];
  totalCpuMs: number;
  /** Last run's extra observations (panel counts for E, CDP frame count for C). */
  last?: Pick<RunOutcome, 'panel' | 'cdpFrames'>;
  /** E only: ms from the first send until the panel showed every message, per round. */
  panelDoneMs?: number[];
  /** E only: ms from the first send until every payload in the panel was whole, per round. */
  panelWholeMs?: number[];
  /** Page renderer memory before and after the last round's flood. */
  pageHeap?: MemoryReading;
}

export interface Ratio {
  /** Throughput with ÷ throughput without, from the medians. */
  value: number;
  /** Median of the per-round ratios. */
  paired: number;
  goal: number;
  pass: boolean;
}

export interface OverheadFigures {
  workload: Workload;
  configs: Record<string, ConfigFigures>;
  /** B vs A (DevTools closed), E vs D (DevTools open). */
  ratios: Record<string, Ratio>;
  /**
   * Extra cost of our capture (B−A) ÷ that of Chrome's CDP capture (C−A), goal < 1: by page time
   * (elapsed medians) and by CPU of the whole browser (medians).
   */
  oursVsChrome?: { oursMs: number; chromeMs: number; value: number; pass: boolean; oursCpuMs: number; chromeCpuMs: number; cpuValue: number; cpuPass: boolean };
}

export async function measureOverhead(
  harnesses: Harness[], loads: Workload[], rounds: number, panelTimeoutMs: number,
  log: (line: string) => void,
): Promise<OverheadFigures[]> {
  const figures = loads.map((workload): OverheadFigures => ({
    workload,
    ratios: {},
    configs: Object.fromEntries(harnesses.map((h) => [h.spec.id, { id: h.spec.id, label: h.spec.label, samples: [], medianMs: NaN, msgPerSec: NaN, busySamples: [], busyMs: NaN, pageCpuSamples: [], pageCpuMs: NaN, totalCpuSamples: [], totalCpuMs: NaN }])),
  }));
  for (let r = 1; r <= rounds; r++) {
    for (const f of figures) {
      const line: string[] = [];
      // Each round starts one configuration later: none always runs right after the same other.
      const order = harnesses.map((_, i) => harnesses[(i + r - 1) % harnesses.length]);
      for (const h of order) {
        const out = await h.run(f.workload, panelTimeoutMs, r === rounds);
        const c = f.configs[h.spec.id];
        c.samples.push(out.elapsed);
        c.busySamples.push(out.busyMs);
        c.pageCpuSamples.push(out.pageCpuMs);
        c.totalCpuSamples.push(out.totalCpuMs);
        c.last = { panel: out.panel, cdpFrames: out.cdpFrames };
        if (out.pageHeap) c.pageHeap = out.pageHeap;
        if (out.panel) {
          (c.panelDoneMs ??= []).push(out.panel.epoch - out.startEpoch);
          (c.panelWholeMs ??= []).push(out.panel.wholeEpoch - out.startEpoch);
        }
        line.push(`${h.spec.id} ${Math.round(out.elapsed)}${out.panel ? ` (panel ${out.panel.messages}/${2 * f.workload.n})` : ''}`);
      }
      log(`round ${r}/${rounds} ${f.workload.name}: ${line.join(', ')} ms`);
    }
  }
  for (const f of figures) {
    for (const c of Object.values(f.configs)) {
      c.medianMs = median(c.samples);
      c.busyMs = median(c.busySamples);
      c.pageCpuMs = median(c.pageCpuSamples);
      c.totalCpuMs = median(c.totalCpuSamples);
      c.msgPerSec = (2 * f.workload.n) / (c.medianMs / 1000);
    }
    const ratio = (withId: string, withoutId: string): Ratio | undefined => {
      const w = f.configs[withId], wo = f.configs[withoutId];
      if (!w || !wo) return undefined;
      const value = wo.medianMs / w.medianMs;
      return { value, paired: pairedRatio(wo.samples, w.samples), goal: f.workload.goal, pass: value >= f.workload.goal };
    };
    const ba = ratio('B', 'A');
    const ed = ratio('E', 'D');
    const bf = ratio('B', 'F');
    if (ba) f.ratios['B/A'] = ba;
    if (ed) f.ratios['E/D'] = ed;
    if (bf) f.ratios['B/F'] = { ...bf, goal: f.workload.floorGoal, pass: bf.value >= f.workload.floorGoal };
    const bg = ratio('B', 'G');
    if (bg) f.ratios['B/G'] = bg;
    const eh = ratio('E', 'H');
    if (eh) f.ratios['E/H'] = eh;
    const { A, B, C } = f.configs;
    if (A && B && C) {
      const oursMs = B.medianMs - A.medianMs;
      const chromeMs = C.medianMs - A.medianMs;
      const oursCpuMs = B.totalCpuMs - A.totalCpuMs;
      const chromeCpuMs = C.totalCpuMs - A.totalCpuMs;
      // A ratio means something only when Chrome's capture measurably costs.
      const ratio = (ours: number, chrome: number) => (chrome > 0 ? Math.max(0, ours) / chrome : NaN);
      f.oursVsChrome = {
        oursMs, chromeMs, value: ratio(oursMs, chromeMs), pass: oursMs < chromeMs,
        oursCpuMs, chromeCpuMs, cpuValue: ratio(oursCpuMs, chromeCpuMs), cpuPass: oursCpuMs < chromeCpuMs,
      };
    }
  }
  return figures;
}
