import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { INSECURE_HOST, gridRows, launchFirefox, openSocketsPanel, selectSocket, until, waitForSocket, type FirefoxLaunched, type FirefoxPanel } from '../support/firefox';
import { startServer, type TestServer } from '../support/server';
import { EARLY_PAGE, assertEarlyMessages } from '../support/pages';

let server: TestServer;
let firefox: FirefoxLaunched;

/** A top page without sockets; its same-origin iframe opens one. */
const FRAMED_PAGE = `<!doctype html><title>framed</title><body><iframe src="/inner"></iframe></body>`;
const INNER_PAGE = `<!doctype html><title>inner</title><script>
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?frame');
  ws.onopen = () => ws.send('hello from the frame');
  ws.onmessage = () => (window.echoed = true);
</script>`;

/** Served from a host that is not a secure context (plain http, not localhost). */
const PLAIN_PAGE = `<!doctype html><title>plain http</title><script>
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?plain');
  ws.onopen = () => ws.send('hello over plain http');
</script>`;

const pageValue = <T>(page: Page, fn: () => T) => page.evaluate(fn) as Promise<T>;

before(async () => {
  server = await startServer({ '/early': EARLY_PAGE, '/framed': FRAMED_PAGE, '/inner': INNER_PAGE, '/plain': PLAIN_PAGE });
  firefox = await launchFirefox();
});
after(async () => {
  await firefox?.close();
  await server?.close();
});

describe('a socket opened by the first inline <head> script (Firefox panel)', () => {
  const url = () => `${server.ws}/record?early`;
  let page: Page;
  let panel: FirefoxPanel;

  before(async () => {
    page = await firefox.newPage();
    await page.goto(`${server.origin}/early`);
    await until(() => pageValue(page, () => (window as unknown as { echoes: string[] }).echoes.length), (n) => n === 2, 'the page to get both echoes');
    panel = await openSocketsPanel(page);
  });
  after(async () => {
    await panel?.close();
    await page?.close();
  });

  it('is listed as closed with its 4 messages', async () => {
    const socket = await waitForSocket(panel, (s) => s.url === url() && s.state === 'closed', 'the closed early socket');
    assert.equal(socket.messages, 4);
  });

  it('shows the close code and reason', async () => {
    const socket = await waitForSocket(panel, (s) => s.url === url() && s.state === 'closed', 'the closed early socket');
    assert.match(socket.text, /4000 bye now/);
    await selectSocket(panel, url());
    const rows = await until(() => gridRows(panel), (r) => r.some((x) => x.kind === 'closed'), 'the closed row');
    assert.match(rows.at(-1)!.text, /code 4000, reason "bye now"/);
  });

  it('shows text and binary messages both ways, in order, after a click on the socket', async () => {
    await selectSocket(panel, url());
    const rows = await until(() => gridRows(panel), (r) => r.filter((x) => x.kind === 'message').length === 4, 'four message rows');
    assertEarlyMessages(rows);
  });

  it('did not delay the page: its first message reached the server', () => {
    assert.equal(server.received.find((f) => f.path === '/record')?.data.toString(), 'first from head');
  });
});

describe('a socket opened in a same-origin iframe (Firefox panel)', () => {
  const url = () => `${server.ws}/echo?frame`;
  let page: Page;
  let panel: FirefoxPanel;

  before(async () => {
    page = await firefox.newPage();
    await page.goto(`${server.origin}/framed`);
    panel = await openSocketsPanel(page);
  });
  after(async () => {
    await panel?.close();
    await page?.close();
  });

  it('is listed with its frame', async () => {
    const socket = await waitForSocket(panel, (s) => s.url === url() && s.messages === 2, 'the iframe socket with its echo');
    assert.match(socket.title, new RegExp(`frame: ${server.origin}/inner`));
    assert.match(socket.text, new RegExp(`· frame 127\\.0\\.0\\.1:${server.port}`));
  });

  it('shows its messages after a click on the socket', async () => {
    await waitForSocket(panel, (s) => s.url === url() && s.messages === 2, 'the iframe socket with its echo');
    await selectSocket(panel, url());
    const rows = await until(() => gridRows(panel), (r) => r.filter((x) => x.kind === 'message').length === 2, 'two message rows');
    const messages = rows.filter((r) => r.kind === 'message');
    assert.deepEqual(messages.map((m) => [m.direction, /hello from the frame/.test(m.payload)]), [['sent', true], ['received', true]]);
  });
});

describe('a socket on a plain-http page (not a secure context)', () => {
  it(
    'is listed',
    async () => {
      const page = await firefox.newPage();
      try {
        await page.goto(`http://${INSECURE_HOST}:${server.port}/plain`);
        assert.equal(await pageValue(page, () => isSecureContext), false);
        const panel = await openSocketsPanel(page);
        await waitForSocket(panel, (s) => s.url === `ws://${INSECURE_HOST}:${server.port}/echo?plain` && s.messages === 2, 'the plain-http socket', 10_000);
        await panel.close();
      } finally {
        await page.close();
      }
    },
  );
});
