import browser from 'webextension-polyfill';

/** The origin of the tab's top document, if it has one. */
export async function originOf(tabId: number): Promise<string | undefined> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return tab?.url && URL.canParse(tab.url) ? new URL(tab.url).origin : undefined;
}
