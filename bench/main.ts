/**
 * `npm run bench`: page overhead, capture throughput and memory of the Sockets extension in
 * headless Chromium. Prints tables and writes bench/results.json. Never asserts timings.
 * Knobs: see config.ts (BENCH_ROUNDS, BENCH_CONFIGS, BENCH_SECTIONS, BENCH_TEXT_N, ...).
 * Input latency while ingesting only: BENCH_SECTIONS=latency; the pipeline ceiling only: BENCH_SECTIONS=synthetic.
 * Firefox ESR (page loads, floods, an unwatched tab; DevTools closed): BENCH_SECTIONS=firefox.
 * Only what Sockets costs where nobody debugs: BENCH_SECTIONS=pageload,unwatched,bounds (and the
 * floods against the minimal observer floor: BENCH_SECTIONS=overhead BENCH_CONFIGS=A,B,F).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dropExtensionSnapshot, CHROMIUM_PATH } from './browser';
import { measureCapture, type CaptureTrial } from './capture';
import { config, workloads } from './config';
import { CONFIGS, Harness } from './configs';
import { pageHeapFigures } from './memory';
import { measureOverhead, type OverheadFigures } from './overhead';
import type { ProfileSummary } from './profile';
import { runProfiles } from './profile-run';
import type { TraceSummary } from './trace';
import { captureTable, memoryTable, overheadTable, panelScaleTable } from './report';
import { startEchoServer } from './server';
import { measureSynthetic, type SyntheticTrial } from './synthetic';
import { measurePanelScale, type PanelScaleTrial } from './panel-scale';
import { measurePageLoad, type LoadConfig } from './page-load';
import { measureScriptStarts, type ScriptStart } from './script-start';
import { measureUnwatched, type UnwatchedFigures } from './unwatched';
import { measureBounds, type BoundTrial } from './bounds';
import { boundsTable, pageLoadTable, unwatchedTable, workersTable } from './report-idle';
import { measureWorkers, type WorkerFigures } from './workers';
import { measureInputLatency, type LatencyFigures } from './input-latency';
import { latencyTable } from './report-latency';
import { measureFirefox, type FirefoxFigures } from './firefox';
import { firefoxTable } from './report-firefox';

const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const has = (section: string) => config.sections.includes(section);

const server = await startEchoServer();
const harnesses: Harness[] = [];
let overhead: OverheadFigures[] = [];
let capture: CaptureTrial[] = [];
let synthetic: SyntheticTrial[] = [];
let panelScale: PanelScaleTrial[] = [];
const profiles: ProfileSummary[] = [];
let traces: Record<string, TraceSummary[]> = {};
let profileText = '';
let pageLoad: LoadConfig[] = [];
let scriptStarts: ScriptStart[] = [];
let workers: WorkerFigures | undefined;
let unwatched: UnwatchedFigures | undefined;
let bounds: BoundTrial[] = [];
let latency: LatencyFigures | undefined;
let firefox: FirefoxFigures | undefined;
try {
  const ids = has('overhead') ? config.configs : [];
  if ((has('capture') || has('synthetic') || has('latency')) && !ids.includes('E')) ids.push('E');
  for (const id of ids) {
    harnesses.push(await new Harness(CONFIGS[id], server.origin).start());
    log(`started ${id} (${CONFIGS[id].label})`);
  }
  const byId = (id: string) => harnesses.find((h) => h.spec.id === id);

  if (has('overhead')) {
    overhead = await measureOverhead(harnesses.filter((h) => config.configs.includes(h.spec.id)), workloads(), config.rounds, config.panelTimeoutMs, log);
  }
  if (has('capture')) {
    const sizes = [...new Set([...config.memoryMessages, config.captureMessages])].sort((a, b) => a - b);
    for (let t = 1; t < config.captureTrials; t++) sizes.push(config.captureMessages);
    capture = await measureCapture(byId('E')!, { a: byId('A'), d: byId('D') }, sizes, config.textSize, config.panelTimeoutMs, log);
  }
  if (has('capture') || has('synthetic')) {
    synthetic = await measureSynthetic(byId('E')!, config.syntheticMessages, config.syntheticRates, config.textSize, config.panelTimeoutMs, log);
  }
  if (has('latency')) latency = await measureInputLatency(byId('E')!, config.latencyRate, config.latencyTrials, config.textSize, log);
  if (has('panel')) panelScale = await measurePanelScale(config.panelScale, log);
  if (has('pageload')) {
    pageLoad = await measurePageLoad(server.origin, config.loadRounds, log);
    scriptStarts = await measureScriptStarts(server.origin, config.loadRounds * 2, log);
  }
  if (has('workers')) workers = await measureWorkers(server.origin, config.rounds, log);
  if (has('unwatched')) unwatched = await measureUnwatched(server.origin, config.unwatchedSeconds, log);
  if (has('bounds')) bounds = await measureBounds(server.origin, log);
  if (has('firefox')) firefox = await measureFirefox(server.origin, workloads(), config.loadRounds, config.unwatchedSeconds, log);
  if (config.profile) {
    const harness = async (id: string) => byId(id) ?? harnesses[harnesses.push(await new Harness(CONFIGS[id], server.origin).start()) - 1];
    const r = await runProfiles(harness, log);
    profileText = r.text;
    profiles.push(...r.profiles);
    traces = r.traces;
  }
} finally {
  for (const h of harnesses) await h.close();
  server.stop();
  dropExtensionSnapshot();
}

const pageHeaps = pageHeapFigures(overhead);
const out: string[] = [];
if (overhead.length) out.push(overheadTable(overhead, config.rounds));
if (capture.length || synthetic.length) out.push(captureTable(capture, synthetic));
if (latency) out.push(latencyTable(latency));
if (has('memory')) out.push(memoryTable(pageHeaps, capture));
if (panelScale.length) out.push(panelScaleTable(panelScale));
if (pageLoad.length) out.push(pageLoadTable(pageLoad, config.loadRounds, scriptStarts));
if (workers) out.push(workersTable(workers));
if (unwatched) out.push(unwatchedTable(unwatched));
if (bounds.length) out.push(boundsTable(bounds));
if (firefox) out.push(firefoxTable(firefox, workloads()));
if (profileText) out.push(profileText);
console.log('\n' + out.join('\n\n'));

const environment = {
  date: new Date().toISOString(),
  chromium: CHROMIUM_PATH,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  node: process.version,
  durationS: Math.round((Date.now() - started) / 1000),
};
writeFileSync(config.resultsFile, JSON.stringify({ environment, config: { ...config, resultsFile: undefined }, overhead, capture, synthetic, pageHeaps, panelScale, latency, pageLoad, scriptStarts, workers, unwatched, bounds, firefox, profiles, traces }, null, 2) + '\n');
log(`wrote ${config.resultsFile.pathname}`);
