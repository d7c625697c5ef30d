import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { launchFirefox, openSocketsPanel, until, waitForDownload, waitForSocket, type FirefoxLaunched, type FirefoxPanel } from '../support/firefox';
import { startServer, type TestServer } from '../support/server';

let server: TestServer;
let firefox: FirefoxLaunched;
let page: Page;
let panel: FirefoxPanel;
const url = () => `${server.ws}/record?firefox`;

before(async () => {
  server = await startServer({
    '/composer': `<!doctype html><title>composer</title><script>
      window.seen = [];
      window.ws = new WebSocket(location.origin.replace('http', 'ws') + '/record?firefox');
      ws.onmessage = (e) => seen.push(String(e.data));
      ws.onopen = () => ws.send('page says hi');
    </script>`,
  });
  firefox = await launchFirefox();
  page = await firefox.newPage();
  await page.goto(`${server.origin}/composer`);
  panel = await openSocketsPanel(page);
  await waitForSocket(panel, (s) => s.url === url() && s.messages === 2);
});
after(async () => {
  await firefox?.close();
  await server?.close();
});

describe('composer and export (Firefox panel)', () => {
  it('sends a message typed in the composer through the page\'s socket', async () => {
    const before = server.received.length;
    await panel.click('[data-tab=composer]');
    const key = await panel.query((doc, u) => doc.querySelector(`[data-socket-url="${u}"]`)?.getAttribute('data-socket-key') ?? '', url());
    await panel.select('[data-role=composer-socket]', key);
    await panel.type('[data-role=composer-input]', 'typed in Firefox DevTools', { clear: true });
    await panel.click('[data-action=composer-send]');
    await until(() => Promise.resolve(server.received.length), (n) => n > before, 'the server got it');
    assert.equal(server.received.at(-1)!.data.toString(), 'typed in Firefox DevTools');
    await until(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen) as Promise<string[]>, (s) => s.includes('typed in Firefox DevTools'), 'the page saw the echo');
    await waitForSocket(panel, (s) => s.url === url() && s.messages === 4);
  });

  it('exports the session as a HAR with Chrome\'s WebSocket fields', async () => {
    await panel.click('[data-action=export]');
    await panel.click('[data-export=all]');
    const file = await waitForDownload(firefox, /^sockets-127\.0\.0\.1_\d+-.*\.har$/);
    const har = JSON.parse(readFileSync(file, 'utf8'));
    const entry = har.log.entries.find((e: { request: { url: string } }) => e.request.url === url());
    assert.equal(entry._resourceType, 'websocket');
    assert.deepEqual(
      entry._webSocketMessages.map((m: { type: string; data: string }) => [m.type, m.data]),
      [['send', 'page says hi'], ['receive', 'page says hi'], ['send', 'typed in Firefox DevTools'], ['receive', 'typed in Firefox DevTools']],
    );
  });

  it('exports the whole payloads of a flood\'s deferred messages, fetched from the page first', async () => {
    const size = 512 * 1024;
    // A burst beyond the live budget, then a small message every 10 ms: the page never goes quiet,
    // so the deferred payloads stay partial until somebody asks for them.
    await page.evaluate((size) => {
      const w = window as unknown as { ws: WebSocket; ticking: ReturnType<typeof setInterval> };
      w.ws.binaryType = 'arraybuffer';
      for (let i = 0; i < 16; i++) w.ws.send(new Uint8Array(size).fill(i + 1));
      w.ticking = setInterval(() => w.ws.send('tick'), 10);
    }, size);
    await waitForSocket(panel, (s) => s.url === url() && s.messages >= 4 + 32, 'the burst and its echoes');
    await panel.click('[data-toggle=text]');
    const partial = await panel.waitFor((doc) => doc.querySelectorAll('[data-partial]').length, (n) => n > 0, 'partial rows');
    assert.ok(partial > 0);
    const earlier = new Set(readdirSync(firefox.downloadsDir));
    await panel.click('[data-action=export]');
    await panel.click('[data-export=all]');
    const file = await waitForDownload(firefox, /^sockets-127\.0\.0\.1_\d+-.*\.har$/, undefined, earlier);
    await page.evaluate(() => clearInterval((window as unknown as { ticking: ReturnType<typeof setInterval> }).ticking));
    // A large file may still be being written under its final name.
    const parsed = () => {
      try {
        return JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return null;
      }
    };
    const har = await until(() => Promise.resolve(parsed()), (v) => v !== null, 'the whole HAR file');
    const entry = har.log.entries.find((e: { request: { url: string } }) => e.request.url === url());
    const binary = entry._webSocketMessages.filter((m: { opcode: number }) => m.opcode === 2) as { data: string; _truncated?: true }[];
    assert.equal(binary.length, 32);
    for (const m of binary) {
      assert.equal(m._truncated, undefined);
      assert.equal(Buffer.from(m.data, 'base64').length, size);
    }
  });
});
