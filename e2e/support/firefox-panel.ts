/**
 * The Firefox DevTools toolbox and the Sockets panel in it, driven from Firefox's chrome scope
 * (e2e/support/firefox.ts launches): the toolbox is opened with `gDevTools`, and the panel
 * document (a remote `<browser>` in the extension process) is reached through one-shot frame
 * scripts that run a serialized function on `content.document` and answer with `sendAsyncMessage`.
 */
import type { Page } from 'puppeteer-core';
import { DEFAULT_TIMEOUT, PANEL_TITLE, PANEL_URL, contextIdOf, launchOf, type FirefoxLaunched } from './firefox';
import { clickElement, countElements, pressKey, queryElements, selectOption, typeInto, type ElementInfo } from './firefox-panel-dom';
import { until } from './panel';

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
  const launched = launchOf(page.browser());
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
