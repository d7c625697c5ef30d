import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { waitForSocket } from '../support/panel';

/**
 * e2e/pages/transparency.html runs page-observable checks of WebSocket behaviour and publishes what
 * the page saw. The suite runs it in Chromium without and with the extension (DevTools open in both)
 * and compares.
 */
type Results = Record<string, unknown>;
interface Run {
  results: Results;
  known: Results;
}

let server: TestServer;
let without: Run;
let withExtension: Run;
let extensionId: string;
let browser: Launched | undefined;
let page: Page;

async function runChecks(launched: Launched): Promise<{ page: Page; run: Run }> {
  const p = await launched.context.newPage();
  await p.goto(`${server.origin}/transparency.html`);
  await p.waitForSelector('html[data-done]', { state: 'attached', timeout: 60_000 });
  const read = async (id: string) => JSON.parse((await p.textContent(`#${id}`)) ?? '{}') as Results;
  return { page: p, run: { results: await read('results'), known: await read('known') } };
}

before(async () => {
  server = await startServer();
  const plain = await launchChromium({ extension: false, devtools: true });
  try {
    without = (await runChecks(plain)).run;
  } finally {
    await plain.close();
  }
  browser = await launchChromium({ extension: true, devtools: true });
  extensionId = browser.extensionId;
  ({ page, run: withExtension } = await runChecks(browser));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const failedChecks = (r: Results) => Object.entries(r).filter(([, v]) => v !== null && typeof v === 'object' && 'checkFailed' in v).map(([k]) => k);

describe('the hook is invisible to the page (Chromium, without vs with the extension)', () => {
  it('runs at least 40 page-observable checks, in both runs', () => {
    assert.ok(Object.keys(without.results).length >= 40, `${Object.keys(without.results).length} checks`);
    assert.deepEqual(Object.keys(withExtension.results), Object.keys(without.results));
  });

  it('runs every check to completion (none of the checks itself broke)', () => {
    assert.deepEqual(failedChecks(without.results), []);
    assert.deepEqual(failedChecks(withExtension.results), []);
    assert.deepEqual(failedChecks(without.known), []);
  });

  it('gives the same result for every check with and without the extension', async (t) => {
    const differing: string[] = [];
    for (const name of Object.keys(without.results)) {
      await t.test(name, () => {
        try {
          assert.deepEqual(withExtension.results[name], without.results[name]);
        } catch (error) {
          differing.push(name);
          throw error;
        }
      });
    }
    assert.deepEqual(differing, []);
  });

  it('differs only by the extension\'s own stack frame where a wrapped call runs page code', async (t) => {
    const strip = (v: unknown) => JSON.parse(JSON.stringify(v).replace(new RegExp(`\\\\n    at [^\\\\]*chrome-extension://${extensionId}/[^\\\\]*\\)`, 'g'), ''));
    assert.ok(Object.keys(without.known).length > 0);
    for (const name of Object.keys(without.known)) {
      await t.test(name, () => assert.deepEqual(strip(withExtension.known[name]), without.known[name]));
    }
  });

  it('was capturing all along: the panel shows the sockets the checks opened, with their messages', async () => {
    const { panel } = await openPanelFor(browser!, page);
    const events = await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?events` && s.state === 'closed', 'events socket');
    assert.equal(events.messages, 4);
    const kinds = await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?kinds` && s.state === 'closed', 'payload kinds socket');
    assert.equal(kinds.messages, 18);
    const stream = await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?stream` && s.state === 'closed', 'WebSocketStream');
    assert.equal(stream.messages, 4);
  });
});
