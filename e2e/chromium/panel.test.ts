import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { count, gridRows, until, waitForSocket } from '../support/panel';

let server: TestServer;
let browser: Launched;
let page: Page;
let panel: Frame;

/** A known traffic mix: socket A sends text, JSON and binary; socket B sends text and closes. */
const MIX = `<!doctype html><title>mix</title><script>
  const base = location.origin.replace('http', 'ws');
  window.a = new WebSocket(base + '/echo?a');
  a.onopen = () => { a.send('alpha one'); a.send('{"type":"tick","v":1,"nested":{"deep":[1,2]}}'); a.send(new Uint8Array([1, 2, 3])); };
  window.b = new WebSocket(base + '/echo?b');
  b.onmessage = () => b.close(1000, 'done');
  b.onopen = () => b.send('beta two');
</script>`;

const HOSTILE = `<!doctype html><title>hostile</title><script>
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?hostile');
  ws.onopen = () => {
    ws.send('<img src=x onerror="parent.__pwned = 1; window.__pwned = 1">');
    ws.send('<script>window.__pwned = 2<\\/script><b>bold?</b>');
  };
</script>`;

before(async () => {
  server = await startServer({ '/mix': MIX, '/hostile': HOSTILE });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

let run = 0;
async function openMix() {
  page = await browser.context.newPage();
  await page.goto(`${server.origin}/mix?run=${++run}`);
  panel = (await openPanelFor(browser, page)).panel;
  await waitForSocket(panel, (s) => s.url.endsWith('?a') && s.messages === 6);
  await waitForSocket(panel, (s) => s.url.endsWith('?b') && s.state === 'closed');
  await until(() => count(panel, 'shown-count'), (n) => n === 14, 'all 14 rows');
}
const shown = () => count(panel, 'shown-count');
const setFilter = (text: string) => panel.fill('[aria-label=Filter]', text);
const toggle = (name: string) => panel.click(`[data-toggle=${name}]`);
const expectShown = (n: number, what: string) => until(shown, (v) => v === n, what);

describe('the Sockets panel (Chromium)', () => {
  beforeEach(openMix);
  afterEach(() => page.close());

  it('filters by case-insensitive text', async () => {
    await setFilter('ALPHA');
    await expectShown(2, 'alpha rows');
    for (const r of await gridRows(panel)) assert.match(r.payload, /alpha one/);
  });

  it('filters by /regex/flags and shows an invalid regex as an error without breaking the grid', async () => {
    await setFilter('/^\\{"type":"tick"/');
    await expectShown(2, 'regex rows');
    await setFilter('/(unclosed/');
    await panel.waitForSelector('[data-role=filter-error]');
    assert.equal(await panel.getAttribute('[aria-label=Filter]', 'aria-invalid'), 'true');
    assert.equal(await shown(), 14);
  });

  it('inverts the text filter', async () => {
    await setFilter('alpha');
    await panel.click('[data-toggle=invert]');
    await expectShown(12, 'inverted rows');
  });

  it('filters by direction', async () => {
    await toggle('sent');
    await expectShown(10, 'no sent rows');
    for (const r of await gridRows(panel)) assert.notEqual(r.direction, 'sent');
  });

  it('filters by type: binary only, lifecycle only', async () => {
    await toggle('text');
    await toggle('lifecycle');
    await expectShown(2, 'binary rows');
    for (const r of await gridRows(panel)) assert.match(r.payload, /Binary 3 B: 01 02 03/);
    await toggle('binary');
    await toggle('lifecycle');
    await expectShown(6, 'lifecycle rows');
    for (const r of await gridRows(panel)) assert.equal(r.direction, null);
  });

  it('filters by socket, and combines every filter', async () => {
    await panel.click(`[data-socket-url="${server.ws}/echo?b"]`);
    await expectShown(6, 'socket b rows');
    await toggle('sent');
    await setFilter('beta');
    await expectShown(1, 'one received beta row');
    const [row] = await gridRows(panel);
    assert.equal(row.direction, 'received');
    assert.match(row.payload, /beta two/);
  });

  it('shows JSON as a collapsible tree, binary as a hex dump, and copies hex', async () => {
    await setFilter('tick');
    await expectShown(2, 'json rows');
    await panel.click('[role=row][data-kind=message]');
    await panel.waitForSelector('[data-role=json-tree]');
    const tree = await panel.textContent('[data-role=json-tree]');
    assert.match(tree!, /type: "tick"/);
    assert.match(tree!, /deep: Array\(2\)/);
    const toggles = await panel.$$('[data-role=json-toggle]');
    await toggles[0].click();
    assert.doesNotMatch((await panel.textContent('[data-role=json-tree]'))!, /type: "tick"/);

    await setFilter('');
    await toggle('text');
    await toggle('lifecycle');
    await expectShown(2, 'binary rows');
    await panel.click('[role=row][data-kind=message]');
    await panel.click('[data-view=hex]');
    assert.match((await panel.textContent('[data-role=hexdump]'))!, /^00000000 {2}01 02 03 /);
    await panel.evaluate(() => document.addEventListener('copy', (e) => ((window as unknown as { copied: string }).copied = (e.target as HTMLTextAreaElement).value)));
    await panel.click('[data-copy=hex]');
    assert.equal(await panel.evaluate(() => (window as unknown as { copied: string }).copied), '010203');
    await panel.click('[data-copy=base64]');
    assert.equal(await panel.evaluate(() => (window as unknown as { copied: string }).copied), 'AQID');
  });

  it('moves the selection with the arrow keys', async () => {
    // The rows in view, then one with two above it.
    const indices = await panel.$$eval('[role=row][data-kind]', (rows) => rows.map((r) => Number((r as HTMLElement).dataset.index)));
    const start = indices.find((i) => i >= 2)!;
    await panel.click(`[role=row][data-index="${start}"]`);
    await panel.press('[role=grid]', 'ArrowUp');
    await panel.press('[role=grid]', 'ArrowUp');
    assert.equal(await panel.getAttribute('[role=row][aria-selected=true]', 'data-index'), String(start - 2));
    await panel.press('[role=grid]', 'Home');
    assert.equal(await panel.getAttribute('[role=row][aria-selected=true]', 'data-index'), '0');
    await panel.press('[role=grid]', 'End');
    assert.equal(await panel.getAttribute('[role=row][aria-selected=true]', 'data-index'), '13');
  });

  it('pauses collection and says how many messages it skipped', async () => {
    await panel.click('[data-action=record]');
    await page.evaluate(() => {
      const a = (window as unknown as { a: WebSocket }).a;
      for (let i = 0; i < 3; i++) a.send(`while paused ${i}`);
    });
    await until(() => count(panel, 'skipped-count' as 'total-count'), (n) => n === 6, 'six skipped');
    assert.equal(await count(panel, 'total-count'), 14);
    await panel.click('[data-action=record]');
    await page.evaluate(() => (window as unknown as { a: WebSocket }).a.send('after resume'));
    await until(() => count(panel, 'total-count'), (n) => n === 16, 'collects again');
  });

  it('clears: frees every row and the closed sockets, keeps the open socket', async () => {
    await panel.click('[data-action=clear]');
    await until(() => count(panel, 'total-count'), (n) => n === 0, 'cleared');
    const urls = await panel.$$eval('[data-socket-url]', (r) => r.map((e) => (e as HTMLElement).dataset.socketUrl));
    assert.deepEqual(urls, [`${server.ws}/echo?a`]);
    await page.evaluate(() => (window as unknown as { a: WebSocket }).a.send('after clear'));
    await until(() => count(panel, 'total-count'), (n) => n === 2, 'new traffic after clear');
  });

  it('draws a timeline; clicking it selects a message at that time', async () => {
    const points = Number(await panel.getAttribute('[data-role=timeline]', 'data-points'));
    assert.ok(points >= 1);
    const box = (await panel.locator('[data-role=timeline] .u-over').boundingBox())!;
    await panel.locator('[data-role=timeline] .u-over').click({ position: { x: box.width / 2, y: box.height / 2 } });
    await panel.waitForSelector('[role=row][aria-selected=true]');
  });
});

describe('untrusted payloads (Chromium)', () => {
  it('renders HTML and script payloads as text and runs nothing', async () => {
    page = await browser.context.newPage();
    await page.goto(`${server.origin}/hostile`);
    panel = (await openPanelFor(browser, page)).panel;
    await waitForSocket(panel, (s) => s.url.endsWith('?hostile') && s.messages === 4);
    const rows = (await gridRows(panel)).filter((r) => r.kind === 'message');
    assert.equal(rows[0].payload, '<img src=x onerror="parent.__pwned = 1; window.__pwned = 1">');
    assert.equal(rows[1].payload, '<script>window.__pwned = 2</script><b>bold?</b>');
    await panel.click('[role=row][data-kind=message]');
    assert.match((await panel.textContent('[data-role=detail-body]'))!, /<img src=x onerror=/);
    assert.equal(await panel.$$eval('[role=grid] img, [role=grid] script, [role=grid] b, [data-role=detail] img', (e) => e.length), 0);
    assert.equal(await panel.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });
});
