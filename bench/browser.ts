/**
 * Debian Chromium under puppeteer-core, headless, for one bench configuration: with or without the
 * extension, with DevTools closed or open (docked at the bottom). Puppeteer never enables CDP
 * Network capture itself (`networkEnabled: false`), so the driver does not receive the frames.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { SOCKETS_TAB, showSocketsPanelIn } from '../e2e/support/devtools-panel-tab';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built extension (`npm run build:chrome`); BENCH_EXTENSION_DIR measures another build. */
const BUILT_EXTENSION = resolve(process.env.BENCH_EXTENSION_DIR ?? resolve(import.meta.dirname, '..', 'extension', 'chrome'));

/**
 * Copies the built extension once, so a rebuild during the bench cannot change what is measured.
 * A copy taken while someone else rebuilds may be incomplete: it is checked and taken again.
 */
let snapshot: string | undefined;
export function extensionSnapshot(): string {
  for (let attempt = 1; !snapshot; attempt++) {
    const dir = join(mkdtempSync(join(tmpdir(), 'sockets-bench-ext-')), 'chrome');
    try {
      cpSync(BUILT_EXTENSION, dir, { recursive: true });
      checkExtension(dir);
      snapshot = dir;
    } catch (error) {
      rmSync(resolve(dir, '..'), { recursive: true, force: true });
      if (attempt >= 20) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  return snapshot;
}

/** Throws unless every file the manifest and its HTML pages name is there. */
function checkExtension(dir: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files: string[] = [manifest.devtools_page, manifest.background?.service_worker, 'src/panel/panel.html'];
  for (const cs of manifest.content_scripts ?? []) files.push(...(cs.js ?? []));
  for (const f of files.filter(Boolean)) {
    const path = join(dir, f);
    if (!existsSync(path)) throw new Error(`extension snapshot lacks ${f}`);
    if (f.endsWith('.html')) {
      for (const [, ref] of readFileSync(path, 'utf8').matchAll(/(?:src|href)="([^"]+)"/g)) {
        if (!ref.includes('://') && !existsSync(ref.startsWith('/') ? join(dir, ref) : resolve(path, '..', ref))) throw new Error(`extension snapshot lacks ${ref}`);
      }
    }
  }
}
export function dropExtensionSnapshot(): void {
  if (snapshot) rmSync(resolve(snapshot, '..'), { recursive: true, force: true });
  snapshot = undefined;
}

export interface BenchBrowser {
  browser: Browser;
  extension: boolean;
  devtools: boolean;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * `extensionDir`: load that extension instead of Sockets (the bench's own floors, another build).
 * `noBackForwardCache`: a page navigated away from is not kept alive (heap readings per page).
 */
export async function launch(opts: { extension: boolean; devtools: boolean; extensionDir?: string; noBackForwardCache?: boolean }): Promise<BenchBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sockets-bench-'));
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ devtools: { preferences: { currentDockState: '"bottom"' } } }));
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--window-size=1600,1000', '--enable-precise-memory-info',
  ];
  if (opts.noBackForwardCache) args.push('--disable-back-forward-cache');
  let hasWorker = false;
  if (opts.extension) {
    const ext = opts.extensionDir ?? extensionSnapshot();
    hasWorker = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8')).background !== undefined;
    args.push(`--disable-extensions-except=${ext}`, `--load-extension=${ext}`);
  }
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    pipe: true,
    devtools: opts.devtools,
    // Also for DevTools opened later (page.openDevTools()).
    handleDevToolsAsPage: true,
    networkEnabled: false,
    issuesEnabled: false,
    defaultViewport: null,
    userDataDir,
    ignoreDefaultArgs: opts.extension ? ['--disable-extensions'] : [],
    args,
  });
  let extensionId = '';
  if (hasWorker) {
    const sw = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 30_000 });
    extensionId = new URL(sw.url()).host;
  }
  return {
    browser, extensionId, extension: opts.extension, devtools: opts.devtools,
    async close() {
      await browser.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The browser's one web tab (the initial one: with `--auto-open-devtools-for-tabs` its DevTools
 * window is the only one, and it stays open across navigations), loaded from `url`.
 */
export async function mainTab(b: BenchBrowser, url: string): Promise<Page> {
  const page = (await b.browser.pages()).find((p) => !p.url().startsWith('devtools://'))!;
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** The DevTools window (only when launched with DevTools open). */
export async function devtoolsWindow(b: BenchBrowser): Promise<Page> {
  const target = await b.browser.waitForTarget((t) => t.url().startsWith('devtools://'), { timeout: 30_000 });
  return (await target.asPage())!;
}

/** Shows the Sockets panel in a DevTools window and answers the panel's frame. */
export function showSocketsPanel(devtools: Page, extensionId: string, timeoutMs = 30_000): Promise<Frame> {
  return showSocketsPanelIn<Frame>(
    {
      frames: () => devtools.frames(),
      evaluate: (expression) => devtools.evaluate(expression),
      clickTab: async () => {
        const tab = await devtools.$(`pierce/${SOCKETS_TAB}`);
        return tab !== null && (await tab.click(), true);
      },
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
    extensionId,
    timeoutMs,
  );
}

/**
 * Opens DevTools on a page that has been running without it and shows the Sockets panel. A DevTools
 * window opened this way sometimes never lists the extension's panel here: it is closed and opened
 * again (three tries).
 */
export async function openSocketsPanelLate(page: Page, extensionId: string): Promise<Frame> {
  for (let attempt = 1; ; attempt++) {
    const devtools = await page.openDevTools();
    try {
      return await showSocketsPanel(devtools, extensionId, 45_000);
    } catch (error) {
      if (attempt >= 3) throw error;
      await devtools.close().catch(() => {});
    }
  }
}
