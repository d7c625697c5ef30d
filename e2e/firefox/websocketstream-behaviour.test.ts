import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox, type FirefoxLaunched } from '../support/firefox';
import { startServer, type TestServer } from '../support/server';

/**
 * Firefox has no WebSocketStream: e2e/pages/websocketstream-behaviour.html must say so, the same
 * without and with the extension (the checks themselves run in e2e/chromium/websocketstream-behaviour.test.ts).
 */
let server: TestServer;
const results: Record<string, unknown>[] = [];

async function run(launched: FirefoxLaunched) {
  const page = await launched.newPage();
  await page.goto(`${server.origin}/websocketstream-behaviour.html`);
  await page.waitForSelector('html[data-done]', { timeout: 60_000 });
  return JSON.parse(await page.evaluate(() => document.getElementById('results')!.textContent ?? '{}')) as Record<string, unknown>;
}

before(async () => {
  server = await startServer();
  for (const extension of [false, true]) {
    const firefox = await launchFirefox({ extension });
    try {
      results.push(await run(firefox));
    } finally {
      await firefox.close();
    }
  }
});
after(async () => {
  await server?.close();
});

describe('WebSocketStream behaviour page (Firefox, which has no WebSocketStream)', () => {
  it('reports the API absent, the same without and with the extension', () => {
    assert.deepEqual(results[0], { absent: 'this browser has no WebSocketStream' });
    assert.deepEqual(results[1], results[0]);
  });
});
