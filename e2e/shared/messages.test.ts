import { afterEach, before, after, beforeEach, it } from 'node:test';
import { inBrowsers, type Panel, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import {
  MESSAGES_PAGE, bigPayloadScenario, conventionsScenario, blankGridScenario, composerTypingScenario, controlCharsScenario, driverOf, farFutureImportScenario,
  gridRows, staleDetailScenario, timelineScenario, waitForMessagesPage, type PanelDriver,
} from '../support/messages';
import { until } from '../support/readers';

let server: TestServer;
before(async () => {
  server = await startServer({ '/messages': MESSAGES_PAGE, '/empty': '<!doctype html><title>empty</title>' });
});
after(() => server?.close());

let run = 0;
// DevTools gets most of the window: the grid, the timeline and the detail pane all in view.
inBrowsers('the messages side of the panel', (env) => {
  let tab: Tab;
  let panel: Panel;
  let d: PanelDriver;
  beforeEach(async () => {
    tab = await env.browser.open(`${server.origin}/messages?run=${++run}`);
    panel = await tab.panel();
    d = driverOf(panel, tab);
    await waitForMessagesPage(d, server.ws);
  });
  afterEach(async () => {
    await panel.close();
    await tab.close();
  });

  it('shows rows after scrolling up and then selecting a shorter socket or filtering (bug 2)', { timeout: 120_000 }, () => blankGridScenario(d, server.ws));
  it('shows control and bidi characters as visible symbols; copy gives the raw text (bug 6)', { timeout: 120_000 }, () => controlCharsScenario(d, server.ws));
  it('never shows a detail or a "Copied" of a message the grid no longer shows (bug 7)', { timeout: 120_000 }, () => staleDetailScenario(d, server.ws));
  it('keeps every key typed into the composer while sockets are live (bug 1)', { timeout: 120_000 }, () => composerTypingScenario(d, server.ws));
  it('draws the timeline of a socket within one second in seconds, with a legend and hover values (bug 10)', { timeout: 120_000 }, () => timelineScenario(d, server.ws));
  it('has Chrome\'s message columns (menu, sort, resize, remembered), a keyboard message menu kept on screen, and a summary in the status bar', { timeout: 120_000 }, () => conventionsScenario(d, server.ws));
  it('opens a 12 MB JSON of 1M keys as capped text, the other views capped or on demand (bug 12)', { timeout: 240_000 }, () => bigPayloadScenario(d, server.ws));
}, { devtoolsHeight: 700 });

inBrowsers('far-future times', (env) => {
  it('imports a HAR with times of 1e16, 1e300 and 1e19 s: skips them; neither its panel nor another tab\'s stops, and a new tab still gets a panel (bug 0)', { timeout: 180_000 }, async () => {
    const witness = await env.browser.open(`${server.origin}/messages?witness`);
    const witnessPanel = driverOf(await witness.panel(), witness);
    await waitForMessagesPage(witnessPanel, server.ws);
    const importer = await env.browser.open(`${server.origin}/empty?far-future`);
    await farFutureImportScenario(driverOf(await importer.panel(), importer));
    // The other tab's panel (same extension process) still takes new messages.
    await witness.evaluate('short.send("after the import")');
    await until(() => gridRows(witnessPanel), (r) => r.some((x) => x.payload === 'after the import'), 'the witness panel shows new traffic');
    // And a tab opened now still gets a Sockets panel that shows its traffic.
    const next = await env.browser.open(`${server.origin}/messages?after-far-future`);
    const nextPanel = driverOf(await next.panel(), next);
    await waitForMessagesPage(nextPanel, server.ws);
    await until(() => gridRows(nextPanel), (r) => r.length > 0, 'rows in the new tab\'s panel');
    for (const t of [next, importer, witness]) await t.close();
  });
});
