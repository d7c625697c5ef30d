import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
import { SOCKETS_TAB, showSocketsPanelIn } from './devtools-panel-tab';

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
/**
 * `optionalGranted`: the extension as after the user granted its optional permissions (Chrome's
 * prompt cannot be answered from a test): a copy of the build that holds them from the start.
 */
function grantedCopy(under: string): string {
  const dir = join(under, 'extension-granted');
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { permissions?: string[]; optional_permissions?: string[] };
  manifest.permissions = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])];
  delete manifest.optional_permissions;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

export async function launchChromium(opts: { extension?: boolean; devtools?: boolean; headless?: boolean; theme?: 'light' | 'dark'; devtoolsHeight?: number; devtoolsWidth?: number; desktop?: boolean; optionalGranted?: boolean } = {}): Promise<Launched> {
  const extension = opts.extension ?? true;
  const devtools = opts.devtools ?? true;
  const userDataDir = mkdtempSync(join(tmpdir(), 'sockets-e2e-'));
  // DevTools as people dock it to work in it (its own default here is a 272 px strip).
  if (!opts.devtoolsWidth && !opts.devtoolsHeight) opts = { ...opts, devtoolsHeight: 600 };
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ devtools: { preferences: { currentDockState: opts.devtoolsWidth ? '"right"' : '"bottom"', ...(opts.devtoolsHeight ? { 'inspector-view.split-view-state': JSON.stringify({ horizontal: { size: opts.devtoolsHeight } }) } : {}), ...(opts.devtoolsWidth ? { 'inspector-view.split-view-state': JSON.stringify({ vertical: { size: opts.devtoolsWidth } }) } : {}), ...(opts.theme ? { 'ui-theme': JSON.stringify(opts.theme) } : {}) } } }));
  // A desktop run keeps only what it needs: --no-sandbox (shown as "unsupported command-line flag") only as root, where Chromium insists.
  const desktopArgs = ['--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const args = [...(opts.desktop ? desktopArgs : BASE_ARGS), '--window-size=1600,1000'];
  const extensionDir = opts.optionalGranted ? grantedCopy(userDataDir) : EXTENSION_DIR;
  if (extension) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
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
    // A browser's first page may open its socket before the just-installed extension's webRequest
    // listeners are in effect (its handshake then goes unseen, as the panel says): wait until a
    // page's socket is seen.
    if (opts.optionalGranted && !(await webRequestInEffect(context, sw).catch(() => false))) console.log('# webRequest reported no page handshake within 10 s');
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

/**
 * Polls until the extension's webRequest listeners see a page's WebSocket handshake (up to 10 s):
 * a socket opened in a tab of its own, over and over, while a listener in the service worker counts.
 */
async function webRequestInEffect(context: BrowserContext, sw: Worker): Promise<boolean> {
  type Probe = typeof globalThis & { probeSeen?: boolean; probeListener?: () => undefined };
  await sw.evaluate(() => {
    const g = globalThis as Probe;
    g.probeSeen = false;
    g.probeListener = () => void (g.probeSeen = true) as undefined;
    chrome.webRequest.onBeforeRequest.addListener(g.probeListener, { urls: ['<all_urls>'], types: ['websocket'] });
  });
  const page = await context.newPage();
  try {
    for (let i = 0; i < 100; i++) {
      await page.evaluate(() => void (new WebSocket('ws://127.0.0.1:9/webrequest-in-effect').onerror = () => {}));
      await page.waitForTimeout(100);
      if (await sw.evaluate(() => (globalThis as Probe).probeSeen === true)) return true;
    }
    return false;
  } finally {
    await sw.evaluate(() => chrome.webRequest.onBeforeRequest.removeListener((globalThis as Probe).probeListener!)).catch(() => {});
    await page.close();
  }
}

/** The pages that are web pages (not DevTools, not extension pages). */
export function webPages(context: BrowserContext): Page[] {
  return context.pages().filter((p) => !p.url().startsWith('devtools://') && !p.url().startsWith('chrome-extension://'));
}

/** Shows the Sockets panel in a DevTools window and answers the panel's frame. */
export function showSocketsPanel(devtools: Page, extensionId: string): Promise<Frame> {
  const tab = devtools.locator(SOCKETS_TAB);
  return showSocketsPanelIn<Frame>(
    {
      frames: () => devtools.frames(),
      evaluate: (expression) => devtools.evaluate(expression),
      clickTab: async () => (await tab.count()) > 0 && (await tab.click({ timeout: 5_000 }), true),
      sleep: (ms) => devtools.waitForTimeout(ms),
    },
    extensionId,
    60_000,
    30_000,
  );
}

/** The URL of the tab a panel inspects, as the extension sees it (asked from the panel: no service worker needed). */
const inspectedUrl = (panel: Frame) =>
  panel.evaluate(() => new Promise<string | undefined>((resolve) => chrome.tabs.get(chrome.devtools.inspectedWindow.tabId, (t) => resolve(t?.url))));

/** Waits for the DevTools window that inspects `page` (found by its unique URL) and shows its Sockets panel. */
export async function openPanelFor(launched: Launched, page: Page): Promise<{ devtools: Page; panel: Frame }> {
  const url = page.url();
  const tried = new Set<Page>();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    for (const candidate of launched.context.pages()) {
      if (!candidate.url().startsWith('devtools://') || tried.has(candidate) || candidate.isClosed()) continue;
      try {
        const panel = await showSocketsPanel(candidate, launched.extensionId);
        tried.add(candidate);
        if ((await inspectedUrl(panel)) === url) return { devtools: candidate, panel };
      } catch (error) {
        // The DevTools window of a tab that is closing (e.g. the previous test's) goes away mid-look.
        if (!candidate.isClosed() && !/has been closed|Target closed/i.test(String(error))) throw error;
        tried.add(candidate);
      }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no DevTools window with a Sockets panel inspects ${url}`);
}
