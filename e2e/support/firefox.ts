/**
 * Launches Debian Firefox ESR for e2e tests: puppeteer-core over WebDriver BiDi (Playwright's
 * Firefox driver needs Playwright's patched Firefox, and geckodriver is not available here), the
 * built extension installed as a temporary add-on with a pinned UUID, and evaluation in Firefox's
 * chrome scope (browser.xhtml, through `--remote-allow-system-access`) for what a test must reach
 * there. The toolbox and the panel: firefox-panel.ts; tests use both through harness.ts.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { until } from './panel';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const EXTENSION_DIR = resolve(process.env.FIREFOX_EXTENSION_DIR ?? resolve(import.meta.dirname, '..', '..', 'extension', 'firefox'));
/** Resolves to 127.0.0.1 in the launched Firefox: a plain-http origin that is not a secure context. */
export const INSECURE_HOST = 'sockets.test';
export const GECKO_ID = 'sockets@sockets.dev';
/** Pinned through `extensions.webextensions.uuids`, so the panel's origin is known in advance. */
export const EXTENSION_UUID = '5ec0e7e5-50c4-4e75-9e2e-f1a3f0c4e2e5';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
export const PANEL_URL = `${EXTENSION_ORIGIN}/src/panel/panel.html`;
export const PANEL_TITLE = 'Sockets';

export const DEFAULT_TIMEOUT = 30_000;

export interface FirefoxLaunched {
  browser: Browser;
  /** Where downloads land without a prompt (e.g. the panel's HAR export). */
  downloadsDir: string;
  /** A new tab. */
  newPage(): Promise<Page>;
  /** Evaluates an expression in Firefox's chrome scope (browser.xhtml); answers its value. */
  chrome<T = unknown>(expression: string): Promise<T>;
  close(): Promise<void>;
}

const launchedOf = new WeakMap<Browser, FirefoxLaunched>();
/** The launch a puppeteer browser came from (launchFirefox). */
export const launchOf = (browser: Browser): FirefoxLaunched | undefined => launchedOf.get(browser);

/** Debian Firefox ESR, headless, with the built Firefox extension installed as a temporary add-on. */
export async function launchFirefox(opts: { headless?: boolean; prefs?: Record<string, unknown>; extension?: boolean; extensionDir?: string } = {}): Promise<FirefoxLaunched> {
  const downloadsDir = mkdtempSync(join(tmpdir(), 'sockets-ff-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: opts.headless ?? true,
    defaultViewport: null,
    // FIREFOX_DUMPIO=1 shows Firefox's stderr: errors of content scripts and extension pages land there.
    dumpio: process.env.FIREFOX_DUMPIO === '1',
    // Lets BiDi evaluate in the chrome scope: needed to open DevTools and read the panel.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Keep the browser quiet and deterministic.
      'devtools.toolbox.host': 'bottom',
      'browser.tabs.warnOnClose': false,
      'network.dns.localDomains': INSECURE_HOST,
      // Downloads go straight to downloadsDir, no dialog, no downloads panel.
      'browser.download.dir': downloadsDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
      // With FIREFOX_DUMPIO=1, console.log of content scripts and the panel goes to stderr too.
      ...(process.env.FIREFOX_DUMPIO === '1' ? { 'devtools.console.stdout.content': true } : {}),
      ...opts.prefs,
    },
  });
  try {
    if (opts.extension ?? true) await browser.installExtension(opts.extensionDir ?? EXTENSION_DIR);
  } catch (error) {
    await browser.close().catch(() => {});
    rmSync(downloadsDir, { recursive: true, force: true });
    throw error;
  }

  const bidi = async (method: string, params: object): Promise<any> =>
    ((await (browser as unknown as { connection: { send(m: string, p: object): Promise<{ result: any }> } }).connection.send(method, params)).result);
  let chromeContext: string | undefined;
  const chrome = async <T>(expression: string): Promise<T> => {
    if (!chromeContext) {
      const { contexts } = await bidi('browsingContext.getTree', { 'moz:scope': 'chrome' });
      chromeContext = (contexts as { url: string; context: string }[]).find((c) => c.url === 'chrome://browser/content/browser.xhtml')?.context;
      if (!chromeContext) throw new Error('no browser.xhtml chrome context (is --remote-allow-system-access honoured?)');
    }
    const r = await bidi('script.evaluate', { expression, target: { context: chromeContext }, awaitPromise: true, resultOwnership: 'none' });
    if (r.type === 'exception') throw new Error(`chrome scope: ${r.exceptionDetails?.text ?? JSON.stringify(r.exceptionDetails).slice(0, 2000)}`);
    return deserialize(r.result) as T;
  };

  const launched: FirefoxLaunched = {
    browser,
    downloadsDir,
    async newPage() {
      return browser.newPage();
    },
    chrome,
    async close() {
      await browser.close().catch(() => {});
      rmSync(downloadsDir, { recursive: true, force: true });
    },
  };
  launchedOf.set(browser, launched);
  return launched;
}

/**
 * Waits for a finished download whose file name matches `name` (Firefox writes `<name>.part` until
 * it is complete); answers its path. Trigger the download first (e.g. `panel.click('[data-export=all]')`).
 * `ignore`: files that were there before (an earlier download of the same name pattern).
 */
export async function waitForDownload(launched: FirefoxLaunched, name: RegExp, timeoutMs = DEFAULT_TIMEOUT, ignore: ReadonlySet<string> = new Set()): Promise<string> {
  const list = async () => readdirSync(launched.downloadsDir).filter((x) => !ignore.has(x));
  const files = await until(list, (f) => f.some((x) => name.test(x) && !x.endsWith('.part') && !f.includes(`${x}.part`)), `a download matching ${name}`, timeoutMs);
  const file = join(launched.downloadsDir, files.find((x) => name.test(x) && !x.endsWith('.part'))!);
  if (!existsSync(file)) throw new Error(`download vanished: ${file}`);
  return file;
}

/** Just enough of BiDi's RemoteValue for what our chrome-scope snippets answer (strings mostly). */
function deserialize(v: { type: string; value?: unknown }): unknown {
  switch (v.type) {
    case 'undefined':
    case 'null':
      return null;
    case 'string':
    case 'boolean':
      return v.value;
    case 'number':
      return typeof v.value === 'string' ? Number(v.value) : v.value;
    default:
      return v;
  }
}

/**
 * A new tab showing one of the extension's pages (`path` from the extension root), loaded: BiDi
 * navigation without waiting (puppeteer's goto hangs on moz-extension:// pages), then polling.
 */
export async function openExtensionPage(launched: FirefoxLaunched, path: string): Promise<Page> {
  const page = await launched.newPage();
  const connection = (launched.browser as unknown as { connection: { send(m: string, p: object): Promise<unknown> } }).connection;
  await connection.send('browsingContext.navigate', { context: contextIdOf(page), url: `${EXTENSION_ORIGIN}/${path}`, wait: 'none' });
  await until(() => page.evaluate(() => location.protocol + document.readyState).catch(() => ''), (s) => s === 'moz-extension:complete', `${path} to load`);
  return page;
}

/** The BiDi browsing context id of a page (puppeteer keeps it on the main frame). */
export function contextIdOf(page: Page): string {
  const id = (page.mainFrame() as unknown as { _id?: string })._id;
  if (typeof id !== 'string') throw new Error('cannot find the BiDi context id of this page (puppeteer internals changed?)');
  return id;
}
