/**
 * What a test reaches outside the page and the panel, the same in both browsers: a tab showing one
 * of the extension's own pages (its storage, the messages it receives), and the frames of a tab.
 */
import type { Browser, Tab } from './harness';
import { openExtensionPage } from './firefox';

export interface ExtensionTab {
  /** Evaluates an expression in the extension page; answers its JSON-serializable value. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/** A new tab showing the extension's page at `path` (from the extension root), loaded. */
export async function openExtensionTab(browser: Browser, path: string): Promise<ExtensionTab> {
  if (browser.chromium) {
    const page = await browser.chromium.context.newPage();
    await page.goto(`chrome-extension://${browser.chromium.extensionId}/${path}`);
    return { evaluate: (expression) => page.evaluate(expression), close: () => page.close() };
  }
  const page = await openExtensionPage(browser.firefox!, path);
  return { evaluate: (expression) => page.evaluate(expression) as never, close: () => page.close() };
}

/** Sets the user's settings (the extension's storage.local `limits`) from an extension page. */
export const setLimits = (extension: ExtensionTab, limits: object) =>
  extension.evaluate(`(globalThis.browser ?? chrome).storage.local.set({ limits: ${JSON.stringify(limits)} }).then(() => true)`);

/** The stored settings (null when none). */
export const storedLimits = (extension: ExtensionTab) =>
  extension.evaluate<Record<string, number> | null>(`(globalThis.browser ?? chrome).storage.local.get('limits').then((s) => s.limits ?? null)`);

export interface TabFrame {
  url(): string;
  evaluate<T = unknown>(expression: string): Promise<T>;
}

/** The frames of a tab, its top frame first. */
export function framesOf(tab: Tab): TabFrame[] {
  if (tab.playwright) return tab.playwright.frames().map((f) => ({ url: () => f.url(), evaluate: (expression: string) => f.evaluate(expression) as never }));
  return tab.puppeteer!.frames().map((f) => ({ url: () => f.url(), evaluate: (expression: string) => f.evaluate(expression) as never }));
}
