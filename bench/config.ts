/** Bench knobs, all overridable by environment variables. */
import type { Workload } from './types';

const int = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const list = (name: string, fallback: string): string[] =>
  (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);

export const config = {
  /**
   * Other builds of Sockets (e.g. from before a change), comma-separated: page loads and script
   * starts measure each; configurations G and H use the first.
   */
  compareExtensionDirs: list('BENCH_COMPARE_EXTENSION_DIR', ''),
  /** Interleaved rounds of the overhead runs (A,B,C,D,E, A,B,...). */
  rounds: int('BENCH_ROUNDS', 5),
  /** Configurations measured for page overhead (subset of A..E). */
  configs: list('BENCH_CONFIGS', 'A,B,C,D,E,F'),
  /** Sections to run ('synthetic': the pipeline ceiling alone, which 'capture' includes). */
  sections: list('BENCH_SECTIONS', 'overhead,capture,memory,panel,latency,pageload,workers,unwatched,bounds,firefox'),
  /** Input latency while ingesting (input-latency.ts): feed rate, msg/s, and rounds (each: two key presses and a click). */
  latencyRate: int('BENCH_LATENCY_RATE', 10_000),
  latencyTrials: int('BENCH_LATENCY_TRIALS', 20),
  /** Page-load rounds (pageload section). */
  loadRounds: int('BENCH_LOAD_ROUNDS', 15),
  /** Seconds of the unwatched stream (DevTools closed all along). */
  unwatchedSeconds: int('BENCH_UNWATCHED_S', 120),
  /**
   * Panel scale: synthetic sessions imported through the panel's HAR import. Just under 1M: the
   * panel's default bound is 1,000,000 events, and each session adds its socket's lifecycle events.
   */
  panelScale: list('BENCH_PANEL_SCALE', '100000,999990').map(Number),
  textMessages: int('BENCH_TEXT_N', 15_000),
  textSize: int('BENCH_TEXT_SIZE', 100),
  binaryMessages: int('BENCH_BINARY_N', 1_000),
  binarySize: int('BENCH_BINARY_SIZE', 64 * 1024),
  /** Messages kept in flight by the overhead floods. */
  inflight: int('BENCH_INFLIGHT', 100),
  /** Messages the page sends in the capture-throughput run (each is echoed). */
  captureMessages: int('BENCH_CAPTURE_N', 100_000),
  captureTrials: int('BENCH_CAPTURE_TRIALS', 1),
  /** Synthetic pipeline ceiling (synthetic.ts): messages per trial and target rates (0: unpaced). */
  syntheticMessages: int('BENCH_SYNTH_N', 200_000),
  syntheticRates: list('BENCH_SYNTH_RATES', '50000,100000,200000,0').map(Number),
  /** Message counts (sent; echoed doubles them) after which the panel heap is read. */
  memoryMessages: list('BENCH_MEMORY_N', '50000,100000').map(Number),
  /** How long to wait for the panel to show everything before calling messages lost. */
  panelTimeoutMs: int('BENCH_PANEL_TIMEOUT_MS', 120_000),
  /** Set BENCH_PROFILE=1 to record CPU profiles of an extension run (see profile.ts). */
  profile: process.env.BENCH_PROFILE === '1',
  resultsFile: new URL('./results.json', import.meta.url),
};

export const goals = {
  capturePerSecond: 50_000,
  /** A synthetic rate counts as sustained when the panel is done this soon after the last post. */
  sustainedLagMs: 250,
  /** Input to the frame that shows its effect, while ingesting (median and p95). */
  inputLatencyMs: 50,
};

export function workloads(): Workload[] {
  return [
    { name: `text ${config.textSize} B`, n: config.textMessages, size: config.textSize, binary: false, inflight: config.inflight, goal: 0.95, floorGoal: 0.98 },
    { name: `binary ${Math.round(config.binarySize / 1024)} KiB`, n: config.binaryMessages, size: config.binarySize, binary: true, inflight: config.inflight, goal: 0.9, floorGoal: 0.95 },
  ];
}
