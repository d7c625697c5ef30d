import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { count, socketRows, until, waitForSocket } from '../support/panel';
import { setExtensionStorage, stopServiceWorker } from '../support/worker';

let server: TestServer;
let browser: Launched;

const TICKER = (name: string) => `<!doctype html><title>${name}</title><script>
  window.echoes = 0;
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?${name}');
  ws.onmessage = () => window.echoes++;
  ws.onopen = () => ws.send('hello ${name}');
</script>`;

before(async () => {
  server = await startServer({
    '/ticker': (url) => TICKER(url.searchParams.get('n') ?? 'x'),
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

type Win = { echoes: number; ws: WebSocket; sent: number };

describe('transport (Chromium)', () => {
  it('loses nothing and repeats nothing when the service worker is stopped mid-stream', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/ticker?n=restart`);
    const { panel } = await openPanelFor(browser, page);
    await waitForSocket(panel, (s) => s.url.endsWith('?restart') && s.messages === 2);
    // The page streams 400 numbered messages, one every 4 ms, while the worker is stopped.
    await page.evaluate(() => {
      const w = window as unknown as Win;
      w.sent = 0;
      const timer = setInterval(() => {
        w.ws.send(`tick #${++w.sent}`);
        if (w.sent === 400) clearInterval(timer);
      }, 4);
    });
    await page.evaluate('window.ws = ws');
    await until(() => page.evaluate(() => (window as unknown as Win).echoes), (n) => n > 80, 'stream under way');
    await stopServiceWorker(browser);
    await until(() => page.evaluate(() => (window as unknown as Win).echoes), (n) => n === 401, 'all echoes');
    const socket = await waitForSocket(panel, (s) => s.url.endsWith('?restart') && s.messages >= 802, 'all 802 messages');
    assert.equal(socket.messages, 802);
    // After the restart the panel is live again: one more message arrives, and nothing twice.
    await page.evaluate(() => (window as unknown as Win).ws.send('after restart'));
    const later = await waitForSocket(panel, (s) => s.url.endsWith('?restart') && s.messages >= 804);
    assert.equal(later.messages, 804);
    assert.equal(await count(panel, 'total-count'), 806); // + created and open
    await page.close();
  });

  it('captures all of a 100,000-message flood while the page sees all its echoes', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/ticker?n=flood`);
    const { panel } = await openPanelFor(browser, page);
    await waitForSocket(panel, (s) => s.url.endsWith('?flood') && s.messages === 2);
    await page.evaluate('window.ws = ws');
    await page.evaluate(async () => {
      const w = window as unknown as Win;
      for (let i = 0; i < 100_000; i++) {
        w.ws.send(`flood message ${String(i).padStart(6, '0')} ..................`);
        if (i % 2000 === 1999) await new Promise((r) => setTimeout(r, 0));
      }
    });
    await until(() => page.evaluate(() => (window as unknown as Win).echoes), (n) => n === 100_001, 'page saw all echoes', 120_000);
    const socket = await until(
      async () => (await socketRows(panel)).find((s) => s.url.endsWith('?flood')),
      (s) => (s?.messages ?? 0) >= 200_002,
      'panel has all flood messages',
      120_000,
    );
    assert.equal(socket!.messages, 200_002);
    assert.equal(await count(panel, 'dropped-count'), 0);
    await page.close();
  });

  it('starts fresh on navigation, and keeps earlier sockets with Preserve log', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/ticker?n=nav`);
    const { panel } = await openPanelFor(browser, page);
    const first = await waitForSocket(panel, (s) => s.url.endsWith('?nav') && s.messages === 2);
    await page.reload();
    const second = await waitForSocket(panel, (s) => s.url.endsWith('?nav') && s.key !== first.key && s.messages === 2);
    assert.deepEqual((await socketRows(panel)).map((s) => s.key), [second.key]);

    await panel.check('[data-action=preserve-log]');
    await page.reload();
    const third = await waitForSocket(panel, (s) => s.url.endsWith('?nav') && s.key !== second.key && s.messages === 2);
    const rows = await socketRows(panel);
    assert.deepEqual(rows.map((s) => s.key), [second.key, third.key]);
    assert.match(rows[0].text, /previous page/);
    assert.match(rows[1].text, /current page/);
    await panel.uncheck('[data-action=preserve-log]');
    await page.close();
  });

  it('gives each of ten tabs a panel that sees exactly its own sockets', async () => {
    const pages = [];
    for (let i = 0; i < 10; i++) {
      const p = await browser.context.newPage();
      await p.goto(`${server.origin}/ticker?n=tab${i}`);
      pages.push(p);
    }
    for (let i = 0; i < 10; i++) {
      const { panel } = await openPanelFor(browser, pages[i]);
      await waitForSocket(panel, (s) => s.url.endsWith(`?tab${i}`) && s.messages === 2);
      assert.deepEqual((await socketRows(panel)).map((s) => s.url), [`${server.ws}/echo?tab${i}`]);
    }
    for (const p of pages) await p.close();
  });

  it('keeps memory bounded by the setting and shows how many were dropped', async () => {
    await setExtensionStorage(browser, { limits: { maxEvents: 500 } });
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/ticker?n=bounded`);
    await page.evaluate('window.ws = ws');
    await until(() => page.evaluate(() => (window as unknown as Win).echoes), (n) => n === 1, 'open');
    await page.evaluate(() => {
      for (let i = 0; i < 1000; i++) (window as unknown as Win).ws.send(`bounded ${i}`);
    });
    await until(() => page.evaluate(() => (window as unknown as Win).echoes), (n) => n === 1001, 'all echoes');
    const { panel } = await openPanelFor(browser, page);
    await until(() => count(panel, 'dropped-count'), (n) => n > 0, 'dropped count shown');
    const total = await count(panel, 'total-count');
    const dropped = await count(panel, 'dropped-count');
    assert.ok(total <= 500, `kept ${total}`);
    assert.equal(total + dropped, 2004); // created, open, 2002 messages
    await setExtensionStorage(browser, { limits: {} });
    await page.close();
  });
});
