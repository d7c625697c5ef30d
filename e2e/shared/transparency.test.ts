import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { waitForSocket } from '../support/readers';
import { loadUntilDone, withoutExtension } from '../support/page-runs';
import { EXTENSION_ORIGIN } from '../support/firefox';
import { compareEveryCheck, FIREFOX_FRAME_CHECKS, FIREFOX_KNOWN, stripExtensionFrames } from '../support/transparency';
import { readRun as read, type Run } from '../support/transparency';

/**
 * e2e/pages/transparency.html runs page-observable checks of WebSocket behaviour and publishes what
 * the page saw. The suite runs it without and with the extension (in Chromium with DevTools open in
 * both) and compares.
 */

let server: TestServer;
let without: Run;
const PAGE = '/transparency.html';
const failedChecks = (r: Run['results']) => Object.entries(r).filter(([, v]) => v !== null && typeof v === 'object' && 'checkFailed' in v).map(([k]) => k);
before(async () => {
  server = await startServer();
  without = await withoutExtension(async (plain) => read(await loadUntilDone(plain, `${server.origin}${PAGE}`)));
});
after(() => server?.close());

inBrowsers('the hook is invisible to the page (without vs with the extension)', (env) => {
  let tab: Tab;
  let withExtension: Run;
  before(async () => {
    tab = await loadUntilDone(env.browser, `${server.origin}${PAGE}`);
    withExtension = await read(tab);
  });

  it('runs at least 40 page-observable checks, in both runs', () => {
    assert.ok(Object.keys(without.results).length >= 40, `${Object.keys(without.results).length} checks`);
    assert.deepEqual(Object.keys(withExtension.results), Object.keys(without.results));
  });

  it('runs every check to completion (none of the checks itself broke)', () => {
    assert.deepEqual(failedChecks(without.results), []);
    assert.deepEqual(failedChecks(withExtension.results), []);
    assert.deepEqual(failedChecks(without.known), []);
  });

  const origin = () => (env.name === 'chromium' ? `chrome-extension://${env.browser.chromium!.extensionId}` : EXTENSION_ORIGIN);
  const strip = (v: unknown) => (v === undefined ? v : JSON.parse(stripExtensionFrames(JSON.stringify(v), origin())));

  // Firefox: only a Function.prototype stand-in may keep its frame (the others' traps run in the isolated world).
  it('gives the same result for every check with and without the extension', (t) => compareEveryCheck(t, withExtension.results, without.results, strip, (name) => FIREFOX_FRAME_CHECKS.has(name)));

  it('differs in Firefox by no more than the stand-ins\' stack frames, but where known', { skip: env.name === 'chromium' ? 'Chromium: every check gives the same result (above)' : false }, async (t) => {
    for (const name of Object.keys(without.results)) {
      if (FIREFOX_KNOWN[name]) continue;
      await t.test(name, () => assert.deepEqual(strip(withExtension.results[name]), without.results[name]));
    }
  });

  it('differs only by the extension\'s own stack frame where a wrapped call runs page code', async (t) => {
    assert.ok(Object.keys(without.known).length > 0);
    for (const name of Object.keys(without.known)) {
      await t.test(name, () => assert.deepEqual(strip(withExtension.known[name]), without.known[name]));
    }
  });

  it('was capturing all along: the panel shows the sockets the checks opened, with their messages', async () => {
    const panel = await tab.panel();
    const events = await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?events` && s.state === 'closed', 'events socket');
    assert.equal(events.messages, 4);
    const kinds = await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?kinds` && s.state === 'closed', 'payload kinds socket');
    assert.equal(kinds.messages, 18);
  });

  it('was capturing a WebSocketStream all along', { skip: env.name === 'firefox' ? 'Firefox has no WebSocketStream' : false }, async () => {
    const stream = await waitForSocket(await tab.panel(), (s) => s.url === `${server.ws}/echo?stream` && s.state === 'closed', 'WebSocketStream');
    assert.equal(stream.messages, 4);
  });
});
