/** A file the panel downloads (e.g. a HAR export), read the same way in both browsers. */
import { readFileSync } from 'node:fs';
import type { Browser, Panel } from './harness';
import { waitForDownload } from './firefox';
import { until } from './readers';

/**
 * Runs `trigger` (the user's action that downloads) and answers the downloaded file's text.
 * Chromium: Playwright's download event of the DevTools page. Firefox: the file in the profile's
 * download folder whose name matches `name`, once complete.
 */
export async function downloadedText(browser: Browser, panel: Panel, name: RegExp, trigger: () => Promise<void>): Promise<string> {
  if (panel.frame) {
    const [download] = await Promise.all([panel.frame.page().waitForEvent('download'), trigger()]);
    return readFileSync((await download.path())!, 'utf8');
  }
  await trigger();
  const file = await waitForDownload(browser.firefox!, name);
  // Firefox may show the finished name before the last bytes are flushed.
  return until(async () => readFileSync(file, 'utf8'), parsesAsJson, 'the whole downloaded file');
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
