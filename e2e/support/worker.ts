import type { Launched } from './chromium';
import { GECKO_ID, openExtensionPage } from './firefox';
import type { Browser } from './harness';

/** Stops the extension's service worker (as Chrome does when idle) and waits until it has stopped. */
export async function stopServiceWorker(browser: Launched): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
  const cdp = await browser.context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      if (e.versions.some((v) => v.scriptURL.includes(browser.extensionId) && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
  await page.close();
}

/** Sets a value in the extension's storage.local (the user's settings). */
export async function setExtensionStorage(browser: Launched, items: Record<string, unknown>): Promise<void> {
  const sw = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  await sw.evaluate((i) => chrome.storage.local.set(i), items);
}

/**
 * Stops the extension's background in the browser of `browser` and waits until it has stopped:
 * Chromium's service worker through CDP; Firefox's event page as about:debugging's "Terminate
 * background script" does (the chrome scope's Extension.terminateBackground), confirmed by the
 * page's shutdown event. Both come back on the next port or message.
 */
export async function stopBackground(browser: Browser): Promise<void> {
  if (browser.chromium) return stopServiceWorker(browser.chromium);
  const stopped = await browser.firefox!.chrome<boolean>(`(async () => {
    const extension = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension;
    const shutdown = new Promise((resolve) => extension.once('shutdown-background-script', () => resolve(true)));
    await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
    return Promise.race([shutdown, new Promise((resolve) => setTimeout(() => resolve(false), 10000))]);
  })()`);
  if (!stopped) throw new Error('the Firefox background did not stop');
}

/** Sets a value in the extension's storage.local (the user's settings), in either browser. */
export async function setStorage(browser: Browser, items: Record<string, unknown>): Promise<void> {
  if (browser.chromium) return setExtensionStorage(browser.chromium, items);
  // Any of the extension's pages may write its storage: one in a tab of its own, closed after.
  const page = await openExtensionPage(browser.firefox!, 'src/devtools/devtools.html');
  await page.evaluate(`browser.storage.local.set(${JSON.stringify(items)})`);
  await page.close();
}
