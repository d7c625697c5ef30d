/**
 * Firefox ESR e2e harness: puppeteer-core over WebDriver BiDi (Playwright's Firefox driver needs
 * Playwright's patched Firefox, and geckodriver is not available here).
 *
 *   const firefox = await launchFirefox();            // headless, extension installed (temporary add-on)
 *   const page = await firefox.newPage();
 *   await page.goto(`${server.origin}/some-page`);
 *   const panel = await openSocketsPanel(page);       // the real DevTools toolbox, "Sockets" panel selected
 *   await panel.click('[data-socket-url="ws://…"]');
 *   const rows = await gridRows(panel);               // serializable data read from the panel's DOM
 *
 * How it reaches the panel: with `--remote-allow-system-access`, BiDi can evaluate in Firefox's
 * chrome scope (browser.xhtml). There we open the toolbox with `gDevTools`, select the extension's
 * panel, and talk to the panel document (a remote `<browser>` in the extension process) through
 * one-shot frame scripts that run a function on `content.document` and answer with
 * `sendAsyncMessage`. Functions passed to `panel.query` are serialized with `toString()`: they must
 * be self-contained (no closures) and answer JSON-serializable data.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { until, type GridRow, type SocketRow } from './panel';
import { readSocketRows } from './socket-rows';

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

const DEFAULT_TIMEOUT = 30_000;

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

/**
 * Chrome-scope prelude: `tabFor(contextId)` finds the tab of a BiDi context, `panelDef(toolbox)` the panel's tool definition;
 * `panelBrowser(toolbox)` finds the Sockets panel's remote `<browser>`.
 */
export const PRELUDE = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
  const tabFor = (contextId) => {
    const browser = NavigableManager.getBrowserById(contextId);
    const tab = browser && gBrowser.getTabForBrowser(browser);
    if (!tab) throw new Error('no tab for context ' + contextId);
    return tab;
  };
  const panelDef = (toolbox) => toolbox.getAdditionalTools().find((d) => d.label === ${JSON.stringify(PANEL_TITLE)});
  const panelBrowser = (toolbox) => {
    const def = panelDef(toolbox);
    const frame = def && toolbox.doc.getElementById('toolbox-panel-iframe-' + def.id);
    return frame?.contentDocument?.querySelector('browser') ?? null;
  };
`;

export interface ElementInfo {
  tag: string;
  text: string;
  attrs: Record<string, string>;
}

export interface FirefoxPanel {
  page: Page;
  /**
   * Runs `fn(document, arg)` in the panel document (through Xray wrappers) and answers its
   * JSON-serializable result (awaited if it is a promise). With a selector: the matching elements'
   * tag, text and attributes.
   */
  query<T, A = undefined>(fn: (doc: Document, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  query(selector: string): Promise<ElementInfo[]>;
  /** Clicks the first element matching `selector` (waits for it to exist). */
  click(selector: string, opts?: { timeoutMs?: number }): Promise<void>;
  /** Focuses `selector` and types `text` as an insertText edit (inputs, textareas and contenteditable, e.g. CodeMirror). */
  type(selector: string, text: string, opts?: { clear?: boolean; timeoutMs?: number }): Promise<void>;
  /** Picks `value` in a `<select>` (by option value) and fires input/change, like a user would. */
  select(selector: string, value: string, opts?: { timeoutMs?: number }): Promise<void>;
  /** Dispatches a keydown/keyup pair for `key` on `selector` (or the focused element). */
  press(key: string, selector?: string, opts?: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean }): Promise<void>;
  /** Polls `fn` in the panel until `test` accepts its value; answers it. */
  waitFor<T, A = undefined>(fn: (doc: Document, arg: A) => T | Promise<T>, test: (v: T) => boolean, what: string, opts?: { arg?: A; timeoutMs?: number }): Promise<T>;
  /** Closes the tab's toolbox. */
  close(): Promise<void>;
}

/**
 * Opens the real Firefox DevTools toolbox for `page`'s tab, selects the Sockets panel and waits
 * until the panel's app has rendered. The page's browser must come from `launchFirefox()`.
 */
export async function openSocketsPanel(page: Page, opts: { timeoutMs?: number } = {}): Promise<FirefoxPanel> {
  const launched = launchedOf.get(page.browser());
  if (!launched) throw new Error('openSocketsPanel: the page does not belong to a browser started by launchFirefox()');
  const contextId = contextIdOf(page);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT;
  await page.bringToFront();
  // The extension's devtools_page registers the panel shortly after the toolbox opens.
  await launched.chrome(`(async () => {
    ${PRELUDE}
    const tab = tabFor(${JSON.stringify(contextId)});
    const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'webconsole' });
    const deadline = Date.now() + ${timeoutMs};
    let def;
    while (!(def = panelDef(toolbox))) {
      if (Date.now() > deadline) throw new Error('the Sockets panel was not registered; tools: ' + toolbox.getAdditionalTools().map((d) => d.label).join(', '));
      await new Promise((r) => setTimeout(r, 50));
    }
    await toolbox.selectTool(def.id);
    return def.id;
  })()`);

  const panel = makePanel(launched, page, contextId);
  // The panel browser starts at about:blank and then loads the panel page in the extension process.
  // Frame scripts are only sent once it is there (a frame script in the about:blank stage is lost).
  await until(
    () => launched.chrome<string>(`(() => { ${PRELUDE} const tb = gDevTools.getToolboxForTab(tabFor(${JSON.stringify(contextId)})); return panelBrowser(tb)?.currentURI?.spec ?? ''; })()`),
    (url) => url.startsWith(PANEL_URL),
    'the Sockets panel page to load',
    timeoutMs,
  );
  await panel.waitFor((doc) => doc.readyState === 'complete' && !!doc.querySelector('[role="table"][aria-label="Sockets"]'), Boolean, 'the panel app to render', { timeoutMs });
  return panel;
}

function makePanel(launched: FirefoxLaunched, page: Page, contextId: string): FirefoxPanel {
  /** Runs a function source in the panel through a one-shot frame script; answers its JSON. */
  const run = async (fnSource: string, arg: unknown, opts: { focus?: boolean } = {}): Promise<unknown> => {
    const frameScript = `(() => {
      var __name = (f) => f; // tsx (esbuild keepNames) may reference it inside serialized functions
      const reply = (value) => sendAsyncMessage(__SOCKETS_E2E_MESSAGE__, value);
      try {
        Promise.resolve((${fnSource})(content.document, ${JSON.stringify(arg ?? null)}, content)).then(
          (v) => reply({ ok: true, json: JSON.stringify(v === undefined ? null : v) }),
          (e) => reply({ ok: false, error: String(e && e.stack || e) }));
      } catch (e) { reply({ ok: false, error: String(e && e.stack || e) }); }
    })()`;
    const answer = await launched.chrome<string>(`(async () => {
      ${PRELUDE}
      const toolbox = gDevTools.getToolboxForTab(tabFor(${JSON.stringify(contextId)}));
      const browser = toolbox && panelBrowser(toolbox);
      if (!browser) return JSON.stringify({ ok: false, error: 'the Sockets panel is not open' });
      if (!browser.currentURI.spec.startsWith(${JSON.stringify(PANEL_URL)})) return JSON.stringify({ ok: false, error: 'the panel page is not loaded: ' + browser.currentURI.spec });
      // Editing commands (insertText) need a focused document: focus the toolbox window and the panel's browser.
      if (${opts.focus ? 'true' : 'false'}) { toolbox.win.focus(); browser.focus(); }
      const mm = browser.messageManager;
      const name = 'sockets-e2e:' + Math.random().toString(36).slice(2);
      return await new Promise((resolve) => {
        const timer = setTimeout(() => { mm.removeMessageListener(name, listener); resolve(JSON.stringify({ ok: false, error: 'the panel did not answer in 10 s' })); }, 10000);
        const listener = (message) => { clearTimeout(timer); mm.removeMessageListener(name, listener); resolve(JSON.stringify(message.data)); };
        mm.addMessageListener(name, listener);
        const code = ${JSON.stringify(frameScript)}.replace('__SOCKETS_E2E_MESSAGE__', JSON.stringify(name));
        mm.loadFrameScript('data:application/javascript,' + encodeURIComponent(code), false);
      });
    })()`);
    const result = JSON.parse(answer) as { ok: boolean; json?: string; error?: string };
    if (!result.ok) throw new Error(`panel: ${result.error}`);
    return JSON.parse(result.json!);
  };

  const query = ((target: string | ((doc: Document, arg: unknown) => unknown), arg?: unknown) => {
    if (typeof target === 'string') return run(queryElements.toString(), target);
    return run(target.toString(), arg);
  }) as FirefoxPanel['query'];

  const waitForElement = (selector: string, timeoutMs = DEFAULT_TIMEOUT) =>
    until(() => run(countElements.toString(), selector) as Promise<number>, (n) => n > 0, `panel element ${selector}`, timeoutMs);

  return {
    page,
    query,
    async click(selector, opts = {}) {
      await waitForElement(selector, opts.timeoutMs);
      await run(clickElement.toString(), selector);
    },
    async type(selector, text, opts = {}) {
      await waitForElement(selector, opts.timeoutMs);
      await run(typeInto.toString(), { selector, text, clear: opts.clear ?? false }, { focus: true });
    },
    async select(selector, value, opts = {}) {
      await waitForElement(selector, opts.timeoutMs);
      await run(selectOption.toString(), { selector, value });
    },
    async press(key, selector, mods = {}) {
      if (selector) await waitForElement(selector);
      await run(pressKey.toString(), { key, selector: selector ?? null, ...mods }, { focus: true });
    },
    waitFor(fn, test, what, opts = {}) {
      return until(() => query(fn, opts.arg), test, what, opts.timeoutMs ?? DEFAULT_TIMEOUT);
    },
    async close() {
      await launched.chrome(`(async () => { ${PRELUDE} await gDevTools.closeToolboxForTab(tabFor(${JSON.stringify(contextId)})); })()`).catch(() => {});
    },
  };
}

// ---- functions that run in the panel document (serialized: keep them self-contained) ----

function queryElements(doc: Document, selector: string): ElementInfo[] {
  return Array.from(doc.querySelectorAll(selector)).map((el) => {
    const attrs: Record<string, string> = {};
    for (const a of Array.from(el.attributes)) attrs[a.name] = a.value;
    return { tag: el.localName, text: el.textContent ?? '', attrs };
  });
}

function countElements(doc: Document, selector: string): number {
  return doc.querySelectorAll(selector).length;
}

function clickElement(doc: Document, selector: string): boolean {
  const el = doc.querySelector(selector) as HTMLElement | null;
  if (!el) throw new Error(`no element ${selector}`);
  el.scrollIntoView({ block: 'nearest' });
  el.click();
  return true;
}

function typeInto(doc: Document, { selector, text, clear }: { selector: string; text: string; clear: boolean }): string {
  const el = doc.querySelector(selector) as HTMLElement | null;
  if (!el) throw new Error(`no element ${selector}`);
  // A contenteditable host (CodeMirror) or its container: type into the editable part.
  const editable = (e: HTMLElement) => e.isContentEditable || e.localName === 'input' || e.localName === 'textarea';
  const target = (editable(el)
    ? el
    : (el.querySelector('[contenteditable="true"], input, textarea') as HTMLElement | null)) ?? el;
  target.focus();
  if (clear) {
    if ('select' in target && typeof (target as HTMLInputElement).select === 'function') (target as HTMLInputElement).select();
    else doc.execCommand('selectAll');
    doc.execCommand('delete');
  }
  // insertText goes through the editor (beforeinput/input events), like typing.
  if (!doc.execCommand('insertText', false, text)) {
    const input = target as HTMLInputElement;
    input.value = (clear ? '' : input.value) + text;
    input.dispatchEvent(new (doc.defaultView as Window & typeof globalThis).Event('input', { bubbles: true }));
  }
  return 'value' in target ? (target as HTMLInputElement).value : target.textContent ?? '';
}

function selectOption(doc: Document, { selector, value }: { selector: string; value: string }): string {
  const el = doc.querySelector(selector) as HTMLSelectElement | null;
  if (!el) throw new Error(`no element ${selector}`);
  if (!Array.from(el.options).some((o) => o.value === value)) throw new Error(`${selector} has no option ${value}`);
  el.value = value;
  const win = doc.defaultView as Window & typeof globalThis;
  el.dispatchEvent(new win.Event('input', { bubbles: true }));
  el.dispatchEvent(new win.Event('change', { bubbles: true }));
  return el.value;
}

function pressKey(doc: Document, o: { key: string; selector: string | null; ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean }): boolean {
  const el = (o.selector ? doc.querySelector(o.selector) : doc.activeElement) as HTMLElement | null;
  if (!el) throw new Error(`no element ${o.selector ?? '(focused)'}`);
  if (o.selector) el.focus();
  const win = doc.defaultView as Window & typeof globalThis;
  const init = { key: o.key, bubbles: true, cancelable: true, ctrlKey: !!o.ctrl, shiftKey: !!o.shift, altKey: !!o.alt, metaKey: !!o.meta };
  el.dispatchEvent(new win.KeyboardEvent('keydown', init));
  el.dispatchEvent(new win.KeyboardEvent('keyup', init));
  return true;
}

// ---- panel readers (the same shapes as support/panel.ts reads in Chromium) ----

/** The panel's socket rows, read from the stable test hooks (scrolling through a virtualized table). */
export function socketRows(panel: FirefoxPanel): Promise<(SocketRow & { title: string })[]> {
  return panel.query(readSocketRows);
}

/** Polls until a socket row satisfies `test`; answers it. */
export async function waitForSocket(panel: FirefoxPanel, test: (row: SocketRow & { title: string }) => boolean, what = 'socket', timeoutMs = DEFAULT_TIMEOUT): Promise<SocketRow & { title: string }> {
  const rows = await until(() => socketRows(panel), (r) => r.some(test), what, timeoutMs);
  return rows.find(test)!;
}

/** The rendered grid rows in index order (the grid is virtualized: only rows in view exist). */
export function gridRows(panel: FirefoxPanel): Promise<GridRow[]> {
  return panel.query((doc) =>
    Array.from(doc.querySelectorAll('[role=row][data-kind]'))
      .map((r) => r as HTMLElement)
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((el) => ({
        kind: el.getAttribute('data-kind')!,
        direction: el.getAttribute('data-direction'),
        origin: el.getAttribute('data-origin'),
        text: el.textContent ?? '',
        payload: el.querySelector('[data-role=payload]')?.textContent ?? '',
      })),
  );
}

/** Shows one socket's messages: clicks its row and waits until the panel shows it selected. */
export async function selectSocket(panel: FirefoxPanel, url: string): Promise<void> {
  const selector = `[data-socket-url="${url}"]`;
  await panel.click(selector);
  await panel.waitFor((doc, sel) => /(^|[\s_-])selected/.test(doc.querySelector(sel)?.className ?? ''), Boolean, `${url} to be selected`, { arg: selector });
}

/** A status bar counter (0 when absent). */
export function count(panel: FirefoxPanel, role: 'shown-count' | 'total-count' | 'dropped-count' | 'skipped-count'): Promise<number> {
  return panel.query((doc, r) => Number(doc.querySelector(`[data-role=${r}]`)?.getAttribute('data-count') ?? 0), role);
}

export { until };
