import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import assert from 'node:assert/strict';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { EARLY_PAGE, assertEarlyMessages } from '../support/pages';
import { gridRows, recordRawBatches, selectSocket, until, waitForSocket } from '../support/panel';

/**
 * The first batch with at least `messages` messages, as the panel's port receives it: a second
 * subscription on the panel's own connection, reading the raw batches.
 */
async function firstRawBatch(panel: Frame, messages = 1) {
  return (await panel.evaluate(`new Promise((resolve) => {
    const port = chrome.runtime.connect({ name: 'sockets:panel' });
    port.onMessage.addListener(async (m) => {
      if (m.type !== 'batch' || !m.messages || m.messages.seq.length < ${messages}) return;
      port.disconnect();
      const blob = m.payloads instanceof Blob ? new Uint8Array(await m.payloads.arrayBuffer()) : undefined;
      const blobAt = m.messages.blobAt ?? [];
      resolve({
        blobSize: blob ? blob.length : -1,
        blobAt,
        blobBytesAt: blob ? blobAt.filter((at) => at >= 0).map((at) => blob[at]) : [],
        data: m.messages.data.map((d) => (d instanceof ArrayBuffer ? [...new Uint8Array(d)] : d)),
      });
    });
    port.postMessage({ type: 'subscribe', tabId: chrome.devtools.inspectedWindow.tabId, panelId: 'raw', cursors: {} });
  })`)) as { blobSize: number; blobAt: number[]; blobBytesAt: number[]; data: (string | number[])[] };
}

let server: TestServer;
let browser: Launched;

before(async () => {
  server = await startServer({
    '/early': EARLY_PAGE,
    '/tab': (url) => `<!doctype html><title>tab</title><script>
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?tab=${url.searchParams.get('n')}');
      ws.onopen = () => ws.send('hello from tab ${url.searchParams.get('n')}');
    </script>`,
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('capture in the real DevTools panel (Chromium)', () => {
  it('shows a socket opened by the first inline head script, with text and binary both ways and the close', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/early`);
    await until(() => page.evaluate(() => (window as unknown as { echoes: string[] }).echoes.length), (n) => n === 2, 'page echoes');
    const { panel } = await openPanelFor(browser, page);
    const url = `${server.ws}/record?early`;
    const socket = await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'closed early socket');
    assert.equal(socket.messages, 4);
    assert.match(socket.text, /4000 bye now/);
    await selectSocket(panel, url);
    const rows = await until(() => gridRows(panel), (r) => r.some((x) => x.kind === 'closed'), 'closed row');
    assertEarlyMessages(rows);
    assert.match(rows.at(-1)!.text, /code 4000, reason "bye now"/);
    // The very first message was sent by the page before any other script ran, and reached the server.
    assert.equal(server.received.find((f) => f.path === '/record')?.data.toString(), 'first from head');
    await page.close();
  });

  it('sends a batch\'s few binary bytes inline, as ArrayBuffers (structured-clone messaging)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/early?inline`);
    await until(() => page.evaluate(() => (window as unknown as { echoes: string[] }).echoes.length), (n) => n === 2, 'page echoes');
    const { panel } = await openPanelFor(browser, page);
    const batch = await firstRawBatch(panel);
    assert.equal(batch.blobSize, -1);
    assert.deepEqual(batch.data.filter((d) => Array.isArray(d)), [[0, 1, 2, 253, 254, 255], [0, 1, 2, 253, 254, 255]]);
    assert.ok(batch.data.includes('first from head'));
    await page.close();
  });

  it('sends binary payloads in one Blob per batch once they are worth one, not inside the message', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/tab?n=large-binary`);
    await page.evaluate(async () => {
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?large-binary');
      ws.binaryType = 'arraybuffer';
      await new Promise((r) => (ws.onopen = r));
      let echoes = 0;
      const echoed = new Promise((r) => (ws.onmessage = () => ++echoes === 2 && r(null)));
      for (const fill of [7, 9]) ws.send(new Uint8Array(192 * 1024).fill(fill));
      await echoed;
    });
    const { panel } = await openPanelFor(browser, page);
    const batch = await firstRawBatch(panel, 4);
    assert.equal(batch.blobSize, 4 * 192 * 1024);
    assert.deepEqual(batch.blobAt.filter((at) => at >= 0), [0, 1, 2, 3].map((i) => i * 192 * 1024));
    assert.deepEqual(batch.blobBytesAt, [7, 9, 7, 9]);
    assert.ok(batch.data.every((d) => typeof d === 'string'));
    await page.close();
  });

  it('sends a flood\'s large binary payloads with their first bytes, and whole once the page is quiet', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/tab?n=flood`);
    const { panel } = await openPanelFor(browser, page);
    await waitForSocket(panel, (s) => s.url.endsWith('/echo?tab=flood') && s.messages === 2);
    const rawBatches = await recordRawBatches(panel);
    const size = 512 * 1024;
    await page.evaluate(async (size) => {
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?flood');
      ws.binaryType = 'arraybuffer';
      await new Promise((r) => (ws.onopen = r));
      let echoes = 0;
      const echoed = new Promise((r) => (ws.onmessage = () => ++echoes === 24 && r(null)));
      for (let i = 0; i < 24; i++) ws.send(new Uint8Array(size).fill(i));
      await echoed;
    }, size);
    const url = `${server.ws}/echo?flood`;
    await waitForSocket(panel, (s) => s.url === url && s.messages === 48, 'all 48 flood messages');
    const raw = await until(
      rawBatches,
      (batches) => {
        const owed = new Set(batches.flatMap((b) => b.partial));
        const filled = new Set(batches.filter((b) => b.fill).flatMap((b) => b.seqs));
        return owed.size > 0 && [...owed].every((seq) => filled.has(seq));
      },
      'a fill for every partial payload',
    );
    // How many go out partial depends on how fast this machine lets the page flood; beyond the
    // 4 MiB burst of 24 MiB some must.
    assert.ok(raw.filter((b) => !b.fill).flatMap((b) => b.partial).length >= 1, 'the flood beyond the burst went out partial');
    await selectSocket(panel, url);
    const last = panel.locator('[role=row][data-kind=message]').last();
    await last.click();
    await panel.click('[data-view=hex]');
    assert.match((await panel.textContent('[data-role=detail-size]'))!, /524288 bytes/);
    assert.equal(await panel.locator('[data-role=partial]').count(), 0);
    const dump = (await panel.textContent('[data-role=hexdump]'))!;
    assert.match(dump, /^00000000 {2}17 17 17 /);
    assert.match(dump, new RegExp(`… ${size - 64 * 1024} more bytes$`));
    await page.close();
  });

  it('fetches a partial payload at once when its row is opened while the page stays busy', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/tab?n=busy`);
    const { panel } = await openPanelFor(browser, page);
    await waitForSocket(panel, (s) => s.url.endsWith('/echo?tab=busy') && s.messages === 2);
    const rawBatches = await recordRawBatches(panel);
    // A burst beyond the budget, then a small message every 10 ms: the page never goes quiet.
    await page.evaluate(async () => {
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?busy');
      await new Promise((r) => (ws.onopen = r));
      for (let i = 0; i < 24; i++) ws.send(new Uint8Array(512 * 1024).fill(i));
      const w = window as unknown as { ticking: ReturnType<typeof setInterval> };
      w.ticking = setInterval(() => ws.send('tick'), 10);
    });
    const url = `${server.ws}/echo?busy`;
    await waitForSocket(panel, (s) => s.url === url && s.messages >= 48, 'the burst and its echoes');
    await selectSocket(panel, url);
    await panel.click('[data-toggle=text]');
    const row = panel.locator('[role=row][data-partial]').first();
    await row.click();
    await panel.click('[data-view=hex]');
    await until(() => panel.locator('[data-role=partial]').count(), (n) => n === 0, 'the whole payload');
    assert.match((await panel.textContent('[data-role=hexdump]'))!, new RegExp(`… ${512 * 1024 - 64 * 1024} more bytes$`));
    const fills = (await rawBatches()).filter((b) => b.fill).map((b) => b.seqs);
    assert.ok(fills.some((seqs) => seqs.length === 1), `a fill of the one payload asked for; fills: ${JSON.stringify(fills)}`);
    await page.evaluate(() => clearInterval((window as unknown as { ticking: ReturnType<typeof setInterval> }).ticking));
    await page.close();
  });

  it('captures on a plain-http page that is not a secure context', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://sockets.test:${server.port}/tab?n=insecure`);
    assert.equal(await page.evaluate(() => window.isSecureContext), false);
    const { panel } = await openPanelFor(browser, page);
    await waitForSocket(panel, (s) => s.url === `ws://sockets.test:${server.port}/echo?tab=insecure` && s.messages === 2);
    await page.close();
  });

  it('shows the whole history of a socket that lived before the panel was opened', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/tab?n=history`);
    await page.evaluate(async () => {
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?history');
      await new Promise((r) => (ws.onopen = r));
      for (let i = 0; i < 50; i++) ws.send(`before panel ${i}`);
      let n = 0;
      await new Promise<void>((r) => (ws.onmessage = () => ++n === 50 && r()));
      ws.close(1000, 'finished');
      await new Promise((r) => (ws.onclose = r));
    });
    const { panel } = await openPanelFor(browser, page);
    const socket = await waitForSocket(panel, (s) => s.url.endsWith('/echo?history') && s.state === 'closed');
    assert.equal(socket.messages, 100);
    await page.close();
  });

  it('shows in each tab\'s panel only that tab\'s sockets', async () => {
    const a = await browser.context.newPage();
    await a.goto(`${server.origin}/tab?n=a`);
    const b = await browser.context.newPage();
    await b.goto(`${server.origin}/tab?n=b`);
    const panelA = (await openPanelFor(browser, a)).panel;
    const panelB = (await openPanelFor(browser, b)).panel;
    await waitForSocket(panelA, (s) => s.url.endsWith('/echo?tab=a') && s.messages === 2);
    await waitForSocket(panelB, (s) => s.url.endsWith('/echo?tab=b') && s.messages === 2);
    const urlsA = await panelA.$$eval('[data-socket-url]', (r) => r.map((e) => (e as HTMLElement).dataset.socketUrl));
    const urlsB = await panelB.$$eval('[data-socket-url]', (r) => r.map((e) => (e as HTMLElement).dataset.socketUrl));
    assert.deepEqual(urlsA, [`${server.ws}/echo?tab=a`]);
    assert.deepEqual(urlsB, [`${server.ws}/echo?tab=b`]);
    await a.close();
    await b.close();
  });
});
