import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { socketRows, until } from '../support/panel';
import { startDemoServer } from '../../demo/server';
import { DEMO_DEVTOOLS_HEIGHT } from '../../demo/layout';

let demo: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Launched;

before(async () => {
  demo = await startDemoServer(0);
  browser = await launchChromium({ devtoolsHeight: DEMO_DEVTOOLS_HEIGHT });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

describe('the demo, as npm start opens it (Chromium)', () => {
  it('bug 13: DevTools gets most of the window, the panel shows the demo\'s sockets at work, and the page has a favicon', async () => {
    const page = await browser.context.newPage();
    await page.goto(demo.url);
    const { panel } = await openPanelFor(browser, page);
    const height = await panel.evaluate(() => innerHeight);
    assert.ok(height > 600, `the panel is ${height} px high in a 1000 px window`);
    await until(() => socketRows(panel), (rows) => rows.length >= 4 && rows.some((r) => r.messages > 0), 'the demo sockets with traffic');
    assert.equal(await page.evaluate(() => fetch('/favicon.ico').then((r) => r.status)), 200);
    await page.close();
  });
});
