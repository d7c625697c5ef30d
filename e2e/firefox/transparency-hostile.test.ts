import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { launchFirefox, openSocketsPanel, socketRows, until, type FirefoxLaunched, type FirefoxPanel } from '../support/firefox';
import { startServer, type TestServer } from '../support/server';
import { assertHostileRows } from '../support/hostile-rows';

/**
 * The hostile pages of e2e/chromium/transparency-hostile.test.ts in Firefox: each must learn the
 * same with and without the extension, and the panel must still show each frame's socket with
 * every message, unedited.
 */
type Reports = Record<string, unknown>;

let server: TestServer;
let attacks: string[];
let without: Reports;
let withExtension: Reports;
let timerStepsWithout: number[];
let pageWithExtension: Page;
let firefox: FirefoxLaunched | undefined;
let panel: FirefoxPanel;

async function load(launched: FirefoxLaunched): Promise<Page> {
  const page = await launched.newPage();
  await page.goto(`${server.origin}/transparency-hostile.html`);
  await page.waitForSelector('html[data-done]', { timeout: 60_000 });
  return page;
}
const reports = async (page: Page) => JSON.parse(await page.evaluate(() => (window as unknown as { hostileReports(): string }).hostileReports())) as Reports;
/** Attacks the hook does not withstand yet, and why. */
const KNOWN: Record<string, string> = {};
const socketUrl = (attack: string) => `${server.ws}/echo?hostile-${attack}`;

before(async () => {
  server = await startServer();
  const plain = await launchFirefox({ extension: false });
  try {
    const page = await load(plain);
    attacks = await page.evaluate(() => (window as unknown as { hostileAttacks: string[] }).hostileAttacks);
    without = await reports(page);
    timerStepsWithout = await page.evaluate(() => (window as unknown as { timerIdSteps(): Promise<number[]> }).timerIdSteps());
  } finally {
    await plain.close();
  }
  firefox = await launchFirefox();
  const page = await load(firefox);
  pageWithExtension = page;
  panel = await openSocketsPanel(page);
  // Every record has reached the relay once the panel shows them all: only then is the page's log final.
  // (If some never does, the panel test below fails and says which.)
  const complete = (rows: { url: string; state: string; messages: number }[]) => attacks.every((a) => rows.some((s) => s.url === socketUrl(a) && s.state === 'closed' && s.messages === 6));
  await until(() => socketRows(panel), complete, 'every socket complete', 45_000).catch(() => {});
  withExtension = await reports(page);
});
after(async () => {
  await panel?.close();
  await firefox?.close();
  await server?.close();
});

describe('hostile pages learn nothing of the hook and cannot forge its records (Firefox)', () => {
  it('runs every attack, and each page used its socket to the end', () => {
    assert.ok(attacks.length >= 10);
    for (const attack of attacks) assert.equal((without[attack] as { closed: string }).closed, '4000 done', attack);
  });

  it('lets each page learn the same with and without the extension', async (t) => {
    for (const attack of attacks) await t.test(attack, { todo: KNOWN[attack] }, () => assert.deepEqual(withExtension[attack], without[attack]));
  });

  it('still shows each page\'s socket, closed by the page, with all 6 messages, and nothing forged', async (t) => {
    const rows = await socketRows(panel);
    await assertHostileRows(t, rows, attacks, socketUrl, server.origin);
  });

  // A content script's setTimeout takes its id from the page's own counter in Firefox: the relay's
  // batching and command timers (src/content/later.ts) must not use it.
  it('takes no page-visible timer id while the panel watches', async () => {
    const steps = await pageWithExtension.evaluate(() => (window as unknown as { timerIdSteps(): Promise<number[]> }).timerIdSteps());
    assert.deepEqual(steps, timerStepsWithout);
  });
});
