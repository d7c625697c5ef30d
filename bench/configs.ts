/**
 * The five measured configurations, each one live browser with one tab, and how a flood runs in
 * each: a fresh document per run, the same settle before and after for all.
 */
import type { CDPSession, Frame, Page } from 'puppeteer-core';
import { devtoolsWindow, launch, mainTab, showSocketsPanel, type BenchBrowser } from './browser';
import { frameSession, usedHeap } from './heap';
import { cpuMsBetween, cpuTimes, privateMemory, processOf } from './process';
import { waitForPanelEmpty, waitForPanelMessages, type PanelCounts } from './panel';
import type { FloodOptions, FloodResult } from './types';
import { minimalObserverDir } from './floors';
import { config } from './config';

export interface ConfigSpec {
  id: string;
  label: string;
  extension: boolean;
  devtools: boolean;
  /** Chrome's own capture: a CDP session with Network.enable on the page. */
  cdpNetwork: boolean;
  /** Another extension than this build (the bench's floors, or another Sockets build). */
  extensionDir?: () => string;
  /** DevTools shows the Sockets panel (a Sockets build with DevTools open). */
  panel?: true;
}

export const CONFIGS: Record<string, ConfigSpec> = {
  A: { id: 'A', label: 'no extension, DevTools closed', extension: false, devtools: false, cdpNetwork: false },
  B: { id: 'B', label: 'extension, DevTools closed', extension: true, devtools: false, cdpNetwork: false },
  C: { id: 'C', label: 'CDP Network.enable, no extension', extension: false, devtools: false, cdpNetwork: true },
  D: { id: 'D', label: 'no extension, DevTools open', extension: false, devtools: true, cdpNetwork: false },
  E: { id: 'E', label: 'extension, DevTools open + Sockets panel', extension: true, devtools: true, cdpNetwork: false, panel: true },
  F: { id: 'F', label: 'minimal observer floor, DevTools closed', extension: true, devtools: false, cdpNetwork: false, extensionDir: minimalObserverDir },
  /** Another build of Sockets, e.g. from before a change: BENCH_COMPARE_EXTENSION_DIR (BENCH_CONFIGS=A,B,G). */
  G: { id: 'G', label: 'other Sockets build, DevTools closed', extension: true, devtools: false, cdpNetwork: false, extensionDir: () => compareDir() },
  /** The same with DevTools open and its Sockets panel shown (BENCH_CONFIGS=E,H): what a change costs the panel. */
  H: { id: 'H', label: 'other Sockets build, DevTools open + Sockets panel', extension: true, devtools: true, cdpNetwork: false, extensionDir: () => compareDir(), panel: true },
};

function compareDir(): string {
  const dir = config.compareExtensionDirs[0];
  if (!dir) throw new Error('configurations G and H need BENCH_COMPARE_EXTENSION_DIR (another build of extension/chrome)');
  return dir;
}

/**
 * Memory of one process around a flood: `before`/`after` are V8 heap + backing stores + DOM heap
 * after GC (heap.ts usedHeap); `rssBefore`/`rssAfter` its private resident memory (RssAnon), which
 * also sees what V8 does not count, e.g. the relay's base64 strings (Blink-external).
 */
export interface MemoryReading {
  before: number;
  after: number;
  rssBefore: number;
  rssAfter: number;
}

export interface RunOutcome extends FloodResult {
  /** Page main-thread task time during the flood (Performance metrics TaskDuration; wall time inside tasks), ms. */
  busyMs: number;
  /** CPU ms of the page's renderer process, and of all the browser's processes, from the flood's start until every observer caught up. */
  pageCpuMs: number;
  totalCpuMs: number;
  /** What the Sockets panel showed after the run (E only). */
  panel?: PanelCounts;
  /** Frames the CDP Network session reported (C only). */
  cdpFrames?: number;
  /** The page renderer's memory before and after: see MemoryReading. */
  pageHeap?: MemoryReading;
}

const SETTLE_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Harness {
  b!: BenchBrowser;
  page!: Page;
  /** A plain CDP session on the page (GC, heap, profiling); never enables Network. */
  session!: CDPSession;
  /** A browser-level CDP session (process list). */
  browserSession!: CDPSession;
  devtools?: Page;
  panel?: Frame;
  /** The page renderer's process id (found again if a navigation moved the page). */
  pagePid = -1;
  /** Panel memory (usedHeap) right after it was first shown, nothing captured yet. */
  emptyPanelHeap = NaN;
  private networkFrames = 0;
  private runs = 0;

  constructor(readonly spec: ConfigSpec, private origin: string) {}

  /** Launches and prepares the browser; one retry (a busy machine can miss the panel's 30 s). */
  async start(): Promise<this> {
    try {
      return await this.startOnce();
    } catch (error) {
      console.warn(`${this.spec.id}: start failed (${String(error).split('\n')[0]}); retrying once`);
      await this.b?.close();
      return this.startOnce();
    }
  }

  private async startOnce(): Promise<this> {
    this.b = await launch({ extension: this.spec.extension, devtools: this.spec.devtools, extensionDir: this.spec.extensionDir?.() });
    this.page = await mainTab(this.b, `${this.origin}/?start`);
    this.session = await this.page.createCDPSession();
    this.browserSession = await this.b.browser.target().createCDPSession();
    if (this.spec.cdpNetwork) {
      const net = await this.page.createCDPSession();
      net.on('Network.webSocketFrameSent', () => this.networkFrames++);
      net.on('Network.webSocketFrameReceived', () => this.networkFrames++);
      await net.send('Network.enable');
    }
    if (this.spec.devtools) {
      this.devtools = await devtoolsWindow(this.b);
      if (this.spec.panel) {
        this.panel = await showSocketsPanel(this.devtools, this.b.extensionId);
        this.emptyPanelHeap = await usedHeap(frameSession(this.panel));
      }
    }
    return this;
  }

  /**
   * A fresh document, garbage collected, then a short quiet time for every configuration alike.
   * With the panel: also until the panel holds nothing of the previous document. The new page
   * opens no socket before its run, so its relay stays a stub that never tells the panel it came:
   * the panel's Clear drops the old one.
   */
  async freshPage(): Promise<number> {
    await this.page.goto(`${this.origin}/?run=${++this.runs}`, { waitUntil: 'load' });
    if (this.panel) {
      await this.panel.click('[data-action=clear]');
      await waitForPanelEmpty(this.panel, 30_000);
    }
    const heap = await usedHeap(this.session);
    await sleep(SETTLE_MS);
    return heap;
  }

  /** Runs the page's flood (no navigation, no waiting for observers). */
  flood(opts: FloodOptions): Promise<FloodResult> {
    return this.page.evaluate(`window.flood(${JSON.stringify(opts)})`) as Promise<FloodResult>;
  }

  /** One flood on a fresh document; waits until every observer has caught up. */
  async run(opts: FloodOptions, panelTimeoutMs: number, measureHeap = false): Promise<RunOutcome> {
    const before = await this.freshPage();
    let cpu0 = await cpuTimes(this.browserSession);
    if (!cpu0.has(this.pagePid)) {
      this.pagePid = await processOf(this.session, this.browserSession);
      await sleep(SETTLE_MS);
      cpu0 = await cpuTimes(this.browserSession);
    }
    const pid = this.pagePid;
    const rssBefore = measureHeap ? privateMemory(pid) : NaN;
    this.networkFrames = 0;
    const busyBefore = await this.taskDuration();
    const panelDone = this.panel ? waitForPanelMessages(this.panel, 2 * opts.n, panelTimeoutMs) : undefined;
    const result = await this.flood(opts);
    const busyMs = (await this.taskDuration()) - busyBefore;
    await this.catchUp();
    const panel = panelDone ? await panelDone : undefined;
    const cpu1 = await cpuTimes(this.browserSession);
    const outcome: RunOutcome = { ...result, busyMs, pageCpuMs: cpuMsBetween(cpu0, cpu1, pid), totalCpuMs: cpuMsBetween(cpu0, cpu1) };
    if (panel) outcome.panel = panel;
    if (this.spec.cdpNetwork) outcome.cdpFrames = this.networkFrames;
    if (measureHeap) outcome.pageHeap = { before, after: await usedHeap(this.session), rssBefore, rssAfter: privateMemory(pid) };
    return outcome;
  }

  /** The page main thread's accumulated task time (ms). */
  private async taskDuration(): Promise<number> {
    return ((await this.page.metrics()).TaskDuration ?? NaN) * 1000;
  }

  /** Round trips that return only after the DevTools front-end / CDP client processed the backlog. */
  async catchUp(): Promise<void> {
    await this.session.send('Runtime.evaluate', { expression: '1' });
    if (this.devtools) await this.devtools.evaluate('1');
  }

  close(): Promise<void> {
    return this.b.close();
  }
}
