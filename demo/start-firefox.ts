/**
 * `npm run start:firefox`: the demo server, and Firefox ESR with the built extension installed as
 * a temporary add-on, the demo page open and the DevTools toolbox on the Sockets panel. Headless
 * when there is no display.
 */
import { startDemoServer } from './server';
import { EXTENSION_DIR, launchFirefox } from '../e2e/support/firefox';
import { openSocketsPanel } from '../e2e/support/firefox-panel';

const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const demo = await startDemoServer(Number(process.env.PORT ?? 8080));
console.log(`Demo page:            ${demo.url}`);
console.log(`Firefox build:        ${EXTENSION_DIR}`);

const firefox = await launchFirefox({ headless });
const page = await firefox.newPage();
await page.goto(demo.url);
await openSocketsPanel(page);
console.log(`Firefox is open with DevTools on the Sockets panel${headless ? ' ' : ''}. Ctrl+C to stop.`);

const stop = async () => {
  await firefox.close();
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
firefox.browser.on('disconnected', stop);
