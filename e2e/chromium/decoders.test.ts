import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { gridRows, count, selectRow, until, waitForSocket } from '../support/panel';
import { startDemoServer } from '../../demo/server';

let demo: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Launched;
let panel: Frame;

const decodedRows = async () => (await panel.$$eval('[role=row][data-kind=message] [data-role=decoded]', (els) => els.map((e) => e.textContent ?? '')));

before(async () => {
  demo = await startDemoServer(0);
  browser = await launchChromium();
  const page = await browser.context.newPage();
  await page.goto(demo.url);
  panel = (await openPanelFor(browser, page)).panel;
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

describe('sub-protocol decoding on the demo page (Chromium)', () => {
  it('shows decoded Socket.IO event names from the real socket.io-client', async () => {
    const socket = await waitForSocket(panel, (s) => s.url.includes('/socket.io/') && s.messages >= 6, 'socket.io socket with traffic');
    assert.match(socket.text, /\(socket\.io\)/);
    await selectRow(panel, `[data-socket-key="${socket.key}"]`);
    // Only once the grid shows that socket's rows alone (the click re-filters at the next render).
    const summaries = await until(decodedRows, (rows) => rows.length > 0 && rows.every((r) => r.startsWith('socket.io ')) && rows.some((r) => /EVENT "news"/.test(r)), 'decoded news events of the selected socket');
    assert.ok(summaries.some((r) => /EVENT "chat"/.test(r)), `chat event among ${JSON.stringify(summaries)}`);
  });

  it('lets the user override the decoder of a socket, including none', async () => {
    const socket = await waitForSocket(panel, (s) => s.url.includes('/socket.io/'));
    await selectRow(panel, `[data-socket-key="${socket.key}"]`);
    await panel.selectOption('[data-role=decoder-picker]', 'none');
    await until(decodedRows, (rows) => rows.length === 0, 'raw payloads only');
    assert.ok((await gridRows(panel)).some((r) => /^42\["news"/.test(r.payload)), 'raw Socket.IO frames shown');
    await panel.selectOption('[data-role=decoder-picker]', 'auto');
    await until(decodedRows, (rows) => rows.some((r) => /EVENT "news"/.test(r)), 'decoded again');
  });

  it('filters on a decoded field: event:news shows only news events', async () => {
    await panel.click('[data-all-sockets]');
    await panel.fill('[aria-label=Filter]', 'event:news');
    await until(() => count(panel, 'shown-count'), (n) => n > 0, 'news rows shown');
    const rows = await gridRows(panel);
    assert.ok(rows.length > 0);
    for (const r of rows) assert.match(r.payload, /EVENT "news"/);
    await panel.fill('[aria-label=Filter]', 'event:no-such-event');
    await until(() => count(panel, 'shown-count'), (n) => n === 0, 'nothing shown');
    await panel.fill('[aria-label=Filter]', '');
  });

  it('shows a Socket.IO event with its name and payload expanded in the detail pane, no absent fields and no cut headline', async () => {
    await panel.click('[data-all-sockets]');
    await panel.fill('[aria-label=Filter]', 'event:news');
    await until(() => count(panel, 'shown-count'), (n) => n > 0, 'news rows shown');
    // Rows keep arriving on the demo page: a DOM click, not a pointer aimed at a moving row.
    await panel.$eval('[role=row][data-kind=message]', (row) => (row as HTMLElement).click());
    await panel.click('[data-tab=message]');
    await panel.click('[data-view=decoded]');
    const tree = (await panel.textContent('[data-role=json-tree]'))!;
    assert.match(tree, /event: "news"/);
    assert.match(tree, /data: /);
    assert.doesNotMatch(tree, /undefined/);
    const headline = (await panel.textContent('[data-role=decoded-headline]'))!;
    assert.match(headline, /event news/);
    assert.doesNotMatch(headline, /…/);
    await panel.fill('[aria-label=Filter]', '');
  });

  it('decodes STOMP frames and filters on their destination', async () => {
    await waitForSocket(panel, (s) => s.url.endsWith('/stomp') && s.messages >= 4, 'stomp socket with traffic');
    await panel.fill('[aria-label=Filter]', 'destination:/topic/prices');
    await until(() => count(panel, 'shown-count'), (n) => n > 0, 'price rows');
    for (const r of await gridRows(panel)) assert.match(r.payload, /STOMP (MESSAGE|SUBSCRIBE) \/topic\/prices/);
    await panel.fill('[aria-label=Filter]', '');
  });
});
