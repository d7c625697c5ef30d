import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import {
  MESSAGES_PAGE, bigPayloadScenario, conventionsScenario, blankGridScenario, composerTypingScenario, controlCharsScenario, farFutureImportScenario,
  gridRows, staleDetailScenario, timelineScenario, waitForMessagesPage, type PanelDriver,
} from '../support/messages';
import { until } from '../support/panel';

let server: TestServer;
let browser: Launched;
let page: Page;
let panel: Frame;
let d: PanelDriver;

function driver(frame: Frame, inspected: Page): PanelDriver {
  return {
    query: (fn, arg) => frame.evaluate(`(() => { var __name = (f) => f; return (${fn.toString()})(document, ${JSON.stringify(arg ?? null)}); })()`),
    click: (selector) => frame.click(selector),
    filter: (text) => frame.fill('[aria-label=Filter]', text),
    async typeKeys(selector, text, delayMs) {
      await frame.click(selector);
      await frame.page().keyboard.type(text, { delay: delayMs });
    },
    press: (key, selector) => (selector ? frame.press(selector, key) : frame.page().keyboard.press(key)),
    page: (expression) => inspected.evaluate(expression),
  };
}

before(async () => {
  server = await startServer({ '/messages': MESSAGES_PAGE, '/empty': '<!doctype html><title>empty</title>' });
  // DevTools gets most of the window: the grid, the timeline and the detail pane all in view.
  browser = await launchChromium({ devtoolsHeight: 700 });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

let run = 0;
describe('the messages side of the panel (Chromium)', () => {
  beforeEach(async () => {
    page = await browser.context.newPage();
    await page.goto(`${server.origin}/messages?run=${++run}`);
    panel = (await openPanelFor(browser, page)).panel;
    d = driver(panel, page);
    await waitForMessagesPage(d, server.ws);
  });
  afterEach(() => page.close());

  it('shows rows after scrolling up and then selecting a shorter socket or filtering (bug 2)', { timeout: 120_000 }, () => blankGridScenario(d, server.ws));
  it('shows control and bidi characters as visible symbols; copy gives the raw text (bug 6)', { timeout: 120_000 }, () => controlCharsScenario(d, server.ws));
  it('never shows a detail or a "Copied" of a message the grid no longer shows (bug 7)', { timeout: 120_000 }, () => staleDetailScenario(d, server.ws));
  it('keeps every key typed at key-repeat speed into the composer while sockets are live (bug 1)', { timeout: 120_000 }, () => composerTypingScenario(d, server.ws));
  it('draws the timeline of a socket within one second in seconds, with a legend and hover values (bug 10)', { timeout: 120_000 }, () => timelineScenario(d, server.ws));
  it('has Chrome\'s message columns (menu, sort, resize, remembered), a keyboard message menu kept on screen, and a summary in the status bar', { timeout: 120_000 }, () => conventionsScenario(d, server.ws));
  it('opens a 12 MB JSON of 1M keys as capped text, the other views capped or on demand (bug 12)', { timeout: 240_000 }, () => bigPayloadScenario(d, server.ws));
});

describe('far-future times (Chromium)', () => {
  it('imports a HAR with times of 1e16, 1e300 and 1e19 s: skips them, and neither its panel nor another tab\'s stops (bug 0)', { timeout: 120_000 }, async () => {
    const witness = await browser.context.newPage();
    await witness.goto(`${server.origin}/messages?witness`);
    const witnessPanel = (await openPanelFor(browser, witness)).panel;
    await waitForMessagesPage(driver(witnessPanel, witness), server.ws);
    const importer = await browser.context.newPage();
    await importer.goto(`${server.origin}/empty?far-future`);
    const importerPanel = (await openPanelFor(browser, importer)).panel;
    await farFutureImportScenario(driver(importerPanel, importer));
    // The other tab's panel (same extension process) still takes new messages.
    await witness.evaluate(() => (window as unknown as { short: WebSocket }).short.send('after the import'));
    await until(() => gridRows(driver(witnessPanel, witness)), (r) => r.some((x) => x.payload === 'after the import'), 'the witness panel shows new traffic');
    await importer.close();
    await witness.close();
  });
});
