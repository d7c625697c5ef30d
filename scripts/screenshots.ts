/** Writes docs/panel-light.png and docs/panel-dark.png: the real Sockets panel on the demo page. */
import { launchChromium, openPanelFor, webPages } from '../e2e/support/chromium';
import { count, until, waitForSocket } from '../e2e/support/panel';
import { startDemoServer } from '../demo/server';

const demo = await startDemoServer(0);
for (const theme of ['light', 'dark'] as const) {
  const browser = await launchChromium({ theme, devtoolsHeight: 640 });
  const page = webPages(browser.context)[0] ?? (await browser.context.newPage());
  await page.goto(demo.url);
  const { devtools, panel } = await openPanelFor(browser, page);
  const sio = await waitForSocket(panel, (s) => s.url.includes('/socket.io/') && s.messages >= 8);
  await until(() => count(panel, 'total-count'), (n) => n > 60, 'some traffic');
  await panel.click(`[data-socket-key="${sio.key}"]`);
  await panel.locator('[role=row][data-kind=message]').last().click();
  await devtools.screenshot({ path: `docs/panel-${theme}.png` });
  await browser.close();
}
await demo.close();
