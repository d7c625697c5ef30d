import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { count, until } from '../support/panel';
import { writeSyntheticHar } from '../support/synthetic';

/** With its 3 lifecycle events, the panel's default bound: 1,000,000 events a tab. */
const N = 1_000_000 - 3;
let server: TestServer;
let browser: Launched;
let file: string;

before(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'scale-')), 'million.har');
  writeSyntheticHar(file, N);
  server = await startServer({ '/scale': '<!doctype html><title>scale</title>' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('a million messages (Chromium)', () => {
  it('stays usable: the grid scrolls to the end, the last message opens, and a filter narrows it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/scale`);
    const { panel } = await openPanelFor(browser, page);
    await panel.setInputFiles('[data-role=import-file]', file);
    await until(() => count(panel, 'total-count'), (n) => n === N + 3, 'all rows imported', 120_000);
    await until(() => count(panel, 'shown-count'), (n) => n === N + 3, 'all rows shown', 60_000);

    // Past the browser's maximum element height: the grid scales its scroll range.
    const spacer = await panel.$eval('[role=grid] > div', (el) => (el as HTMLElement).offsetHeight);
    assert.ok(spacer < (N + 3) * 21, `spacer ${spacer}px is capped`);

    await panel.focus('[role=grid]');
    await panel.press('[role=grid]', 'End');
    const last = await until(
      () => panel.getAttribute('[role=row][aria-selected=true]', 'data-index'),
      (v) => v === String(N + 2),
      'last row selected and rendered',
    );
    assert.equal(last, String(N + 2));
    await panel.press('[role=grid]', 'ArrowUp');
    await until(() => panel.textContent('[data-role=detail-body]'), (t) => (t ?? '').includes(`synthetic message ${N - 1}`), 'detail of the last message');

    await panel.fill('[aria-label=Filter]', '/"n":99998\\d,/');
    await until(() => count(panel, 'shown-count'), (n) => n === 10, 'ten rows match', 60_000);
    await panel.fill('[aria-label=Filter]', 'message 123456"');
    await until(() => count(panel, 'shown-count'), (n) => n === 1, 'one row matches', 60_000);
    await page.close();
  });
});
