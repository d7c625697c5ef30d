/**
 * One interface over both browsers' e2e drivers, so that a behaviour is written once and runs in
 * Chromium (Playwright) and Firefox (puppeteer over WebDriver BiDi) against the real DevTools panel.
 *
 *   inBrowsers('the Sockets panel', (env) => {
 *     it('filters', async () => {
 *       const tab = await env.browser.open(`${server.origin}/mix`);
 *       const panel = await tab.panel();
 *       await panel.fill('[aria-label=Filter]', 'alpha');
 *     });
 *   });
 *
 * Files in e2e/shared run once per browser (e2e/run.mjs sets E2E_BROWSER); run one by hand with
 * `E2E_BROWSER=firefox node --import tsx --test e2e/shared/<file>`.
 */
import { describe, before, after } from 'node:test';
import type { Frame, Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { launchChromium, openPanelFor, type Launched } from './chromium';
import { launchFirefox, type FirefoxLaunched } from './firefox';
import { openSocketsPanel, type FirefoxPanel } from './firefox-panel';

export type BrowserName = 'chromium' | 'firefox';

export interface LaunchOptions {
  /** Load the built extension (default true). */
  extension?: boolean;
  /** DevTools docked at the bottom this many pixels high, or on the right this many wide. */
  devtoolsHeight?: number;
  devtoolsWidth?: number;
  theme?: 'light' | 'dark';
  /** Chromium: the optional permissions granted (handshake capture turned on); Firefox holds them from the start. */
  optionalGranted?: boolean;
}

export interface Browser {
  name: BrowserName;
  /** 'Chromium' or 'Firefox', for test names. */
  label: string;
  /** A new tab showing `url`, loaded. */
  open(url: string): Promise<Tab>;
  close(): Promise<void>;
  /** The driver underneath, for what only one browser has (say why in the test). */
  chromium?: Launched;
  firefox?: FirefoxLaunched;
}

export interface Tab {
  url(): string;
  /** Evaluates an expression in the page (its main world); answers its JSON-serializable value. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** The DevTools toolbox of this tab with the Sockets panel shown (opened if need be). */
  panel(): Promise<Panel>;
  close(): Promise<void>;
  /** The page underneath (Playwright in Chromium, puppeteer in Firefox). */
  playwright?: PlaywrightPage;
  puppeteer?: PuppeteerPage;
}

export interface Panel {
  browser: BrowserName;
  /** Runs `fn(document, arg)` in the panel page (serialized: self-contained, JSON in and out). */
  query<T, A = null>(fn: (doc: Document, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Clicks the first element matching `selector` as a user would (waits for it). */
  click(selector: string): Promise<void>;
  /** Opens the context menu of `selector` (a right click). */
  contextMenu(selector: string): Promise<void>;
  /** Replaces the text of an input (or the editor inside `selector`) as a user would. */
  fill(selector: string, text: string): Promise<void>;
  /** Clicks `selector`, then types `text` one key at a time, `delayMs` apart at least. */
  typeKeys(selector: string, text: string, delayMs: number): Promise<void>;
  /** Presses a key (e.g. 'Shift+F10', 'ArrowDown', 'Control+a') on `selector`, or on the focused element. */
  press(key: string, selector?: string): Promise<void>;
  /** Picks an option of a `<select>` by value. */
  select(selector: string, value: string): Promise<void>;
  /** Waits until an element matches `selector`. */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** An attribute of the first match (null when absent, or no match). */
  attribute(selector: string, name: string): Promise<string | null>;
  /** Closes the toolbox. */
  close(): Promise<void>;
  /** The driver underneath. */
  frame?: Frame;
  firefoxPanel?: FirefoxPanel;
}

/** The browser these tests run in: E2E_BROWSER (default chromium). */
export function currentBrowser(): BrowserName {
  const name = process.env.E2E_BROWSER ?? 'chromium';
  if (name !== 'chromium' && name !== 'firefox') throw new Error(`E2E_BROWSER must be chromium or firefox, not ${name}`);
  return name;
}

export const LABELS: Record<BrowserName, string> = { chromium: 'Chromium', firefox: 'Firefox' };

/** Launches the browser of this run with the built extension. */
export async function launch(opts: LaunchOptions = {}, name = currentBrowser()): Promise<Browser> {
  return name === 'chromium' ? launchChromiumBrowser(opts) : launchFirefoxBrowser(opts);
}

/**
 * A describe block named for the browser of this run, with a browser launched before its tests and
 * closed after them: `env.browser` inside tests.
 */
export function inBrowsers(name: string, body: (env: { readonly browser: Browser; readonly name: BrowserName }) => void, opts: LaunchOptions = {}): void {
  const browserName = currentBrowser();
  let browser: Browser | undefined;
  const env = {
    get browser(): Browser {
      if (!browser) throw new Error('the browser is not launched yet (use env.browser inside tests or hooks)');
      return browser;
    },
    name: browserName,
  };
  describe(`${name} (${LABELS[browserName]})`, () => {
    before(async () => {
      browser = await launch(opts, browserName);
    });
    after(async () => {
      await browser?.close();
    });
    body(env);
  });
}

/** Serializes `fn(document, arg)` for Playwright (the transpiler may name inner functions with a helper). */
const expression = (fn: Function, arg: unknown) => `(() => { var __name = (f) => f; return (${fn.toString()})(document, ${JSON.stringify(arg ?? null)}); })()`;

async function launchChromiumBrowser(opts: LaunchOptions): Promise<Browser> {
  const launched = await launchChromium({ extension: opts.extension, devtoolsHeight: opts.devtoolsHeight, devtoolsWidth: opts.devtoolsWidth, theme: opts.theme, optionalGranted: opts.optionalGranted });
  return {
    name: 'chromium',
    label: LABELS.chromium,
    async open(url) {
      const page = await launched.context.newPage();
      await page.bringToFront();
      await page.goto(url).catch(async (e) => {
        const states = await Promise.all(page.frames().map(async (f) => `${f.url()} ${await f.evaluate('document.readyState').catch((x) => String(x).slice(0, 80))}`));
        const net = await page.evaluate('JSON.stringify(performance.getEntriesByType("resource").map(r => [r.name, Math.round(r.duration)]))').catch(() => '?');
        throw new Error(`${e}\nframes:\n${states.join('\n')}\nresources: ${net}`);
      });
      return chromiumTab(launched, page);
    },
    close: () => launched.close(),
    chromium: launched,
  };
}

function chromiumTab(launched: Launched, page: PlaywrightPage): Tab {
  let panel: Panel | undefined;
  return {
    url: () => page.url(),
    evaluate: (expr) => page.evaluate(expr),
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    async panel() {
      if (panel && !(await panelGone(panel))) return panel;
      panel = chromiumPanel((await openPanelFor(launched, page)).panel);
      return panel;
    },
    close: () => page.close(),
    playwright: page,
  };
}

const panelGone = (panel: Panel) => panel.query(() => false).then(() => false, () => true);

function chromiumPanel(frame: Frame): Panel {
  return {
    browser: 'chromium',
    query: (fn, arg) => frame.evaluate(expression(fn, arg)),
    click: (selector) => frame.click(selector),
    contextMenu: (selector) => frame.click(selector, { button: 'right' }),
    fill: (selector, text) => frame.fill(selector, text),
    async typeKeys(selector, text, delayMs) {
      await frame.click(selector);
      await frame.page().keyboard.type(text, { delay: delayMs });
    },
    press: (key, selector) => (selector ? frame.press(selector, key) : frame.page().keyboard.press(key)),
    async select(selector, value) {
      await frame.selectOption(selector, value);
    },
    async waitFor(selector, timeoutMs = 30_000) {
      await frame.waitForSelector(selector, { state: 'attached', timeout: timeoutMs });
    },
    attribute: (selector, name) => frame.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name] as const),
    async close() {
      await frame.page().close().catch(() => {});
    },
    frame,
  };
}

async function launchFirefoxBrowser(opts: LaunchOptions): Promise<Browser> {
  const prefs: Record<string, unknown> = {};
  if (opts.devtoolsWidth) prefs['devtools.toolbox.host'] = 'right';
  if (opts.devtoolsWidth) prefs['devtools.toolbox.sidebar.width'] = opts.devtoolsWidth;
  if (opts.devtoolsHeight) prefs['devtools.toolbox.footer.height'] = opts.devtoolsHeight;
  if (opts.theme) prefs['devtools.theme'] = opts.theme;
  const launched = await launchFirefox({ extension: opts.extension, prefs });
  return {
    name: 'firefox',
    label: LABELS.firefox,
    async open(url) {
      const page = await launched.newPage();
      await page.goto(url);
      return firefoxTab(page);
    },
    close: () => launched.close(),
    firefox: launched,
  };
}

function firefoxTab(page: PuppeteerPage): Tab {
  let panel: Panel | undefined;
  return {
    url: () => page.url(),
    evaluate: (expr) => page.evaluate(expr) as never,
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    async panel() {
      if (panel && !(await panelGone(panel))) return panel;
      panel = firefoxPanel(await openSocketsPanel(page, { timeoutMs: 60_000 }));
      return panel;
    },
    close: () => page.close(),
    puppeteer: page,
  };
}

/**
 * A click as the user makes it: with the user activation a real click gives (through the panel
 * document's chrome-only notifyUserGestureActivation), so that what needs a user gesture (a copy)
 * works as it does for a person. A bare element.click() carries none.
 */
function userClick(doc: Document, selector: string | null): boolean {
  const el = (selector ? doc.querySelector(selector) : doc.activeElement) as HTMLElement | null;
  if (!el) throw new Error(`no element ${selector ?? '(focused)'}`);
  el.scrollIntoView({ block: 'nearest' });
  (doc as unknown as { notifyUserGestureActivation(): void }).notifyUserGestureActivation();
  el.click();
  return true;
}

function rightClick(doc: Document, selector: string): boolean {
  const el = doc.querySelector(selector) as HTMLElement | null;
  if (!el) throw new Error(`no element ${selector}`);
  el.scrollIntoView({ block: 'nearest' });
  const win = doc.defaultView as Window & typeof globalThis;
  const r = el.getBoundingClientRect();
  const at = { bubbles: true, cancelable: true, composed: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, button: 2, buttons: 2, view: win };
  el.dispatchEvent(new win.MouseEvent('mousedown', at));
  el.dispatchEvent(new win.MouseEvent('mouseup', at));
  el.dispatchEvent(new win.MouseEvent('contextmenu', at));
  return true;
}

function firefoxPanel(p: FirefoxPanel): Panel {
  const waitFor = (selector: string, timeoutMs = 30_000) =>
    p.waitFor((doc, sel) => !!doc.querySelector(sel), Boolean, selector, { arg: selector, timeoutMs }).then(() => {});
  return {
    browser: 'firefox',
    query: (fn, arg) => p.query(fn, arg as never),
    async click(selector) {
      await waitFor(selector);
      await p.query(userClick, selector);
    },
    async contextMenu(selector) {
      await waitFor(selector);
      await p.query(rightClick, selector);
    },
    fill: (selector, text) => p.type(selector, text, { clear: true }),
    async typeKeys(selector, text) {
      // One edit per key; each round trip to the panel takes about a key-repeat interval here.
      await p.click(selector);
      for (const ch of text) await p.type(selector, ch);
    },
    async press(key, selector) {
      const parts = key.split('+');
      const name = parts.pop()!;
      // A synthetic Enter does not activate a button: click the focused one, as Enter does.
      if (name === 'Enter' && !selector) {
        await p.query(userClick, null);
        return;
      }
      await p.press(name, selector, { shift: parts.includes('Shift'), ctrl: parts.includes('Control'), alt: parts.includes('Alt'), meta: parts.includes('Meta') });
    },
    select: (selector, value) => p.select(selector, value),
    waitFor,
    attribute: (selector, name) => p.query((doc, [s, n]) => doc.querySelector(s)?.getAttribute(n) ?? null, [selector, name] as [string, string]),
    close: () => p.close(),
    firefoxPanel: p,
  };
}
