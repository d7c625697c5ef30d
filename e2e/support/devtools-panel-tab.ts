/**
 * Showing the Sockets panel in a Chromium DevTools window, for any driver (Playwright in e2e,
 * puppeteer in the bench): the driver supplies the frames, an evaluator and a click on the tab.
 */

/** A frame as both drivers have it. */
interface DriverFrame {
  url(): string;
  waitForSelector(selector: string, options: { timeout: number }): Promise<unknown>;
}

export interface DevToolsWindow<F extends DriverFrame> {
  frames(): F[];
  /** Evaluates an expression (a promise is awaited) in the DevTools front-end. */
  evaluate(expression: string): Promise<unknown>;
  /** Clicks the Sockets tab: false when there is no tab element (a narrow DevTools keeps it in its » menu). */
  clickTab(): Promise<boolean>;
  sleep(ms: number): Promise<void>;
}

/** The Sockets tab in DevTools' tab strip (CSS; puppeteer needs `pierce/` in front). */
export const SOCKETS_TAB = '[role="tab"][aria-label="Sockets"]';

/**
 * Shows the panel and answers its frame. A DevTools window still starting has not registered the panel
 * yet: each round clicks the tab if there is one, else shows the panel by its id.
 */
export async function showSocketsPanelIn<F extends DriverFrame>(devtools: DevToolsWindow<F>, extensionId: string, timeoutMs: number, tableTimeoutMs = timeoutMs): Promise<F> {
  const showById = () =>
    devtools
      .evaluate(`(async () => {
        const legacy = await import('./ui/legacy/legacy.js');
        await legacy.InspectorView.InspectorView.instance().showPanel('chrome-extension://${extensionId}Sockets');
      })()`)
      .catch(() => {});
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frame = devtools.frames().find((f) => f.url().startsWith(`chrome-extension://${extensionId}/src/panel/panel.html`));
    if (frame) {
      await frame.waitForSelector('[aria-label="Sockets"][role="table"]', { timeout: tableTimeoutMs });
      return frame;
    }
    if (!(await devtools.clickTab().catch(() => false))) await showById();
    await devtools.sleep(250);
  }
  throw new Error('the Sockets panel did not show');
}
