/**
 * Pages that run checks themselves and publish what they saw (e2e/pages/transparency*.html,
 * websocketstream-behaviour.html), loaded the same way in both browsers, with and without the extension.
 */
import { launch, type Browser, type Tab } from './harness';
import { until } from './readers';

/** Opens `url` and waits until the page marks `<html data-done>`. */
export async function loadUntilDone(browser: Browser, url: string, timeoutMs = 60_000): Promise<Tab> {
  const tab = await browser.open(url);
  await until(() => tab.evaluate<boolean>('document.documentElement.hasAttribute("data-done")'), Boolean, `${url} to finish its checks`, timeoutMs);
  return tab;
}

/** The JSON a page published in the element `id` ({} when empty). */
export const publishedJson = <T = Record<string, unknown>>(tab: Tab, id: string): Promise<T> =>
  tab.evaluate<T>(`JSON.parse(document.getElementById(${JSON.stringify(id)}).textContent || '{}')`);

/** Runs `fn` in a browser of this run without the extension (DevTools open in Chromium, as with it), then closes it. */
export async function withoutExtension<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const plain = await launch({ extension: false });
  try {
    return await fn(plain);
  } finally {
    await plain.close();
  }
}
