import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox, openSocketsPanel, socketRows, until, type FirefoxLaunched } from '../support/firefox';
import { startDemoServer } from '../../demo/server';

let demo: Awaited<ReturnType<typeof startDemoServer>>;
let firefox: FirefoxLaunched;

before(async () => {
  demo = await startDemoServer(0);
  firefox = await launchFirefox();
});
after(async () => {
  await firefox?.close();
  await demo?.close();
});

describe('the demo, as npm run start:firefox opens it (Firefox)', () => {
  it('bug 13: the Sockets panel shows the demo\'s sockets at work, and the page has a favicon', async () => {
    const page = await firefox.newPage();
    await page.goto(demo.url);
    const panel = await openSocketsPanel(page);
    await until(() => socketRows(panel), (rows) => rows.length >= 4 && rows.some((r) => r.messages > 0), 'the demo sockets with traffic');
    assert.equal(await page.evaluate(() => fetch('/favicon.ico').then((r) => r.status)), 200);
    await panel.close();
    await page.close();
  });
});
