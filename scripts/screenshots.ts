/**
 * Writes docs/panel-light.png, docs/panel-dark.png and docs/panel-narrow.png: the real Sockets panel
 * on the demo page (DevTools docked at the bottom, then docked right at 520 px), cropped to DevTools.
 */
import { launchChromium, openPanelFor, webPages } from '../e2e/support/chromium';
import { count, until, waitForSocket } from '../e2e/support/panel';
import { startDemoServer } from '../demo/server';

const shots = [
  { name: 'light', opts: { theme: 'light', devtoolsHeight: 640 } },
  { name: 'dark', opts: { theme: 'dark', devtoolsHeight: 640 } },
  { name: 'narrow', opts: { theme: 'light', devtoolsWidth: 520 } },
] as const;

const demo = await startDemoServer(0);
for (const { name, opts } of shots) {
  const browser = await launchChromium(opts);
  const page = webPages(browser.context)[0] ?? (await browser.context.newPage());
  await page.goto(demo.url);
  const { devtools, panel } = await openPanelFor(browser, page);
  const sio = await waitForSocket(panel, (s) => s.url.includes('/socket.io/') && s.messages >= 8);
  await until(() => count(panel, 'total-count'), (n) => n > 60, 'some traffic');
  await panel.click(`[data-socket-key="${sio.key}"]`);
  await panel.locator('[role=row][data-kind=message]').last().click();
  // DevTools only (the inspected page draws outside the DevTools window's own page): the panel's
  // frame and DevTools' tab strip above it.
  const frame = (await (await panel.frameElement()).boundingBox())!;
  const TAB_STRIP = 27;
  const box = { x: frame.x, y: Math.max(0, frame.y - TAB_STRIP), width: frame.width, height: frame.height + Math.min(frame.y, TAB_STRIP) };
  await devtools.screenshot({ path: `docs/panel-${name}.png`, clip: box });
  await browser.close();
}
await demo.close();
