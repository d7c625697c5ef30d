// Firefox only: the toolbox's window host, container tabs (contextual identities) and private
// windows are Firefox features, driven through Firefox's chrome scope (gDevTools, gBrowser).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { PANEL_URL, contextIdOf, launchFirefox, type FirefoxLaunched } from '../support/firefox';
import { PRELUDE, openSocketsPanel, type FirefoxPanel } from '../support/firefox-panel';
import { socketRows, until, waitForSocket } from '../support/readers';
import { closePrivateWindow, openPrivateWindow, privateTabBrowser, probeSend, tabBrowser } from '../support/firefox-content';
import { startServer, type TestServer } from '../support/server';

/** Opens one socket to /echo under a name of its own (from ?name= or a random one); `say(text)` sends on it. */
const SOCKET_PAGE = `<!doctype html><title>one socket</title><script>
  const name = new URLSearchParams(location.search).get('name') || Math.random().toString(36).slice(2);
  window.socketUrl = location.origin.replace('http', 'ws') + '/echo?' + name;
  const ws = new WebSocket(socketUrl);
  window.opened = new Promise((r) => (ws.onopen = r));
  window.say = async (text) => { await opened; ws.send(text); };
</script>`;

/** Says one thing on a recorded socket, by itself (nothing drives a private window's page). */
const PRIVATE_PAGE = `<!doctype html><title>private</title><script>
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/record?private');
  ws.onopen = () => ws.send('from the private window');
</script>`;

let server: TestServer;
let firefox: FirefoxLaunched;

before(async () => {
  server = await startServer({ '/socket': SOCKET_PAGE, '/private': PRIVATE_PAGE });
  firefox = await launchFirefox();
});
after(async () => {
  await firefox?.close();
  await server?.close();
});

const socketUrlOf = (page: Page) => page.evaluate(() => (window as unknown as { socketUrl: string }).socketUrl);
const say = (page: Page, text: string) => page.evaluate((t) => (window as unknown as { say(t: string): Promise<void> }).say(t), text);

/** The tab's toolbox host type ('bottom', 'right', 'window'…) and the type of the window it is in. */
const hostOf = (page: Page) =>
  firefox.chrome<string>(`(() => { ${PRELUDE}
    const tab = tabFor(${JSON.stringify(contextIdOf(page))});
    const toolbox = gDevTools.getToolboxForTab(tab);
    return toolbox.hostType + ' in ' + toolbox.topWindow.document.documentElement.getAttribute('windowtype');
  })()`);

/** Waits for the panel page to be loaded and rendered (a host switch loads it again). */
async function panelLoaded(page: Page) {
  await until(
    () => firefox.chrome<string>(`(() => { ${PRELUDE} return panelBrowser(gDevTools.getToolboxForTab(tabFor(${JSON.stringify(contextIdOf(page))})))?.currentURI?.spec ?? ''; })()`),
    (url) => url.startsWith(PANEL_URL),
    'the Sockets panel page to load',
    60_000,
  );
}

describe('the toolbox docked in a window of its own, then at the bottom and to the right', () => {
  let page: Page;
  let panel: FirefoxPanel;
  let url: string;
  /** Every message so far, sent and echoed: none may be lost by a host switch (it loads the panel again). */
  let messages = 2;

  before(async () => {
    page = await firefox.newPage();
    await page.goto(`${server.origin}/socket?name=docking`);
    url = await socketUrlOf(page);
    await say(page, 'before the toolbox');
    panel = await openSocketsPanel(page);
    await waitForSocket(panel, (s) => s.url === url && s.messages === 2, 'the socket with its first echo');
  });
  after(async () => {
    await panel?.close();
    await page?.close();
  });

  for (const [host, where] of [['window', 'window in devtools:toolbox'], ['bottom', 'bottom in navigator:browser'], ['right', 'right in navigator:browser']] as const) {
    it(`docked ${host}: the panel still lists the socket and takes its new messages`, async () => {
      await firefox.chrome(`(async () => { ${PRELUDE}
        await gDevTools.getToolboxForTab(tabFor(${JSON.stringify(contextIdOf(page))})).switchHost(${JSON.stringify(host)});
      })()`);
      assert.equal(await hostOf(page), where);
      await panelLoaded(page);
      await waitForSocket(panel, (s) => s.url === url && s.state === 'open' && s.messages === messages, `the open socket with its ${messages} messages, docked ${host}`, 60_000);
      await say(page, `docked ${host}`);
      messages += 2;
      await waitForSocket(panel, (s) => s.url === url && s.messages === messages, `the message sent docked ${host} and its echo`, 60_000);
    });
  }
});

describe('two container tabs on the same page', () => {
  const tabs: { page: Page; panel?: FirefoxPanel; url: string }[] = [];

  before(async () => {
    for (let i = 0; i < 2; i++) {
      // A puppeteer browser context is a Firefox user context: its tabs are container tabs.
      const context = await firefox.browser.createBrowserContext();
      const page = await context.newPage();
      await page.goto(`${server.origin}/socket`);
      tabs.push({ page, url: await socketUrlOf(page) });
    }
  });
  after(async () => {
    for (const t of tabs) {
      await t.panel?.close();
      await t.page.close().catch(() => {});
      await t.page.browserContext().close().catch(() => {});
    }
  });

  it('are two containers, each with its own socket', async () => {
    const ids = await Promise.all(tabs.map((t) => firefox.chrome<number>(`(() => { ${PRELUDE} return tabFor(${JSON.stringify(contextIdOf(t.page))}).userContextId; })()`)));
    assert.ok(ids.every((id) => id > 0), `container ids ${ids}`);
    assert.notEqual(ids[0], ids[1]);
    assert.equal(await tabs[0].page.evaluate(() => location.href), await tabs[1].page.evaluate(() => location.href));
    assert.notEqual(tabs[0].url, tabs[1].url);
  });

  it("each tab's panel shows only that tab's socket", async () => {
    for (const t of tabs) {
      await say(t.page, 'from this container');
      t.panel = await openSocketsPanel(t.page);
    }
    for (const [i, t] of tabs.entries()) {
      await waitForSocket(t.panel!, (s) => s.url === t.url && s.messages === 2, `container tab ${i + 1}'s socket with its echo`, 60_000);
    }
    // Both panels are live: a new message in the second tab reaches its panel, and only its panel.
    await say(tabs[1].page, 'later');
    await waitForSocket(tabs[1].panel!, (s) => s.url === tabs[1].url && s.messages === 4, "the second tab's later message", 60_000);
    for (const t of tabs) assert.deepEqual((await socketRows(t.panel!)).map((s) => s.url), [t.url]);
  });
});

describe('a page in a private window, where the extension is not allowed by default', () => {
  let page: Page;
  let panel: FirefoxPanel;
  let url: string;

  before(async () => {
    page = await firefox.newPage();
    await page.goto(`${server.origin}/socket?name=normal`);
    url = await socketUrlOf(page);
    await say(page, 'from a normal tab');
    panel = await openSocketsPanel(page);
    await waitForSocket(panel, (s) => s.url === url && s.messages === 2, "the normal tab's socket with its echo");
    await openPrivateWindow(firefox, `${server.origin}/private`);
    await until(async () => server.received.filter((f) => f.data.toString() === 'from the private window').length, (n) => n === 1, 'the private page to send on its socket', 60_000);
  });
  after(async () => {
    await closePrivateWindow(firefox).catch(() => {});
    await panel?.close();
    await page?.close();
  });

  it('has no hook: its WebSocket.prototype.send is the native one', async () => {
    const hooked = await probeSend(firefox, tabBrowser(contextIdOf(page)));
    assert.equal(hooked.native, false, 'the probe sees the hook in a normal tab');
    const probe = await probeSend(firefox, privateTabBrowser);
    assert.equal(probe.url, `${server.origin}/private`);
    assert.equal(probe.native, true);
    // What the page itself sees is the same either way (the hook is invisible to pages).
    assert.equal(probe.pageToString, hooked.pageToString);
  });

  it("shows nothing in a normal tab's panel", async () => {
    await say(page, 'after the private page');
    await waitForSocket(panel, (s) => s.url === url && s.messages === 4, "the normal tab's later message");
    assert.deepEqual((await socketRows(panel)).map((s) => s.url), [url]);
  });
});
