import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { INSECURE_HOST, gridRows, launchFirefox, openExtensionPage, openSocketsPanel, selectSocket, socketRows, until, waitForSocket, type FirefoxLaunched } from '../support/firefox';
import { startServer, type TestServer } from '../support/server';
import { COUNT_EXTENSION_TRAFFIC, QUIET_CHILD, chattyPage, framesPage } from '../support/quiet-pages';
import { EARLY_PAGE, assertEarlyMessages } from '../support/pages';

let server: TestServer;
let firefox: FirefoxLaunched;
/** An extension page in a tab: counts what the extension receives, sets its storage. */
let extensionPage: Page;

type Received = { type: string; url?: string };
const received = () => extensionPage.evaluate('received') as Promise<Received[]>;
const setLimits = (limits: object) => extensionPage.evaluate(`browser.storage.local.set({ limits: ${JSON.stringify(limits)} })`);

before(async () => {
  server = await startServer({
    '/frames': () => framesPage(`http://${INSECURE_HOST}:${server.port}`),
    '/quiet-child': QUIET_CHILD,
    '/early': EARLY_PAGE,
    '/early-frame': () => `<!doctype html><title>early frame</title><iframe src="http://${INSECURE_HOST}:${server.port}/early"></iframe>`,
    '/chatty': chattyPage(300),
  });
  firefox = await launchFirefox();
  extensionPage = await openExtensionPage(firefox, 'src/devtools/devtools.html');
  await extensionPage.evaluate(COUNT_EXTENSION_TRAFFIC);
});
after(async () => {
  await firefox?.close();
  await server?.close();
});

describe('pages nobody debugs (Firefox)', () => {
  // Firefox gives tests no handle on a content script's sandbox: what its frames hold is checked in
  // Chromium; here, what they send.
  it('a page loading 20 frames without sockets sends nothing to the background', async () => {
    const page = await firefox.newPage();
    await page.goto(`${server.origin}/frames`, { waitUntil: 'load' });
    assert.equal(page.frames().length, 21);
    // Control: the top frame's first socket starts its relay, whose hello is then the only message.
    await page.evaluate(() => void new WebSocket(location.origin.replace('http', 'ws') + '/echo?control'));
    const got = await until(received, (r) => r.some((m) => m.type === 'hello'), 'the control hello');
    assert.deepEqual(got, [{ type: 'hello', url: `${server.origin}/frames` }]);
    await page.close();
  });

  it('a frame whose first inline script opens a socket still shows that socket with every message', async () => {
    const page = await firefox.newPage();
    await page.goto(`${server.origin}/early-frame`, { waitUntil: 'load' });
    const frame = page.frames().find((f) => f.url().endsWith('/early'))!;
    await until(() => frame.evaluate('window.echoes?.length ?? 0') as Promise<number>, (n) => n === 2, 'both echoes in the frame');
    const panel = await openSocketsPanel(page);
    const socket = await waitForSocket(panel, (s) => s.url.endsWith('/record?early') && s.state === 'closed' && s.messages === 4, 'the closed early socket with 4 messages');
    await selectSocket(panel, socket.url);
    assertEarlyMessages(await until(() => gridRows(panel), (rows) => rows.filter((r) => r.kind === 'message').length === 4, 'the four message rows'));
    await panel.close();
    await page.close();
  });

  describe('an unwatched document past the unwatched bound', () => {
    before(() => setLimits({ unwatchedHead: 3, unwatchedMessages: 20 }));
    after(() => setLimits({}));

    it('keeps each socket\'s first messages and the last window, and the panel shows the gap with its count and time span', async () => {
      const page = await firefox.newPage();
      await page.goto(`${server.origin}/chatty?unwatched`);
      await until(() => page.evaluate('window.echoes') as Promise<number>, (n) => n === 300, 'all 300 echoes');
      const panel = await openSocketsPanel(page);
      const socket = await waitForSocket(panel, (s) => s.url.endsWith('?chatty-unwatched') && s.messages === 23, 'the socket with 3 + 20 messages');
      assert.match(socket.text, /577 not kept/);
      await panel.type('input[placeholder*="Filter"]', 'kept', { clear: true });
      const [gap] = await until(() => gridRows(panel), (rows) => rows.length === 1, 'the gap row alone');
      assert.equal(gap.kind, 'gap');
      assert.match(gap.text, /577 messages (between \d\d:\d\d:\d\d and \d\d:\d\d:\d\d|at \d\d:\d\d:\d\d) were not kept: DevTools was closed/);
      await panel.type('input[placeholder*="Filter"]', '/msg-000[1-4]$/', { clear: true });
      const head = await until(() => gridRows(panel), (rows) => rows.length === 3, 'the three head messages');
      assert.deepEqual(head.map((r) => [r.direction, r.payload]), [['sent', 'msg-0001'], ['sent', 'msg-0002'], ['sent', 'msg-0003']]);
      await panel.type('input[placeholder*="Filter"]', 'msg-0300', { clear: true });
      await until(() => gridRows(panel), (rows) => rows.length === 1 && rows[0].direction === 'received', 'the last echo');
      await panel.close();
      await page.close();
    });

    it('a document watched from the start keeps everything', async () => {
      const page = await firefox.newPage();
      await page.goto(`${server.origin}/frames?watched`);
      const panel = await openSocketsPanel(page);
      await page.goto(`${server.origin}/chatty?watched`);
      await until(() => page.evaluate('window.echoes') as Promise<number>, (n) => n === 300, 'all 300 echoes');
      await waitForSocket(panel, (s) => s.url.endsWith('?chatty-watched') && s.messages === 600, 'all 600 messages');
      assert.doesNotMatch((await socketRows(panel)).find((s) => s.url.endsWith('?chatty-watched'))!.text, /not kept/);
      await panel.close();
      await page.close();
    });
  });
});
