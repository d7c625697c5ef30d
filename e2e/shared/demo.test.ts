import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers } from '../support/harness';
import { socketRows, until } from '../support/readers';
import { startDemoServer } from '../../demo/server';
import { DEMO_DEVTOOLS_HEIGHT } from '../../demo/layout';

let demo: Awaited<ReturnType<typeof startDemoServer>>;
before(async () => {
  demo = await startDemoServer(0);
});
after(() => demo?.close());

// As `npm start` (Chromium) and `npm run start:firefox` open it: DevTools docked at the bottom, most of the window.
inBrowsers('the demo, as npm start (npm run start:firefox) opens it', (env) => {
  it('bug 13: DevTools gets most of the window, the panel shows the demo\'s sockets at work, and the page has a favicon', async () => {
    const tab = await env.browser.open(demo.url);
    const panel = await tab.panel();
    const height = await panel.query((doc) => doc.defaultView!.innerHeight);
    assert.ok(height > 600, `the panel is ${height} px high in a 1000 px window`);
    await until(() => socketRows(panel), (rows) => rows.length >= 4 && rows.some((r) => r.messages > 0), 'the demo sockets with traffic');
    assert.equal(await tab.evaluate('fetch("/favicon.ico").then((r) => r.status)'), 200);
    await panel.close();
    await tab.close();
  });
}, { devtoolsHeight: DEMO_DEVTOOLS_HEIGHT });
