/**
 * Firefox only: what puppeteer does not reach — a private window's tab, and a privileged look at a
 * page's WebSocket — through the chrome scope of `launchFirefox()` (see PRELUDE in firefox.ts).
 */
import type { FirefoxLaunched } from './firefox';
import { PRELUDE } from './firefox-panel';

/** Chrome-scope expression: the (only) private browser window, or null. */
const PRIVATE_WINDOW = `[...Services.wm.getEnumerator('navigator:browser')].find((w) => PrivateBrowsingUtils.isWindowPrivate(w)) ?? null`;

/** Opens a private browser window showing `url` (not waiting for the page: poll what it does). */
export async function openPrivateWindow(launched: FirefoxLaunched, url: string): Promise<void> {
  await launched.chrome(`(async () => {
    const win = OpenBrowserWindow({ private: true });
    await new Promise((r) => win.addEventListener('load', r, { once: true }));
    await win.delayedStartupPromise;
    win.gBrowser.selectedBrowser.loadURI(Services.io.newURI(${JSON.stringify(url)}), { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
  })()`);
}

export async function closePrivateWindow(launched: FirefoxLaunched): Promise<void> {
  await launched.chrome(`(() => { ${PRIVATE_WINDOW}?.close(); })()`);
}

/** Chrome-scope expressions for the `<browser>` to look into. */
export const privateTabBrowser = `${PRIVATE_WINDOW}.gBrowser.selectedBrowser`;
export const tabBrowser = (contextId: string) => `tabFor(${JSON.stringify(contextId)}).linkedBrowser`;

export interface SendProbe {
  url: string;
  /** What the page itself sees. */
  pageToString: string;
  /** What the JS engine knows (Debugger API): a native has no script and is neither a proxy nor bound. */
  native: boolean;
}

/**
 * Looks at the page's `WebSocket.prototype.send` with privileged eyes, in the content process of
 * `browserExpression` (a one-shot frame script): a page hook, however disguised, is not the
 * engine's native function there.
 */
export async function probeSend(launched: FirefoxLaunched, browserExpression: string): Promise<SendProbe> {
  const frameScript = `(() => {
    const { addDebuggerToGlobal } = ChromeUtils.importESModule('resource://gre/modules/jsdebugger.sys.mjs');
    addDebuggerToGlobal(globalThis);
    const reply = (value) => sendAsyncMessage(__NAME__, value);
    try {
      const dbg = new Debugger();
      const global = dbg.addDebuggee(content);
      const page = content.wrappedJSObject;
      const send = Object.getOwnPropertyDescriptor(page.WebSocket.prototype, 'send').value;
      const fn = global.makeDebuggeeValue(send);
      const native = !fn.isProxy && !fn.isBoundFunction && !fn.script;
      reply({ ok: true, value: { url: content.location.href, pageToString: page.Function.prototype.toString.call(send), native } });
      dbg.removeAllDebuggees();
    } catch (e) { reply({ ok: false, error: String(e && e.stack || e) }); }
  })()`;
  const answer = await launched.chrome<string>(`(async () => {
    ${PRELUDE}
    const browser = ${browserExpression};
    const mm = browser.messageManager;
    const name = 'sockets-e2e-probe:' + Math.random().toString(36).slice(2);
    return await new Promise((resolve) => {
      const timer = setTimeout(() => { mm.removeMessageListener(name, listener); resolve(JSON.stringify({ ok: false, error: 'no answer in 10 s' })); }, 10000);
      const listener = (m) => { clearTimeout(timer); mm.removeMessageListener(name, listener); resolve(JSON.stringify(m.data)); };
      mm.addMessageListener(name, listener);
      mm.loadFrameScript('data:application/javascript,' + encodeURIComponent(${JSON.stringify(frameScript)}.replace('__NAME__', JSON.stringify(name))), false);
    });
  })()`);
  const result = JSON.parse(answer) as { ok: boolean; value?: SendProbe; error?: string };
  if (!result.ok) throw new Error(`probe: ${result.error}`);
  return result.value!;
}
