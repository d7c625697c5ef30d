import { after, afterEach, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers, type Panel, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { count, gridRows, until, waitForSocket, watchLastCopy } from '../support/readers';

let server: TestServer;

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
});
after(() => server?.close());

const text = (panel: Panel, selector: string) => panel.query((doc, s) => doc.querySelector(s)?.textContent ?? null, selector);


let run = 0;
inBrowsers('the Sockets panel', (env) => {
  let tab: Tab;
  let panel: Panel;
  beforeEach(async () => {
    tab = await env.browser.open(`${server.origin}/mix?run=${++run}`);
    panel = await tab.panel();
    await waitForSocket(panel, (s) => s.url.endsWith('?a') && s.messages === 6);
    await waitForSocket(panel, (s) => s.url.endsWith('?b') && s.state === 'closed');
    await until(() => count(panel, 'shown-count'), (n) => n === 14, 'all 14 rows');
  });
  afterEach(async () => {
    await panel.close();
    await tab.close();
  });

  const shown = () => count(panel, 'shown-count');
  const setFilter = (t: string) => panel.fill('[aria-label=Filter]', t);
  const toggle = (name: string) => panel.click(`[data-toggle=${name}]`);
  const expectShown = (n: number, what: string) => until(shown, (v) => v === n, what);
  const selectedIndex = () => panel.attribute('[role=row][aria-selected=true]', 'data-index');

  it('filters by case-insensitive text', async () => {
    await setFilter('ALPHA');
    await expectShown(2, 'alpha rows');
    for (const r of await gridRows(panel)) assert.match(r.payload, /alpha one/);
  });

  it('filters by /regex/flags and shows an invalid regex as an error without breaking the grid', async () => {
    await setFilter('/^\\{"type":"tick"/');
    await expectShown(2, 'regex rows');
    await setFilter('/(unclosed/');
    await panel.waitFor('[data-role=filter-error]');
    assert.equal(await panel.attribute('[aria-label=Filter]', 'aria-invalid'), 'true');
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
    await panel.waitFor('[data-role=json-tree]');
    const tree = (await text(panel, '[data-role=json-tree]'))!;
    assert.match(tree, /type: "tick"/);
    assert.match(tree, /deep: Array\(2\)/);
    await panel.click('[data-role=json-toggle]');
    await until(() => text(panel, '[data-role=json-tree]'), (t) => !/type: "tick"/.test(t ?? ''), 'the tree collapsed');

    await setFilter('');
    await toggle('text');
    await toggle('lifecycle');
    await expectShown(2, 'binary rows');
    await panel.click('[role=row][data-kind=message]');
    await panel.click('[data-view=hex]');
    assert.match((await until(() => text(panel, '[data-role=hexdump]'), (t) => !!t, 'the hex dump'))!, /^00000000 {2}01 02 03 /);
    const copied = await watchLastCopy(panel);
    await panel.click('[data-copy=hex]');
    assert.equal(await until(copied, (c) => c !== null, 'a copy'), '010203');
    await watchLastCopy(panel);
    await panel.click('[data-copy=base64]');
    assert.equal(await until(copied, (c) => c !== null, 'a copy'), 'AQID');
  });

  it('moves the selection with the arrow keys', async () => {
    // The rows in view, then one with two above it.
    const start = (await gridRows(panel)).map((r) => r.index).find((i) => i >= 2)!;
    await panel.click(`[role=row][data-index="${start}"]`);
    await panel.press('ArrowUp', '[role=grid]');
    await panel.press('ArrowUp', '[role=grid]');
    assert.equal(await selectedIndex(), String(start - 2));
    await panel.press('Home', '[role=grid]');
    assert.equal(await selectedIndex(), '0');
    await panel.press('End', '[role=grid]');
    assert.equal(await selectedIndex(), '13');
  });

  it('pauses collection and says how many messages it skipped', async () => {
    await panel.click('[data-action=record]');
    await tab.evaluate('for (let i = 0; i < 3; i++) a.send(`while paused ${i}`)');
    await until(() => count(panel, 'skipped-count'), (n) => n === 6, 'six skipped');
    assert.equal(await count(panel, 'total-count'), 14);
    await panel.click('[data-action=record]');
    await tab.evaluate('a.send("after resume")');
    await until(() => count(panel, 'total-count'), (n) => n === 16, 'collects again');
  });

  it('clears: frees every row and the closed sockets, keeps the open socket', async () => {
    await panel.click('[data-action=clear]');
    await until(() => count(panel, 'total-count'), (n) => n === 0, 'cleared');
    const urls = await panel.query((doc) => Array.from(doc.querySelectorAll('[data-socket-url]')).map((e) => e.getAttribute('data-socket-url')));
    assert.deepEqual(urls, [`${server.ws}/echo?a`]);
    await tab.evaluate('a.send("after clear")');
    await until(() => count(panel, 'total-count'), (n) => n === 2, 'new traffic after clear');
  });

  it('draws a timeline; clicking it selects a message at that time', async () => {
    const points = Number(await panel.attribute('[data-role=timeline]', 'data-points'));
    assert.ok(points >= 1);
    // The pointer moves to the middle of the plot (which places uPlot's cursor), then clicks there.
    await panel.query((doc) => {
      const over = doc.querySelector('[data-role=timeline] .u-over') as HTMLElement;
      const r = over.getBoundingClientRect();
      const w = doc.defaultView as Window & typeof globalThis;
      const at = { bubbles: true, cancelable: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, view: w };
      over.dispatchEvent(new w.MouseEvent('mousemove', at));
      over.dispatchEvent(new w.MouseEvent('mousedown', at));
      over.dispatchEvent(new w.MouseEvent('mouseup', at));
      over.dispatchEvent(new w.MouseEvent('click', at));
      return true;
    });
    await panel.waitFor('[role=row][aria-selected=true]');
  });
  // Chromium's default e2e dock in both browsers: the timeline has the room of a working DevTools.
}, { devtoolsHeight: 600 });

inBrowsers('untrusted payloads', (env) => {
  it('renders HTML and script payloads as text and runs nothing', async () => {
    const tab = await env.browser.open(`${server.origin}/hostile`);
    const panel = await tab.panel();
    await waitForSocket(panel, (s) => s.url.endsWith('?hostile') && s.messages === 4);
    const rows = (await gridRows(panel)).filter((r) => r.kind === 'message');
    assert.equal(rows[0].payload, '<img src=x onerror="parent.__pwned = 1; window.__pwned = 1">');
    assert.equal(rows[1].payload, '<script>window.__pwned = 2</script><b>bold?</b>');
    await panel.click('[role=row][data-kind=message]');
    assert.match((await until(() => text(panel, '[data-role=detail-body]'), (t) => !!t, 'the detail'))!, /<img src=x onerror=/);
    assert.equal(await panel.query((doc) => doc.querySelectorAll('[role=grid] img, [role=grid] script, [role=grid] b, [data-role=detail] img').length), 0);
    // The panel page's own global (in Firefox the query sees it through an Xray wrapper: read the page's side).
    const pwned = await panel.query((doc) => {
      const w = doc.defaultView as unknown as { __pwned?: number; wrappedJSObject?: { __pwned?: number } };
      return (w.wrappedJSObject ?? w).__pwned ?? null;
    });
    assert.equal(pwned, null);
    await panel.close();
    await tab.close();
  });
});
