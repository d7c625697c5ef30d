import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { until } from '../support/panel';

/**
 * The hook runs in the page's world, so its frames are in the stack of every socket the page opens.
 * Its inline source map ignore-lists it (vite.config.ts): DevTools' Network panel names the page's
 * own line as the socket's initiator, as without the extension. (Chromium only: the Firefox driver
 * reaches the Sockets panel, not the Network panel.)
 */
const PAGE = '<script>\nnew WebSocket(location.origin.replace(/^http/, "ws") + "/echo?initiator");\n</script>';
/** The initiator cell of the socket's row in DevTools' Network panel (its grid is inside shadow roots). */
const INITIATOR = `(() => {
  function find(root) {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches('tr') && /echo\\?initiator/.test(el.textContent || '')) return el.querySelector('td.initiator-column')?.textContent ?? '';
      const inner = el.shadowRoot && find(el.shadowRoot);
      if (inner) return inner;
    }
    return '';
  }
  return find(document);
})()`;

let server: TestServer;
let browser: Launched | undefined;

before(async () => {
  server = await startServer({ '/initiator.html': PAGE });
  browser = await launchChromium({ extension: true, devtools: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('DevTools ignore-lists the hook (Chromium)', () => {
  it('names the page\'s own code as a socket\'s initiator in the Network panel', async () => {
    const page = await browser!.context.newPage();
    await page.goto(`${server.origin}/initiator.html`);
    const { devtools } = await openPanelFor(browser!, page);
    await devtools.evaluate(async () => {
      const UI = await import('devtools://devtools/bundled/ui/legacy/legacy.js' as string);
      await UI.ViewManager.ViewManager.instance().showView('network');
    });
    await page.reload();
    // The cell names the hook until DevTools has read the hook's inline source map and ignore-listed it.
    const initiator = await until(() => devtools.evaluate<string>(INITIATOR), (text) => /\S/.test(text) && !/hook\.iife/.test(text), 'the socket\'s initiator cell naming the page', 60_000);
    assert.match(initiator, /^initiator\.html:2/);
  });
});
