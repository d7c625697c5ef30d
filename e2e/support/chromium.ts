import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';

export const EXTENSION_DIR = process.env.SOCKETS_EXTENSION_DIR ?? resolve(import.meta.dirname, '..', '..', 'extension', 'chrome');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Makes DevTools windows visible to Playwright as pages (playwright-core internal; version pinned).
process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';

export const BASE_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
  // A plain-http host that is not localhost: not a secure context.
  '--host-resolver-rules=MAP sockets.test 127.0.0.1',
];

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/** Debian Chromium, headless, with the built extension loaded and (optionally) DevTools open for every tab. */
/** `devtoolsHeight`: pixels of the window given to DevTools docked at the bottom (default: a third). */
/** `devtoolsWidth`: DevTools docked on the right, this many pixels wide (a narrow DevTools). */
/** `desktop`: a windowed run for a person (the demo): no test-only flags, no "controlled by automated software" bar. */
export async function launchChromium(opts: { extension?: boolean; devtools?: boolean; headless?: boolean; theme?: 'light' | 'dark'; devtoolsHeight?: number; devtoolsWidth?: number; desktop?: boolean } = {}): Promise<Launched> {
  const extension = opts.extension ?? true;
  const devtools = opts.devtools ?? true;
  const userDataDir = mkdtempSync(join(tmpdir(), 'sockets-e2e-'));
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ devtools: { preferences: { currentDockState: opts.devtoolsWidth ? '"right"' : '"bottom"', ...(opts.devtoolsHeight ? { 'inspector-view.split-view-state': JSON.stringify({ horizontal: { size: opts.devtoolsHeight } }) } : {}), ...(opts.devtoolsWidth ? { 'inspector-view.split-view-state': JSON.stringify({ vertical: { size: opts.devtoolsWidth } }) } : {}), ...(opts.theme ? { 'ui-theme': JSON.stringify(opts.theme) } : {}) } } }));
  // A desktop run keeps only what it needs: --no-sandbox (shown as "unsupported command-line flag") only as root, where Chromium insists.
  const desktopArgs = ['--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const args = [...(opts.desktop ? desktopArgs : BASE_ARGS), '--window-size=1600,1000'];
  if (extension) args.push(`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`);
  if (devtools) args.push('--auto-open-devtools-for-tabs');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    viewport: null,
    ignoreDefaultArgs: [...(extension ? ['--disable-extensions'] : []), ...(opts.desktop ? ['--enable-automation'] : [])],
    args,
  });
  let extensionId = '';
  if (extension) {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(sw.url()).host;
  }
  return {
    context,
    extensionId,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The pages that are web pages (not DevTools, not extension pages). */
export function webPages(context: BrowserContext): Page[] {
  return context.pages().filter((p) => !p.url().startsWith('devtools://') && !p.url().startsWith('chrome-extension://'));
}

/** Shows the Sockets panel in a DevTools window and answers the panel's frame. */
export async function showSocketsPanel(devtools: Page, extensionId: string): Promise<Frame> {
  const tab = devtools.locator('[role="tab"][aria-label="Sockets"]');
  const showById = () =>
    devtools.evaluate(async (id) => {
      try {
        // @ts-expect-error DevTools front-end module, present in the DevTools page only
        const legacy = await import('./ui/legacy/legacy.js');
        await legacy.InspectorView.InspectorView.instance().showPanel(`chrome-extension://${id}Sockets`);
      } catch {
        // DevTools is still starting, or the panel is not registered yet
      }
    }, extensionId);
  const deadline = Date.now() + 45_000;
  for (;;) {
    // A narrow DevTools keeps the tab in its » menu (no tab element): then show the panel by its id.
    if (await tab.count()) await tab.click({ timeout: 5_000 }).catch(showById);
    else await showById();
    const frame = devtools.frames().find((f) => f.url().startsWith(`chrome-extension://${extensionId}/src/panel/panel.html`));
    if (frame) {
      await frame.waitForSelector('[aria-label="Sockets"][role="table"]', { timeout: 30_000 });
      return frame;
    }
    if (Date.now() > deadline) throw new Error('the Sockets panel did not show');
    await devtools.waitForTimeout(100);
  }
}

/** The tab id the extension sees for a web page, found through the service worker by its (unique) URL. */
export async function tabIdOf(context: BrowserContext, page: Page): Promise<number> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const url = page.url();
  for (;;) {
    const ids = await sw.evaluate(async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u).map((t) => t.id!), url);
    if (ids.length > 1) throw new Error(`${ids.length} tabs have the URL ${url}; give each test page a unique URL`);
    if (ids.length === 1) return ids[0];
    await page.waitForTimeout(50);
  }
}

/** Waits for the DevTools window that inspects `page` and shows its Sockets panel. */
export async function openPanelFor(launched: Launched, page: Page): Promise<{ devtools: Page; panel: Frame }> {
  const tabId = await tabIdOf(launched.context, page);
  const tried = new Map<Page, number>();
  for (;;) {
    for (const candidate of launched.context.pages()) {
      if (!candidate.url().startsWith('devtools://') || tried.has(candidate) || candidate.isClosed()) continue;
      try {
        const panel = await showSocketsPanel(candidate, launched.extensionId);
        const inspected = await panel.evaluate(() => chrome.devtools.inspectedWindow.tabId);
        tried.set(candidate, inspected);
        if (inspected === tabId) return { devtools: candidate, panel };
      } catch (error) {
        // The DevTools window of a tab that is closing (e.g. the previous test's) goes away mid-look.
        if (!candidate.isClosed() && !/has been closed|Target closed/i.test(String(error))) throw error;
        tried.set(candidate, -1);
      }
    }
    await page.waitForTimeout(100);
  }
}
