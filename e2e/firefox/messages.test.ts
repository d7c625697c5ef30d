import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, openSocketsPanel, type FirefoxLaunched, type FirefoxPanel } from '../support/firefox';
import { startServer, type TestServer } from '../support/server';
import {
  MESSAGES_PAGE, bigPayloadScenario, conventionsScenario, blankGridScenario, composerTypingScenario, controlCharsScenario, farFutureImportScenario,
  gridRows, staleDetailScenario, timelineScenario, waitForMessagesPage, type PanelDriver,
} from '../support/messages';
import { until } from '../support/panel';

let server: TestServer;
let firefox: FirefoxLaunched;
let page: Page;
let panel: FirefoxPanel;
let d: PanelDriver;

/**
 * A click as the user makes it: with the user activation a real click gives (through the panel
 * document's chrome-only notifyUserGestureActivation), so that what needs a user gesture (a copy)
 * works as it does for a person. A bare element.click() carries none.
 */
function userClick(doc: Document, selector: string | null): boolean {
  const el = (selector ? doc.querySelector(selector) : doc.activeElement) as HTMLElement | null;
  if (!el) throw new Error(`no element ${selector ?? '(focused)'}`);
  el.scrollIntoView({ block: 'nearest' });
  (doc as unknown as { notifyUserGestureActivation(): void }).notifyUserGestureActivation();
  el.click();
  return true;
}

function driver(p: FirefoxPanel, inspected: Page): PanelDriver {
  return {
    query: (fn, arg) => p.query(fn, arg as never),
    async click(selector) {
      await p.waitFor((doc, sel) => !!doc.querySelector(sel), Boolean, selector, { arg: selector });
      await p.query(userClick, selector);
    },
    filter: (text) => p.type('[aria-label=Filter]', text, { clear: true }),
    async typeKeys(selector, text) {
      // One edit per key; each round trip to the panel takes about a key-repeat interval here.
      await p.click(selector);
      for (const ch of text) await p.type(selector, ch);
    },
    async press(key, selector) {
      const parts = key.split('+');
      const name = parts.pop()!;
      // A synthetic Enter does not activate a button: click the focused one, as Enter does.
      if (name === 'Enter' && !selector) {
        await p.query(userClick, null);
        return;
      }
      await p.press(name, selector, { shift: parts.includes('Shift'), ctrl: parts.includes('Control') });
    },
    page: (expression) => inspected.evaluate(expression) as never,
  };
}

before(async () => {
  server = await startServer({ '/messages': MESSAGES_PAGE, '/empty': '<!doctype html><title>empty</title>' });
  firefox = await launchFirefox();
});
after(async () => {
  await firefox?.close();
  await server?.close();
});

let run = 0;
describe('the messages side of the panel (Firefox)', () => {
  beforeEach(async () => {
    page = await firefox.newPage();
    await page.goto(`${server.origin}/messages?run=${++run}`);
    panel = await openSocketsPanel(page);
    d = driver(panel, page);
    await waitForMessagesPage(d, server.ws);
  });
  afterEach(async () => {
    await panel?.close();
    await page?.close();
  });

  it('shows rows after scrolling up and then selecting a shorter socket or filtering (bug 2)', { timeout: 120_000 }, () => blankGridScenario(d, server.ws));
  it('shows control and bidi characters as visible symbols; copy gives the raw text (bug 6)', { timeout: 120_000 }, () => controlCharsScenario(d, server.ws));
  it('never shows a detail or a "Copied" of a message the grid no longer shows (bug 7)', { timeout: 120_000 }, () => staleDetailScenario(d, server.ws));
  it('keeps every key typed into the composer while sockets are live (bug 1)', { timeout: 120_000 }, () => composerTypingScenario(d, server.ws));
  // Known failure since the shell and messages work were merged: in Firefox's default toolbox the plot
  // keeps 40 px (the axis and legend pass); reported in the issue, to fix.
  it('draws the timeline of a socket within one second in seconds, with a legend and hover values (bug 10)', { timeout: 120_000, todo: 'Firefox: the plot stays 40 px high in the merged layout' }, () => timelineScenario(d, server.ws));
  it('has Chrome\'s message columns (menu, sort, resize, remembered), a keyboard message menu kept on screen, and a summary in the status bar', { timeout: 120_000 }, () => conventionsScenario(d, server.ws));
  it('opens a 12 MB JSON of 1M keys as capped text, the other views capped or on demand (bug 12)', { timeout: 240_000 }, () => bigPayloadScenario(d, server.ws));
});

describe('far-future times (Firefox)', () => {
  it('imports a HAR with times of 1e16, 1e300 and 1e19 s: skips them, its panel keeps working and a new tab still gets a Sockets panel (bug 0)', { timeout: 120_000 }, async () => {
    const importer = await firefox.newPage();
    await importer.goto(`${server.origin}/empty?far-future`);
    const importerPanel = await openSocketsPanel(importer);
    await farFutureImportScenario(driver(importerPanel, importer));
    const next = await firefox.newPage();
    await next.goto(`${server.origin}/messages?after-far-future`);
    const nextPanel = await openSocketsPanel(next, { timeoutMs: 60_000 });
    await waitForMessagesPage(driver(nextPanel, next), server.ws);
    await until(() => gridRows(driver(nextPanel, next)), (r) => r.length > 0, 'rows in the new tab\'s panel');
    await importerPanel.close();
    await nextPanel.close();
    await importer.close();
    await next.close();
  });
});
