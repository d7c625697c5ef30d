import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { waitForSocket } from '../support/panel';

/**
 * e2e/pages/websocketstream-behaviour.html checks what a page sees of a WebSocketStream's streams
 * (backpressure against a server that holds its reads, rejected writes, writer.close() waiting for
 * the closing handshake, abort/cancel, desiredSize/ready/locked, pipes and async iteration), without
 * and with the extension. Firefox has no WebSocketStream (e2e/firefox/websocketstream-behaviour.test.ts).
 */
type Results = Record<string, unknown>;

let server: TestServer;
let without: Results;
let withExtension: Results;
let browser: Launched | undefined;
let panel: Frame;

async function run(launched: Launched) {
  const page = await launched.context.newPage();
  await page.goto(`${server.origin}/websocketstream-behaviour.html`);
  await page.waitForSelector('html[data-done]', { state: 'attached', timeout: 90_000 });
  return { page, results: JSON.parse((await page.textContent('#results')) ?? '{}') as Results };
}

before(async () => {
  server = await startServer();
  const plain = await launchChromium({ extension: false, devtools: true });
  try {
    without = (await run(plain)).results;
  } finally {
    await plain.close();
  }
  browser = await launchChromium({ extension: true, devtools: true });
  const { page, results } = await run(browser);
  withExtension = results;
  ({ panel } = await openPanelFor(browser, page));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('a WebSocketStream\'s streams behave the same with and without the extension (Chromium)', () => {
  it('runs every check to completion', () => {
    assert.ok(Object.keys(without).length >= 6, JSON.stringify(without));
    const failed = (r: Results) => Object.keys(r).filter((k) => JSON.stringify(r[k]).includes('checkFailed'));
    assert.deepEqual(failed(without), []);
    assert.deepEqual(failed(withExtension), []);
  });

  it('holds writes until the server reads (natively)', () => {
    const [held] = without['writes wait for the server to read (backpressure)'] as [unknown[]];
    assert.equal(held[0], 'pending');
  });

  it('gives the same result for every check', async (t) => {
    for (const name of Object.keys(without)) await t.test(name, () => assert.deepEqual(withExtension[name], without[name]));
  });

  it('still captures every message, piped and iterated ones included', async () => {
    const piped = await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?stream-piped` && s.state === 'closed', 'the piped stream');
    assert.equal(piped.messages, 6);
    const iterated = await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?stream-iterated` && s.state === 'closed', 'the iterated stream');
    assert.equal(iterated.messages, 4);
    const backpressure = await waitForSocket(panel, (s) => s.url === `${server.ws}/held?name=backpressure` && s.state === 'closed', 'the held stream');
    // Its megabytes-large write ran before any panel watched: past the unwatched budget's share for a
    // socket's first messages, the relay keeps it as "not kept" (issue 16's retention), still counted.
    const notKept = Number(/([\d,]+) not kept/.exec(backpressure.text)?.[1].replace(/,/g, '') ?? 0);
    assert.equal(backpressure.messages + notKept, 2, backpressure.text);
  });
});
