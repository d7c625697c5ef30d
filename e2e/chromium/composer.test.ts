import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { gridRows, selectSocket, until, waitForSocket } from '../support/panel';
import { composerStatus, openComposer, typeInComposer } from '../support/composer';

let server: TestServer;
let browser: Launched;
let page: Page;
let panel: Frame;
let url: string;
let run = 0;

type Win = { seen: string[]; ws: WebSocket };

before(async () => {
  server = await startServer({
    '/composer': (u) => `<!doctype html><title>composer</title><script>
      window.seen = [];
      window.ws = new WebSocket(location.origin.replace('http', 'ws') + '/record?${u.searchParams.get('n')}');
      ws.binaryType = 'arraybuffer';
      ws.onmessage = (e) => seen.push(typeof e.data === 'string' ? e.data : 'bin:' + Array.from(new Uint8Array(e.data)).join(','));
      ws.onopen = () => ws.send('page says hi');
    </script>`,
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  run++;
  page = await browser.context.newPage();
  await page.goto(`${server.origin}/composer?n=c${run}`);
  panel = (await openPanelFor(browser, page)).panel;
  url = `${server.ws}/record?c${run}`;
  await waitForSocket(panel, (s) => s.url === url && s.messages === 2);
});

const framesFor = (n: number) => server.received.filter((f) => f.path === '/record').slice(n);
const seen = () => page.evaluate(() => (window as unknown as Win).seen);

describe('composer (Chromium)', () => {
  it('sends a typed message through the page\'s socket; the server gets it and the page sees the echo', async () => {
    const before = server.received.length;
    await openComposer(panel, url, 'text');
    await typeInComposer(panel, 'typed in DevTools');
    await panel.click('[data-action=composer-send]');
    await until(() => composerStatus(panel), (s) => s.status === 'ok', 'send ok');
    await until(() => Promise.resolve(framesFor(before).length), (n) => n === 1, 'server got it');
    assert.equal(framesFor(before)[0].data.toString(), 'typed in DevTools');
    await until(seen, (s) => s.includes('typed in DevTools'), 'page saw the echo');
    await selectSocket(panel, url);
    const rows = await until(() => gridRows(panel), (r) => r.filter((x) => x.kind === 'message').length === 4, 'four messages');
    const sent = rows.find((r) => r.origin === 'devtools');
    assert.equal(sent?.direction, 'sent');
    assert.match(sent!.payload, /typed in DevTools/);
  });

  it('sends binary typed as hex byte-exact', async () => {
    const before = server.received.length;
    await openComposer(panel, url, 'hex');
    await typeInComposer(panel, '00 ff 10 80 7f');
    await panel.click('[data-action=composer-send]');
    await until(() => Promise.resolve(framesFor(before).length), (n) => n === 1, 'server got it');
    const frame = framesFor(before)[0];
    assert.equal(frame.binary, true);
    assert.deepEqual([...frame.data], [0x00, 0xff, 0x10, 0x80, 0x7f]);
    await until(seen, (s) => s.includes('bin:0,255,16,128,127'), 'page saw the binary echo');
  });

  it('simulates an incoming message: the page handler runs and the server receives nothing', async () => {
    const before = server.received.length;
    await openComposer(panel, url, 'json');
    await typeInComposer(panel, '{"simulated":true}');
    await panel.click('[data-action=composer-simulate]');
    await until(() => composerStatus(panel), (s) => s.status === 'ok', 'simulate ok');
    await until(seen, (s) => s.includes('{"simulated":true}'), 'page handler ran');
    // Something the server does receive after it proves the simulated one never went out.
    await page.evaluate(() => (window as unknown as Win).ws.send('marker'));
    await until(() => Promise.resolve(framesFor(before).length), (n) => n >= 1, 'marker arrived');
    assert.deepEqual(framesFor(before).map((f) => f.data.toString()), ['marker']);
    await selectSocket(panel, url);
    const rows = await until(() => gridRows(panel), (r) => r.some((x) => x.origin === 'simulated'), 'simulated row');
    assert.equal(rows.find((x) => x.origin === 'simulated')?.direction, 'received');
  });

  it('resends a captured binary message with identical bytes', async () => {
    await page.evaluate(() => (window as unknown as Win).ws.send(new Uint8Array([9, 8, 7, 0, 255])));
    await waitForSocket(panel, (s) => s.url === url && s.messages === 4);
    const before = server.received.length;
    await selectSocket(panel, url);
    const rows = panel.locator('[role=row][data-direction=sent]');
    await rows.nth(1).click({ button: 'right' });
    await panel.click('[data-role=context-menu] >> text=Resend…');
    await panel.click('[data-action=composer-send]');
    await until(() => Promise.resolve(framesFor(before).length), (n) => n === 1, 'server got the resend');
    assert.deepEqual([...framesFor(before)[0].data], [9, 8, 7, 0, 255]);
    assert.equal(framesFor(before)[0].binary, true);
  });

  it('refuses to send on a closed socket, says why, and sends nothing', async () => {
    await openComposer(panel, url, 'text');
    await typeInComposer(panel, 'too late');
    await page.evaluate(() => (window as unknown as Win).ws.close(1000, 'closing first'));
    await waitForSocket(panel, (s) => s.url === url && s.state === 'closed');
    const before = server.received.length;
    assert.equal(await panel.isDisabled('[data-action=composer-send]'), true);
    assert.match((await panel.textContent('[data-role=composer-unavailable]')) ?? '', /socket is closed/);
    assert.equal(framesFor(before).length, 0);
  });

  it('shows invalid JSON with its position and does not send', async () => {
    await openComposer(panel, url, 'json');
    await typeInComposer(panel, '{"a": [1, 2}');
    assert.match((await panel.textContent('[data-role=composer-validation]')) ?? '', /Invalid JSON.*\(at 11\)/);
    assert.equal(await panel.isDisabled('[data-action=composer-send]'), true);
  });

  it('gives a page script no way to make the extension send', async () => {
    const before = server.received.length;
    await page.evaluate(async () => {
      const attempts = [
        { type: 'command', action: 'send', socket: 1, payload: { text: 'forged' }, doc: 'x', requestId: 1, panelId: 'p' },
        { k: 'send', id: 1, socket: 1, data: 'forged' },
      ];
      for (const a of attempts) {
        window.postMessage(a, '*');
        document.dispatchEvent(new MessageEvent('sockets-devtools:hook-port', { data: a }));
        document.dispatchEvent(new CustomEvent('sockets-devtools:relay-ready', { detail: a }));
      }
      const c = new MessageChannel();
      document.dispatchEvent(new MessageEvent('sockets-devtools:hook-port', { ports: [c.port2] }));
      c.port1.postMessage({ k: 'send', id: 1, socket: 1, data: 'forged' });
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      if (typeof runtime?.sendMessage === 'function') {
        try {
          (runtime.sendMessage as (...a: unknown[]) => void)('x', attempts[0]);
        } catch {
          /* expected: pages cannot message the extension */
        }
      }
    });
    // A real message after the forgeries: only it may reach the server.
    await page.evaluate(() => (window as unknown as Win).ws.send('real'));
    await until(() => Promise.resolve(framesFor(before).length), (n) => n >= 1, 'real message arrived');
    assert.deepEqual(framesFor(before).map((f) => f.data.toString()), ['real']);
    const rows = await socketRowsCount();
    assert.equal(rows, 4);
  });
});

async function socketRowsCount() {
  const s = await waitForSocket(panel, (r) => r.url === url && r.messages >= 4);
  return s.messages;
}
