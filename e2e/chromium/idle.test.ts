import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { gridRows, socketRows, until, waitForSocket } from '../support/panel';
import { setExtensionStorage, stopServiceWorker } from '../support/worker';
import { COUNT_EXTENSION_TRAFFIC, QUIET_CHILD, chattyPage, framesPage } from '../support/quiet-pages';
import { EARLY_PAGE, assertEarlyMessages } from '../support/pages';

let server: TestServer;
let browser: Launched;
const CROSS = 'sockets.test';

before(async () => {
  server = await startServer({
    '/frames': () => framesPage(`http://${CROSS}:${server.port}`),
    '/quiet-child': QUIET_CHILD,
    '/early': EARLY_PAGE,
    '/early-frame': () => `<!doctype html><title>early frame</title><iframe src="http://${CROSS}:${server.port}/early"></iframe>`,
    '/chatty': chattyPage(300),
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

type Received = { type: string; url?: string };

/** An extension page in a tab that records every runtime message and port the extension receives. */
async function trafficCounter(): Promise<{ received: () => Promise<Received[]>; close: () => Promise<void> }> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/src/devtools/devtools.html`);
  await page.evaluate(COUNT_EXTENSION_TRAFFIC);
  return { received: () => page.evaluate('received') as Promise<Received[]>, close: () => page.close() };
}

/** Whether the extension's service worker starts, from now on (CDP ServiceWorker domain). */
async function workerStarts(page: Page): Promise<{ count: () => number; detach: () => Promise<void> }> {
  const cdp: CDPSession = await browser.context.newCDPSession(page);
  let starts = 0;
  let running = true;
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
    const ours = e.versions.filter((v) => v.scriptURL.includes(browser.extensionId));
    if (ours.length === 0) return;
    const now = ours.some((v) => v.runningStatus === 'starting' || v.runningStatus === 'running');
    if (now && !running) starts++;
    running = now;
  });
  await cdp.send('ServiceWorker.enable');
  return { count: () => starts, detach: () => cdp.detach() };
}

/** For every frame of the page: does the extension's content script listen for extension messages? */
async function relayListeners(page: Page): Promise<boolean[]> {
  const out: boolean[] = [];
  const sessions = [await browser.context.newCDPSession(page)];
  for (const frame of page.frames()) if (new URL(frame.url()).hostname === CROSS) sessions.push(await browser.context.newCDPSession(frame));
  for (const cdp of new Set(sessions)) {
    const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    for (const c of contexts.filter((c) => c.auxData?.type === 'isolated' && c.name.startsWith('Sockets'))) {
      const r = (await cdp.send('Runtime.evaluate', { contextId: c.id, expression: 'chrome.runtime.onMessage.hasListeners()', returnByValue: true })) as { result: { value: boolean } };
      out.push(r.result.value);
    }
    await cdp.detach();
  }
  return out;
}

describe('pages nobody debugs (Chromium)', () => {
  it('a page loading 20 frames without sockets sends nothing to the background, and its frames run only the relay stub', async () => {
    const counter = await trafficCounter();
    await stopServiceWorker(browser);
    const page = await browser.context.newPage();
    const worker = await workerStarts(page);
    await page.goto(`${server.origin}/frames`, { waitUntil: 'load' });
    assert.equal(page.frames().length, 21);
    const listening = await relayListeners(page);
    assert.equal(listening.length, 21, 'one relay stub in every frame');
    assert.deepEqual(listening.filter(Boolean), [], 'no frame listens for extension messages');
    // Control: the top frame's first socket starts its relay, whose hello is then the only message.
    await page.evaluate(() => void new WebSocket(location.origin.replace('http', 'ws') + '/echo?control'));
    const received = await until(counter.received, (r) => r.some((m) => m.type === 'hello'), 'the control hello');
    assert.deepEqual(received, [{ type: 'hello', url: `${server.origin}/frames` }]);
    assert.equal(worker.count(), 1, 'the worker started for the control hello only');
    await worker.detach();
    await counter.close();
    await page.close();
  });

  it('a frame whose first inline script opens a socket still shows that socket with every message', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/early-frame`);
    const frame = await until(async () => page.frames().find((f) => f.url().endsWith('/early')), (f) => f !== undefined, 'the early frame');
    await until(() => frame!.evaluate('window.echoes?.length ?? 0') as Promise<number>, (n) => n === 2, 'both echoes in the frame');
    const { panel } = await openPanelFor(browser, page);
    const socket = await waitForSocket(panel, (s) => s.url.endsWith('/record?early') && s.state === 'closed' && s.messages === 4, 'the closed early socket with 4 messages');
    await panel.click(`[data-socket-url="${socket.url}"]`);
    assertEarlyMessages(await until(() => gridRows(panel), (rows) => rows.filter((r) => r.kind === 'message').length === 4, 'the four message rows'));
    await page.close();
  });

  it('the settings view sets and resets the bounds and shows each document\'s memory', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/chatty?settings`);
    await until(() => page.evaluate('window.echoes') as Promise<number>, (n) => n === 300, 'all 300 echoes');
    const { panel } = await openPanelFor(browser, page);
    await waitForSocket(panel, (s) => s.url.endsWith('?chatty-settings'), 'the socket');
    await panel.click('[data-tab=settings]');
    const usage = await until(() => panel.$$eval('[data-role=document-memory]', (rows) => rows.map((r) => r.textContent ?? '')), (rows) => rows.length === 1 && /\d+(\.\d)? kB/.test(rows[0]), 'the page\'s memory in use');
    assert.match(usage[0], /chatty\?settings/);
    await panel.fill('[data-setting=unwatchedHead]', '7');
    await panel.fill('[data-setting=unwatchedBytes]', '2');
    await panel.click('[data-action=save-settings]');
    const sw = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    const stored = () => sw.evaluate(() => chrome.storage.local.get('limits').then((s) => (s.limits ?? null) as Record<string, number> | null));
    const saved = await until(stored, (l) => l?.unwatchedHead === 7, 'the saved setting');
    assert.equal(saved!.unwatchedBytes, 2 * 1024 * 1024);
    assert.equal(saved!.maxEvents, 1_000_000);
    await panel.click('[data-action=reset-settings]');
    await until(stored, (l) => l === null, 'the setting removed');
    assert.equal(await panel.inputValue('[data-setting=unwatchedHead]'), '200');
    await page.close();
  });

  describe('an unwatched document past the unwatched bound', () => {
    before(() => setExtensionStorage(browser, { limits: { unwatchedHead: 3, unwatchedMessages: 20 } }));
    after(() => setExtensionStorage(browser, { limits: {} }));

    it('keeps each socket\'s first messages and the last window, and the panel shows the gap with its count and time span', async () => {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/chatty?unwatched`);
      await until(() => page.evaluate('window.echoes') as Promise<number>, (n) => n === 300, 'all 300 echoes');
      const { panel } = await openPanelFor(browser, page);
      const socket = await waitForSocket(panel, (s) => s.url.endsWith('?chatty-unwatched') && s.messages === 23, 'the socket with 3 + 20 messages');
      assert.match(socket.text, /577 not kept/);
      await panel.fill('input[placeholder*="Filter"]', 'kept');
        const [gap] = await until(() => gridRows(panel), (rows) => rows.length === 1, 'the gap row alone');
      assert.equal(gap.kind, 'gap');
      assert.match(gap.text, /577 messages (between \d\d:\d\d:\d\d and \d\d:\d\d:\d\d|at \d\d:\d\d:\d\d) were not kept: DevTools was closed/);
      // The head: the first three sent; the window: the last 20 echoes.
      await panel.fill('input[placeholder*="Filter"]', '/msg-000[1-4]$/');
      const head = await until(() => gridRows(panel), (rows) => rows.length === 3, 'the three head messages');
      assert.deepEqual(head.map((r) => [r.direction, r.payload]), [['sent', 'msg-0001'], ['sent', 'msg-0002'], ['sent', 'msg-0003']]);
      await panel.fill('input[placeholder*="Filter"]', 'msg-0300');
      await until(() => gridRows(panel), (rows) => rows.length === 1 && rows[0].direction === 'received', 'the last echo');
      await page.close();
    });

    it('a document watched from the start keeps everything', async () => {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/frames?watched`);
      const { panel } = await openPanelFor(browser, page);
      await page.goto(`${server.origin}/chatty?watched`);
      await until(() => page.evaluate('window.echoes') as Promise<number>, (n) => n === 300, 'all 300 echoes');
      await waitForSocket(panel, (s) => s.url.endsWith('?chatty-watched') && s.messages === 600, 'all 600 messages');
      assert.doesNotMatch((await socketRows(panel)).find((s) => s.url.endsWith('?chatty-watched'))!.text, /not kept/);
      await page.close();
    });
  });
});
