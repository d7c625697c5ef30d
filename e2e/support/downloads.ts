/**
 * What the panel downloads (a HAR export), the same in both browsers: Chromium reports it as
 * Playwright's `download` event of the DevTools window; Firefox writes it into the launch's
 * downloads directory without a prompt.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Panel } from './harness';
import { waitForDownload } from './firefox';
import { until } from './readers';

/** Runs `trigger` (the clicks that start a download) and answers the path of the finished file, whose name matches `name`. */
export async function downloadOf(browser: Browser, panel: Panel, trigger: () => Promise<void>, name: RegExp, timeoutMs = 120_000): Promise<string> {
  if (browser.firefox) {
    const earlier = new Set(readdirSync(browser.firefox.downloadsDir));
    await trigger();
    return waitForDownload(browser.firefox, name, timeoutMs, earlier);
  }
  const devtools = panel.frame!.page();
  const [download] = await Promise.all([devtools.waitForEvent('download', { timeout: timeoutMs }), trigger()]);
  if (!name.test(download.suggestedFilename())) throw new Error(`the download is named ${download.suggestedFilename()}, not ${name}`);
  const file = join(mkdtempSync(join(tmpdir(), 'sockets-download-')), download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** A downloaded JSON file, parsed once it is whole (a large file may still be being written under its final name). */
export function readJsonDownload<T = any>(file: string): Promise<T> {
  const parsed = () => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      return null;
    }
  };
  return until(() => Promise.resolve(parsed()), (v) => v !== null, `the whole of ${file}`, 60_000) as Promise<T>;
}

/** Exports every socket of the panel as a HAR (toolbar Export → All) and answers the parsed file. */
export async function exportAllHar(browser: Browser, panel: Panel): Promise<{ name: string; har: any }> {
  await panel.click('[data-action=export]');
  const file = await downloadOf(browser, panel, () => panel.click('[data-export=all]'), /^sockets-127\.0\.0\.1_\d+-.*\.har$/);
  return { name: file.split('/').at(-1)!, har: await readJsonDownload(file) };
}
