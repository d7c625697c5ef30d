import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { until, waitForSocket } from '../support/readers';
import { withoutExtension } from '../support/page-runs';
import { EXTENSION_ORIGIN } from '../support/firefox';
import { compareEveryCheck, FIREFOX_WORKER_KNOWN, stripExtensionFrames } from '../support/transparency';
import { readRun as read, type Run } from '../support/transparency';

/**
 * The transparency checks of e2e/pages/transparency.js, run inside a dedicated worker
 * (transparency-worker.html), without the extension and with it while a Sockets panel watches the
 * tab (worker capture on in Chromium), and compared: the worker's hook must be as invisible as the
 * page's.
 */

let server: TestServer;
let without: Run;
const PAGE = '/transparency-worker.html';
const done = (tab: Tab) => until(() => tab.evaluate<boolean>('document.documentElement.hasAttribute("data-done")'), Boolean, 'the worker to finish its checks', 90_000);

before(async () => {
  server = await startServer();
  without = await withoutExtension(async (plain) => {
    const tab = await plain.open(`${server.origin}${PAGE}`);
    await done(tab);
    return read(tab);
  });
});
after(() => server?.close());

inBrowsers('the worker hook is invisible to the worker (without vs with the extension)', (env) => {
  let tab: Tab;
  let withExtension: Run;
  before(async () => {
    // The panel watches first: workers are hooked while it does.
    tab = await env.browser.open(`${server.origin}/workers/none.html`);
    await tab.panel();
    await tab.goto(`${server.origin}${PAGE}`);
    await done(tab);
    withExtension = await read(tab);
  });

  it('runs the checks in the worker, in both runs', () => {
    assert.ok(Object.keys(without.results).length >= 40, `${Object.keys(without.results).length} checks`);
    assert.deepEqual(Object.keys(withExtension.results), Object.keys(without.results));
  });

  const origin = () => (env.name === 'chromium' ? `chrome-extension://${env.browser.chromium!.extensionId}` : EXTENSION_ORIGIN);
  /**
   * Firefox: the hook sits on the first line of the worker's script (it was prepended there), so a
   * stand-in's kept frame names that script, line 1, and is removed like the extension's own.
   */
  const hookFrames = () => new RegExp(`(?<="|\\\\n)[^"\\\\@]*@${server.origin.replace(/[.:/]/g, '\\$&')}/transparency-worker\\.js:1:\\d+\\\\n`, 'g');
  const strip = (v: unknown) => (v === undefined ? v : JSON.parse(stripExtensionFrames(JSON.stringify(v), origin()).replace(hookFrames(), '')));

  it('gives the same result for every check with and without the extension', (t) => compareEveryCheck(t, withExtension.results, without.results, strip, () => true, FIREFOX_WORKER_KNOWN));

  it('differs only by the extension\'s own stack frame where a wrapped call runs page code', async (t) => {
    for (const name of Object.keys(without.known)) {
      await t.test(name, () => assert.deepEqual(strip(withExtension.known[name]), without.known[name]));
    }
  });

  it('was capturing the worker\'s sockets all along', async () => {
    const events = await waitForSocket(await tab.panel(), (s) => s.url === `${server.ws}/echo?events` && s.state === 'closed', 'events socket');
    assert.equal(events.messages, 4);
  });
}, { optionalGranted: true });
