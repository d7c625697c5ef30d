import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers, type Panel } from '../support/harness';
import { count, gridRows, until, waitForSocket } from '../support/readers';
import { startDemoServer } from '../../demo/server';

let demo: Awaited<ReturnType<typeof startDemoServer>>;

before(async () => {
  demo = await startDemoServer(0);
});
after(() => demo?.close());

const decodedRows = (panel: Panel) => panel.query((doc) => Array.from(doc.querySelectorAll('[role=row][data-kind=message] [data-role=decoded]')).map((e) => e.textContent ?? ''));
const text = (panel: Panel, selector: string) => panel.query((doc, s) => doc.querySelector(s)?.textContent ?? null, selector);

/**
 * Clicks a socket row until it is the selected one: on the live demo page the table re-renders a
 * few times a second, and a click can land as its rows are replaced.
 */
async function selectRow(panel: Panel, selector: string): Promise<void> {
  await until(
    async () => {
      await panel.click(selector);
      return panel.attribute(selector, 'aria-selected');
    },
    (selected) => selected === 'true',
    `${selector} selected`,
  );
}

inBrowsers('sub-protocol decoding on the demo page', (env) => {
  let panel: Panel;
  before(async () => {
    const tab = await env.browser.open(demo.url);
    panel = await tab.panel();
  });

  it('shows decoded Socket.IO event names from the real socket.io-client', { timeout: 120_000 }, async () => {
    const socket = await waitForSocket(panel, (s) => s.url.includes('/socket.io/') && s.messages >= 6, 'socket.io socket with traffic', 60_000);
    assert.match(socket.text, /\(socket\.io\)/);
    await selectRow(panel, `[data-socket-key="${socket.key}"]`);
    // Only once the grid shows that socket's rows alone (the click re-filters at the next render).
    const summaries = await until(() => decodedRows(panel), (rows) => rows.length > 0 && rows.every((r) => r.startsWith('socket.io ')) && rows.some((r) => /EVENT "news"/.test(r)), 'decoded news events of the selected socket', 60_000);
    assert.ok(summaries.some((r) => /EVENT "chat"/.test(r)), `chat event among ${JSON.stringify(summaries)}`);
  });

  it('lets the user override the decoder of a socket, including none', { timeout: 120_000 }, async () => {
    const socket = await waitForSocket(panel, (s) => s.url.includes('/socket.io/'));
    await selectRow(panel, `[data-socket-key="${socket.key}"]`);
    await panel.select('[data-role=decoder-picker]', 'none');
    await until(() => decodedRows(panel), (rows) => rows.length === 0, 'raw payloads only');
    assert.ok((await gridRows(panel)).some((r) => /^42\["news"/.test(r.payload)), 'raw Socket.IO frames shown');
    await panel.select('[data-role=decoder-picker]', 'auto');
    await until(() => decodedRows(panel), (rows) => rows.some((r) => /EVENT "news"/.test(r)), 'decoded again');
  });

  it('filters on a decoded field: event:news shows only news events', { timeout: 120_000 }, async () => {
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

  it('shows a Socket.IO event with its name and payload expanded in the detail pane, no absent fields and no cut headline', { timeout: 120_000 }, async () => {
    await panel.click('[data-all-sockets]');
    await panel.fill('[aria-label=Filter]', 'event:news');
    await until(() => count(panel, 'shown-count'), (n) => n > 0, 'news rows shown');
    // Rows keep arriving on the demo page: a DOM click, not a pointer aimed at a moving row.
    await panel.query((doc) => {
      (doc.querySelector('[role=row][data-kind=message]') as HTMLElement).click();
      return true;
    });
    await panel.click('[data-tab=message]');
    await panel.click('[data-view=decoded]');
    const tree = (await until(() => text(panel, '[data-role=json-tree]'), (t) => !!t, 'the decoded tree'))!;
    assert.match(tree, /event: "news"/);
    assert.match(tree, /data: /);
    assert.doesNotMatch(tree, /undefined/);
    const headline = (await text(panel, '[data-role=decoded-headline]'))!;
    assert.match(headline, /event news/);
    assert.doesNotMatch(headline, /…/);
    await panel.fill('[aria-label=Filter]', '');
  });

  it('decodes STOMP frames and filters on their destination', { timeout: 120_000 }, async () => {
    await waitForSocket(panel, (s) => s.url.endsWith('/stomp') && s.messages >= 4, 'stomp socket with traffic', 60_000);
    await panel.fill('[aria-label=Filter]', 'destination:/topic/prices');
    await until(() => count(panel, 'shown-count'), (n) => n > 0, 'price rows');
    for (const r of await gridRows(panel)) assert.match(r.payload, /STOMP (MESSAGE|SUBSCRIBE) \/topic\/prices/);
    await panel.fill('[aria-label=Filter]', '');
  });
});
