import type { Launched } from './chromium';

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
