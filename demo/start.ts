/**
 * `npm start`: the demo server, and Chromium with the built extension loaded, the demo page open
 * and DevTools open on the Sockets panel, taking most of the window. Headless when there is no
 * display (then it writes a screenshot of the window every few seconds to demo-screenshot.png).
 */
import { resolve } from 'node:path';
import { launchChromium, openPanelFor, webPages, EXTENSION_DIR } from '../e2e/support/chromium';
import { startDemoServer } from './server';
import { DEMO_DEVTOOLS_HEIGHT } from './layout';

const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const demo = await startDemoServer(Number(process.env.PORT ?? 8080));
console.log(`Demo page:            ${demo.url}`);
console.log(`Unpacked extension:   ${EXTENSION_DIR}  (chrome://extensions → Developer mode → Load unpacked)`);
console.log(`Firefox build:        ${resolve(EXTENSION_DIR, '..', 'firefox')}  (about:debugging → This Firefox → Load Temporary Add-on → manifest.json; or npm run start:firefox)`);

const browser = await launchChromium({ headless, desktop: !headless, devtoolsHeight: DEMO_DEVTOOLS_HEIGHT });
const page = webPages(browser.context)[0] ?? (await browser.context.newPage());
await page.goto(demo.url);
const { devtools } = await openPanelFor(browser, page);
console.log(`Chromium is open with DevTools on the Sockets panel${headless ? ' (headless: see demo-screenshot.png)' : ''}. Ctrl+C to stop.`);

let timer: NodeJS.Timeout | undefined;
if (headless) {
  const shoot = () => devtools.screenshot({ path: 'demo-screenshot.png' }).catch(() => {});
  await shoot();
  timer = setInterval(shoot, 5000);
}
const stop = async () => {
  clearInterval(timer);
  await browser.close();
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
browser.context.on('close', stop);
