import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inBrowsers } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { count, until } from '../support/readers';
import { chooseFileAt } from '../support/har-files';
import { writeSyntheticHar } from '../support/synthetic';

/** With its 3 lifecycle events, the panel's default bound: 1,000,000 events a tab. */
const N = 1_000_000 - 3;
let server: TestServer;

before(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'scale-')), 'million.har');
  writeSyntheticHar(file, N);
  const har = readFileSync(file, 'utf8');
  server = await startServer({ '/scale': '<!doctype html><title>scale</title>', '/million.har': har });
});
after(() => server?.close());

inBrowsers('a million messages', (env) => {
  it('stays usable: the grid scrolls to the end, the last message opens, and a filter narrows it', { timeout: 600_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/scale`);
    const panel = await tab.panel();
    await panel.query(chooseFileAt, { name: 'million.har', url: `${server.origin}/million.har` });
    // Parsing and indexing the 100 MB file can hold the panel's thread past the Firefox driver's
    // 10 s answer time on this shared machine: a read it does not answer counts as not done yet.
    const busy = (error: unknown) => (/did not answer/.test(String(error)) ? -1 : Promise.reject(error));
    await until(() => count(panel, 'total-count').catch(busy), (n) => n === N + 3, 'all rows imported', 240_000);
    await until(() => count(panel, 'shown-count'), (n) => n === N + 3, 'all rows shown', 120_000);

    // Past the browser's maximum element height: the grid scales its scroll range.
    const spacer = await panel.query((doc) => (doc.querySelector('[role=grid] > div') as HTMLElement).offsetHeight);
    assert.ok(spacer < (N + 3) * 21, `spacer ${spacer}px is capped`);

    await panel.press('End', '[role=grid]');
    const last = await until(
      () => panel.attribute('[role=row][aria-selected=true]', 'data-index'),
      (v) => v === String(N + 2),
      'last row selected and rendered',
      60_000,
    );
    assert.equal(last, String(N + 2));
    await panel.press('ArrowUp', '[role=grid]');
    await until(() => panel.query((doc) => doc.querySelector('[data-role=detail-body]')?.textContent ?? ''), (t) => t.includes(`synthetic message ${N - 1}`), 'detail of the last message', 60_000);

    await panel.fill('[aria-label=Filter]', '/"n":99998\\d,/');
    await until(() => count(panel, 'shown-count'), (n) => n === 10, 'ten rows match', 120_000);
    await panel.fill('[aria-label=Filter]', 'message 123456"');
    await until(() => count(panel, 'shown-count'), (n) => n === 1, 'one row matches', 120_000);
    await panel.close();
    await tab.close();
  });
});
