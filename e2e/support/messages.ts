/**
 * The messages side of the panel (grid, detail pane, timeline, composer), driven the same way in
 * Chromium and Firefox: each browser's test file wraps its harness in a `PanelDriver` and runs the
 * scenarios below against the real DevTools panel.
 */
import assert from 'node:assert/strict';
import type { Panel, Tab } from './harness';
import { until } from './panel';
import { watchLastCopy } from './readers';

export interface PanelDriver {
  /** Runs `fn(document, arg)` in the panel page (serialized: self-contained, JSON in and out). */
  query<T, A = null>(fn: (doc: Document, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  click(selector: string): Promise<void>;
  /** Replaces the filter box's text as a user would. */
  filter(text: string): Promise<void>;
  /** Types `text` into the focused-by-click `selector`, one key every `delayMs` (a person's key repeat). */
  typeKeys(selector: string, text: string, delayMs: number): Promise<void>;
  /** Presses a key (e.g. 'Shift+F10', 'ArrowDown') on `selector`, or on the focused element. */
  press(key: string, selector?: string): Promise<void>;
  /** Evaluates in the inspected page. */
  page<T>(expression: string): Promise<T>;
}

/** The scenarios' driver over the harness's panel and tab. */
export const driverOf = (panel: Panel, tab: Tab): PanelDriver => ({
  query: (fn, arg) => panel.query(fn, arg),
  click: (selector) => panel.click(selector),
  filter: (text) => panel.fill('[aria-label=Filter]', text),
  typeKeys: (selector, text, delayMs) => panel.typeKeys(selector, text, delayMs),
  press: (key, selector) => panel.press(key, selector),
  page: (expression) => tab.evaluate(expression),
});

/** The page: a socket with many messages, and one with a few hostile-looking text payloads. */
export const MESSAGES_PAGE = `<!doctype html><title>messages</title><script>
  const base = location.origin.replace('http', 'ws');
  window.long = new WebSocket(base + '/echo?long');
  long.onopen = () => { for (let i = 0; i < 300; i++) long.send('long message ' + i); };
  window.short = new WebSocket(base + '/echo?short');
  short.onopen = () => { short.send('rtl\\u202Eoverride'); short.send('tab\\tbed\\u0000nul'); };
  window.flood = (ms) => { clearInterval(window.flooding); window.flooding = setInterval(() => long.send('tick ' + Date.now()), ms); };
  window.stopFlood = () => clearInterval(window.flooding);
</script>`;

export const shownCount = (d: PanelDriver) => d.query((doc) => Number(doc.querySelector('[data-role=shown-count]')?.getAttribute('data-count') ?? -1));
export const gridRows = (d: PanelDriver) => d.query((doc) => Array.from(doc.querySelectorAll('[role=row][data-kind]')).map((r) => ({
  index: Number(r.getAttribute('data-index')),
  kind: r.getAttribute('data-kind'),
  payload: r.querySelector('[data-role=payload]')?.textContent ?? '',
  selected: r.getAttribute('aria-selected') === 'true',
})).sort((a, b) => a.index - b.index));

export const socketUrl = (ws: string, name: string) => `${ws}/echo?${name}`;

/** Waits for both sockets of MESSAGES_PAGE with all their echoes. */
export async function waitForMessagesPage(d: PanelDriver, ws: string): Promise<void> {
  await until(
    () => d.query((doc, urls) => urls.map((u) => Number(doc.querySelector(`[data-socket-url="${u}"]`)?.getAttribute('data-messages') ?? 0)), [socketUrl(ws, 'long'), socketUrl(ws, 'short')]),
    ([l, s]) => l >= 600 && s === 4,
    'both sockets with all their messages',
  );
}

export const selectSocket = (d: PanelDriver, ws: string, name: string) => d.click(`[data-socket-url="${socketUrl(ws, name)}"]`);
export const selectAll = (d: PanelDriver) => d.click('[data-all-sockets]');

/** Scrolls the grid to a fraction of its height, and waits until the rows there are rendered. */
export async function scrollGrid(d: PanelDriver, fraction: number): Promise<void> {
  await d.query((doc, f) => {
    const grid = doc.querySelector('[role=grid][aria-label=Messages]') as HTMLElement;
    grid.scrollTop = (grid.scrollHeight - grid.clientHeight) * f;
    grid.dispatchEvent(new (doc.defaultView as Window & typeof globalThis).Event('scroll'));
    return grid.scrollTop;
  }, fraction);
  await until(() => gridRows(d), (rows) => rows.length > 0 && rows[0].index > 50, 'rows far from the end');
}


/** Opens the context menu of a grid row (as a right click does). */
export async function rowMenu(d: PanelDriver, index: number): Promise<string[]> {
  await d.query((doc, i) => {
    const row = doc.querySelector(`[role=row][data-index="${i}"]`) as HTMLElement;
    const r = row.getBoundingClientRect();
    row.dispatchEvent(new (doc.defaultView as Window & typeof globalThis).MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: r.left + 40, clientY: r.top + 5 }));
    return true;
  }, index);
  return until(() => d.query((doc) => Array.from(doc.querySelectorAll('[data-role=context-menu] [role=menuitem]')).map((b) => b.textContent ?? '')), (items) => items.length > 0, 'the context menu');
}

export async function clickMenuItem(d: PanelDriver, label: string): Promise<void> {
  const at = await d.query((doc, l) => Array.from(doc.querySelectorAll('[data-role=context-menu] button')).findIndex((b) => b.textContent === l), label);
  if (at < 0) throw new Error(`no menu item ${label}`);
  await d.click(`[data-role=context-menu] button:nth-of-type(${at + 1})`);
}

const detailText = (d: PanelDriver) => d.query((doc) => doc.querySelector('[data-role=detail-body]')?.textContent ?? doc.querySelector('[data-role=detail]')?.textContent ?? '');

// ---- scenarios (each starts from MESSAGES_PAGE loaded and waited for, "All sockets" shown) ----

/** Bug 2: scrolled away from the end, then a shorter list (a socket, a filter): rows are shown. */
export async function blankGridScenario(d: PanelDriver, ws: string): Promise<void> {
  await selectAll(d);
  await scrollGrid(d, 0.5);
  await selectSocket(d, ws, 'short');
  await until(() => shownCount(d), (n) => n === 6, 'the short socket\'s 6 rows');
  const rows = await until(() => gridRows(d), (r) => r.length > 0, 'rows in the grid after selecting a shorter socket', 10_000);
  assert.equal(rows[0].index, 0);

  await selectAll(d);
  await until(() => shownCount(d), (n) => n > 600, 'all rows');
  await scrollGrid(d, 0.3);
  await d.filter('override');
  await until(() => shownCount(d), (n) => n === 2, 'the two override rows');
  const filtered = await until(() => gridRows(d), (r) => r.length === 2, 'both filtered rows in view', 10_000);
  assert.match(filtered[0].payload, /override/);
  await d.filter('');

  // The selected row stays in view when it is still shown.
  await until(() => shownCount(d), (n) => n > 600, 'all rows again');
  await scrollGrid(d, 0.5);
  // A row the next filter keeps (where the short socket's rows fall among the long one's depends on timing).
  const inView = (await gridRows(d)).filter((r) => r.payload.startsWith('long message'));
  const mid = inView[Math.floor(inView.length / 2)];
  await d.click(`[role=row][data-index="${mid.index}"]`);
  await until(() => gridRows(d), (r) => r.some((x) => x.selected && x.index === mid.index), 'the clicked row selected');
  await d.filter('long message');
  await until(() => shownCount(d), (n) => n === 600, 'the long messages');
  const kept = await until(
    async () => {
      const r = await gridRows(d);
      const sel = await d.query((doc) => doc.querySelector('[data-role=detail-body]')?.textContent ?? null);
      return { from: r[0]?.index, to: r.at(-1)?.index, selected: r.find((x) => x.selected) ?? null, detail: sel };
    },
    (v) => v.selected !== null,
    'the selected row still in view',
    10_000,
  );
  assert.equal(kept.selected!.payload, mid.payload);
  await d.filter('');
}

/** Bug 6: control and bidi characters are visible and reorder nothing; copy gives the raw text. */
export async function controlCharsScenario(d: PanelDriver, ws: string): Promise<void> {
  await selectSocket(d, ws, 'short');
  const rows = await until(() => gridRows(d), (r) => r.filter((x) => x.kind === 'message').length === 4, 'the short socket\'s messages');
  const payloads = rows.filter((r) => r.kind === 'message').map((r) => r.payload);
  assert.equal(payloads[0], 'rtl\\u202Eoverride');
  assert.equal(payloads[1], 'tab⇥bed␀nul');
  const first = rows.find((r) => r.kind === 'message')!;
  await d.click(`[role=row][data-index="${first.index + 1}"]`);
  await d.click('[data-view=text]');
  await until(() => detailText(d), (t) => t === 'tab⇥bed␀nul', 'the text view with visible tab and NUL');
  const copied = await watchLastCopy(d);
  await rowMenu(d, first.index + 1);
  await clickMenuItem(d, 'Copy message');
  assert.equal(await until(copied, (c) => c !== null, 'a copy'), 'tab\tbed\0nul');
  await d.click(`[role=row][data-index="${first.index}"]`);
  await until(() => detailText(d), (t) => t === 'rtl\\u202Eoverride', 'the text view with the override escaped');
}

/** Bug 7: the detail pane never shows a row the grid no longer shows; "Copied" belongs to one message. */
export async function staleDetailScenario(d: PanelDriver, ws: string): Promise<void> {
  await selectSocket(d, ws, 'long');
  await until(() => shownCount(d), (n) => n > 600, 'the long socket\'s rows');
  const row = (await until(() => gridRows(d), (r) => r.some((x) => x.kind === 'message'), 'rows')).filter((r) => r.kind === 'message').at(-1)!;
  await d.click(`[role=row][data-index="${row.index}"]`);
  await until(() => detailText(d), (t) => t.includes(row.payload), 'the detail of the clicked row');
  await selectSocket(d, ws, 'short');
  await until(() => shownCount(d), (n) => n === 6, 'the short socket\'s rows');
  assert.doesNotMatch(await detailText(d), /long message|tick/);

  const rows = (await gridRows(d)).filter((r) => r.kind === 'message');
  await d.click(`[role=row][data-index="${rows[0].index}"]`);
  await d.click('[data-copy=hex]');
  await until(() => d.query((doc) => doc.querySelector('[data-role=copied]')?.textContent ?? ''), (t) => /hex/.test(t), 'Copied hex');
  await d.click(`[role=row][data-index="${rows[1].index}"]`);
  await until(() => detailText(d), (t) => t.includes('bed'), 'the second message');
  assert.equal(await d.query((doc) => doc.querySelector('[data-role=copied]')?.textContent ?? null), null);

  await selectAll(d);
  await d.filter('nul');
  await until(() => shownCount(d), (n) => n === 2, 'the two NUL rows');
  await d.click('[role=row][data-index="0"]');
  await until(() => detailText(d), (t) => t.includes('bed'), 'the NUL row in the detail pane');
  await d.filter('nothing matches this');
  await until(() => shownCount(d), (n) => n === 0, 'no rows');
  assert.doesNotMatch(await detailText(d), /bed/);
  await d.filter('');
}

/** Bug 1: typing at key-repeat speed while sockets are live keeps every key, and the panel answers. */
export async function composerTypingScenario(d: PanelDriver, ws: string): Promise<void> {
  await d.page('window.flood(5)');
  try {
    await d.click('[data-tab=composer]');
    const key = await d.query((doc, u) => doc.querySelector(`[data-socket-url="${u}"]`)?.getAttribute('data-socket-key') ?? '', socketUrl(ws, 'long'));
    await d.query((doc, k) => {
      const select = doc.querySelector('[data-role=composer-socket]') as HTMLSelectElement;
      select.value = k;
      select.dispatchEvent(new (doc.defaultView as Window & typeof globalThis).Event('change', { bubbles: true }));
      return true;
    }, key);
    const text = 'the quick brown fox jumps over the lazy dog';
    await d.typeKeys('[data-role=composer-input]', text, 30);
    const typed = await until(() => d.query((doc) => doc.querySelector('[data-role=composer-input]')?.textContent ?? ''), (t) => t === text, 'every key in the editor', 10_000);
    assert.equal(typed, text);
    // Still the same a moment of renders later (no stale value replayed into the editor).
    const version = await d.query((doc) => Number(doc.querySelector('[data-role=total-count]')?.getAttribute('data-count')));
    await until(() => d.query((doc) => Number(doc.querySelector('[data-role=total-count]')?.getAttribute('data-count'))), (n) => n > version + 20, 'more live rows rendered');
    assert.equal(await d.query((doc) => doc.querySelector('[data-role=composer-input]')?.textContent ?? ''), text);
  } finally {
    await d.page('window.stopFlood()');
  }
}

/** A HAR file of one socket with a normal message and messages at far-future times (epoch seconds). */
export function farFutureHar(url: string): string {
  const now = Date.now() / 1000;
  const msg = (time: number, data: string) => ({ type: 'receive', time, opcode: 1, data });
  return JSON.stringify({
    log: {
      version: '1.2', creator: { name: 'hostile', version: '1' }, pages: [],
      entries: [{
        startedDateTime: new Date().toISOString(), time: 10, _resourceType: 'websocket',
        request: { method: 'GET', url, headers: [] }, response: { status: 101, headers: [] }, timings: {},
        _webSocketMessages: [msg(now, 'on time'), msg(1e16, 'far 1e16'), msg(1e300, 'far 1e300'), msg(1e19, 'far 1e19')],
      }],
    },
  });
}

/** Imports a file through the panel's file input, as the file picker does. */
export const importFile = (d: PanelDriver, name: string, text: string) =>
  d.query((doc, f) => {
    const w = doc.defaultView as Window & typeof globalThis;
    const input = doc.querySelector('[data-role=import-file]') as HTMLInputElement;
    const dt = new w.DataTransfer();
    dt.items.add(new w.File([f.text], f.name, { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new w.Event('change', { bubbles: true }));
    return true;
  }, { name, text });

/** Bug 0: a HAR with far-future times imports its valid messages, says what it skipped, and the panel keeps working. */
export async function farFutureImportScenario(d: PanelDriver): Promise<void> {
  const url = 'wss://far-future.example/feed';
  await importFile(d, 'far-future.har', farFutureHar(url));
  const notice = await until(() => d.query((doc) => doc.querySelector('[data-role=notice]')?.textContent ?? ''), (t) => t !== '', 'the import notice');
  assert.match(notice, /skipped 3 message/);
  await d.click(`[data-socket-url="${url}"]`);
  const rows = await until(() => gridRows(d), (r) => r.some((x) => x.kind === 'message'), 'the imported rows');
  assert.deepEqual(rows.filter((r) => r.kind === 'message').map((r) => r.payload), ['on time']);
  // The panel still renders: the timeline has points and the grid answers a click.
  await until(() => d.query((doc) => Number(doc.querySelector('[data-role=timeline]')?.getAttribute('data-points') ?? 0)), (n) => n > 0, 'timeline points');
  await d.click('[role=row][data-kind=message]');
  await until(() => detailText(d), (t) => t.includes('on time'), 'the detail of the imported message');
}

/** Bug 10: a socket whose messages fall within a second gets a time axis in seconds, a legend and values on hover. */
export async function timelineScenario(d: PanelDriver, ws: string): Promise<void> {
  await selectSocket(d, ws, 'short');
  await until(() => shownCount(d), (n) => n === 6, 'the short socket\'s rows');
  // The socket's messages span a few milliseconds: ticks a fraction of a second apart.
  const axis = await until(
    () => d.query((doc) => doc.querySelector('[data-role=timeline]')?.getAttribute('data-x-labels') ?? ''),
    (l) => l.split('|').some((x) => x.includes('.')),
    'x-axis labels a fraction of a second apart',
    10_000,
  );
  const labels = axis.split('|');
  assert.ok(labels.length >= 2, `several ticks: ${axis}`);
  for (const l of labels) assert.match(l, /^(\d\d:\d\d:\d\d(\.\d{1,3})?|\.\d{1,3}|\d+ ?ms)$/, `a time of day or a fraction of a second, not a date: ${axis}`);
  const legend = await d.query((doc) => doc.querySelector('[data-role=timeline] .u-legend')?.textContent ?? '');
  for (const word of ['Sent', 'Received', 'Bytes']) assert.match(legend, new RegExp(word));
  const height = await d.query((doc) => (doc.querySelector('[data-role=timeline] canvas') as HTMLCanvasElement | null)?.getBoundingClientRect().height ?? 0);
  assert.ok(height >= 60, `a readable plot (${height} px)`);
  // The strip resizes (its bottom edge is a resize grip): the plot follows its new height.
  await d.query((doc) => (((doc.querySelector('[data-role=timeline]') as HTMLElement).style.height = '160px'), true));
  await until(() => d.query((doc) => (doc.querySelector('[data-role=timeline] canvas') as HTMLCanvasElement).getBoundingClientRect().height), (h) => h > height + 40, 'a taller plot');
  // Hovering the plot shows the values at that time in the legend.
  const values = await until(
    () => d.query((doc) => {
      const over = doc.querySelector('[data-role=timeline] .u-over') as HTMLElement;
      const r = over.getBoundingClientRect();
      const w = doc.defaultView as Window & typeof globalThis;
      for (let x = 2; x < r.width; x += Math.max(1, r.width / 40)) {
        over.dispatchEvent(new w.MouseEvent('mousemove', { bubbles: true, clientX: r.left + x, clientY: r.top + r.height / 2 }));
        const v = Array.from(doc.querySelectorAll('[data-role=timeline] .u-legend .u-value')).map((e) => e.textContent ?? '');
        if (v.some((t) => /[1-9]/.test(t) && !/:/.test(t))) return v;
      }
      return [] as string[];
    }),
    (v) => v.length > 0,
    'legend values under the cursor',
    10_000,
  );
  assert.ok(values.some((t) => /[1-9]/.test(t)), JSON.stringify(values));
}

/** Sends one ~12 MB JSON text message with 1M keys on a socket of its own (`/silent?big`). */
export const BIG_JSON_SCRIPT = `new Promise((resolve) => {
  const parts = [];
  for (let i = 0; i < 1e6; i++) parts.push('"k' + String(i).padStart(7, '0') + '":1');
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/silent?big');
  ws.onopen = () => { ws.send('{' + parts.join(',') + '}'); resolve(true); };
})`;

/** Bug 12: a 12 MB JSON with 1M keys opens as capped text with "show more"; JSON, hex and base64 views are on demand or capped. */
export async function bigPayloadScenario(d: PanelDriver, ws: string): Promise<void> {
  await d.page(BIG_JSON_SCRIPT);
  const url = `${ws}/silent?big`;
  await until(() => d.query((doc, u) => Number(doc.querySelector(`[data-socket-url="${u}"]`)?.getAttribute('data-messages') ?? 0), url), (n) => n === 1, 'the big message', 60_000);
  await d.click(`[data-socket-url="${url}"]`);
  await until(() => gridRows(d), (r) => r.some((x) => x.kind === 'message'), 'the big row');
  await d.click('[role=row][data-kind=message]');
  const view = () => d.query((doc) => {
    const body = doc.querySelector('[data-role=detail-body]');
    return { view: body?.getAttribute('data-view') ?? '', length: body?.textContent?.length ?? 0, more: !!doc.querySelector('[data-action=show-more]') };
  });
  const text = await until(view, (v) => v.view !== '', 'the detail view', 60_000);
  assert.equal(text.view, 'text', 'a big payload opens as text');
  assert.ok(text.length <= 300_000, `the text view is capped (${text.length})`);
  assert.ok(text.more, 'with a way to show more');
  await d.click('[data-action=show-more]');
  await until(view, (v) => v.length > text.length, 'more text');
  for (const v of ['base64', 'hex']) {
    await d.click(`[data-view=${v}]`);
    const shown = await until(view, (x) => x.view === v, `the ${v} view`, 30_000);
    assert.ok(shown.length <= 400_000 && shown.more, `${v} is capped with a way to show more (${shown.length})`);
  }
  await d.click('[data-view=json]');
  await until(() => d.query((doc) => !!doc.querySelector('[data-action=parse-json]')), Boolean, 'JSON parsed on demand');
}

const headers = (d: PanelDriver) => d.query((doc) => Array.from(doc.querySelectorAll('[data-role=message-header] [role=columnheader]')).map((h) => h.getAttribute('data-column') ?? ''));
const focusedText = (d: PanelDriver) => d.query((doc) => doc.activeElement?.textContent ?? '');

/** Chrome's columns and menus, Firefox's summary: what a DevTools user reaches for in the message grid. */
export async function conventionsScenario(d: PanelDriver, ws: string): Promise<void> {
  // Data | Length | Time by default; Socket too where sockets interleave.
  assert.deepEqual(await headers(d), ['data', 'socket', 'length', 'time']);
  await selectSocket(d, ws, 'short');
  await until(() => headers(d), (h) => h.join() === 'data,length,time', 'Data | Length | Time for one socket');
  const rows = (await until(() => gridRows(d), (r) => r.filter((x) => x.kind === 'message').length === 4, 'the short socket\'s messages'));
  const lengths = () => d.query((doc) => Array.from(doc.querySelectorAll('[role=row][data-kind=message] [data-role=length]')).map((c) => c.textContent ?? ''));
  // Length in characters for text: "rtl\u202Eoverride" is 12, "tab\tbed\0nul" 11.
  assert.deepEqual(await lengths(), ['12', '11', '12', '11']);

  // The header's context menu adds a column, and the choice is remembered.
  await d.query((doc) => {
    const h = doc.querySelector('[data-role=message-header]') as HTMLElement;
    const r = h.getBoundingClientRect();
    h.dispatchEvent(new (doc.defaultView as Window & typeof globalThis).MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: r.left + 10, clientY: r.top + 5 }));
    return true;
  });
  const columnItems = await until(() => d.query((doc) => Array.from(doc.querySelectorAll('[data-role=context-menu] [role=menuitemcheckbox]')).map((b) => `${b.textContent}:${b.getAttribute('aria-checked')}`)), (i) => i.length > 0, 'the column menu');
  for (const c of ['Decoded:false', 'Socket:false', 'Opcode:false', 'Size:false', 'Length:true', 'Time:true']) assert.ok(columnItems.includes(c), `${c} in ${columnItems}`);
  await d.query((doc) => {
    (Array.from(doc.querySelectorAll('[data-role=context-menu] [role=menuitemcheckbox]')).find((b) => b.textContent === 'Size') as HTMLElement).click();
    return true;
  });
  await until(() => headers(d), (h) => h.join() === 'data,size,length,time', 'the Size column');
  assert.equal(await d.query((doc) => JSON.parse(doc.defaultView!.localStorage.getItem('sockets.messageColumns') ?? '{}').shown?.size), true);

  // Sorting by Length: ascending, then descending (ties keep arrival order).
  await d.click('[data-column=length] button');
  await until(lengths, (l) => l.join() === '11,11,12,12', 'ascending lengths');
  assert.equal(await d.query((doc) => doc.querySelector('[data-column=length]')?.getAttribute('aria-sort')), 'ascending');
  await d.click('[data-column=length] button');
  await until(lengths, (l) => l.join() === '12,12,11,11', 'descending lengths');
  await d.click('[data-column=length] button');
  await until(lengths, (l) => l.join() === '12,11,12,11', 'arrival order again');

  // Dragging a column's edge resizes it.
  const width = () => d.query((doc) => Math.round((doc.querySelector('[data-column=size]') as HTMLElement).getBoundingClientRect().width));
  const before = await width();
  await d.query((doc) => {
    const w = doc.defaultView as Window & typeof globalThis;
    const handle = doc.querySelector('[data-resize=size]') as HTMLElement;
    const r = handle.getBoundingClientRect();
    const at = (type: string, x: number) => new w.PointerEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: r.top + 5, pointerId: 1 });
    handle.dispatchEvent(at('pointerdown', r.left + 3));
    w.dispatchEvent(at('pointermove', r.left - 37));
    w.dispatchEvent(at('pointerup', r.left - 37));
    return true;
  });
  await until(width, (w) => w === before + 40, 'a 40 px wider Size column');

  // The status bar sums the shown messages, like Firefox's.
  const summary = await d.query((doc) => {
    const s = doc.querySelector('[data-role=summary]');
    return { messages: s?.getAttribute('data-messages'), sent: s?.getAttribute('data-sent-bytes'), received: s?.getAttribute('data-received-bytes'), text: s?.textContent ?? '' };
  });
  assert.deepEqual([summary.messages, summary.sent, summary.received], ['4', '25', '25']);
  assert.match(summary.text, /4 messages · 25 B sent · 25 B received/);

  // The message menu from the keyboard: Shift+F10 on the selected row, arrows, Enter.
  const copied = await watchLastCopy(d);
  await d.click(`[role=row][data-index="${rows.find((r) => r.kind === 'message')!.index + 1}"]`);
  await d.press('Shift+F10', '[role=grid][aria-label=Messages]');
  await until(() => focusedText(d), (t) => t === 'Copy message', 'the menu focused on its first item');
  const items = await d.query((doc) => Array.from(doc.querySelectorAll('[data-role=context-menu] [role=menuitem]')).map((b) => b.textContent));
  assert.deepEqual(items, [
    'Copy message', 'Copy as text', 'Copy as JSON', 'Copy as hex', 'Copy as base64', 'Resend…',
    'Compare with previous message of the same type', 'Mark for comparison', 'Compare with marked message', 'Filter by this socket', 'Clear all',
  ]);
  await d.press('ArrowDown');
  await until(() => focusedText(d), (t) => t === 'Copy as text', 'the next item focused');
  await d.press('ArrowDown');
  await until(() => focusedText(d), (t) => t === 'Copy as hex', 'Copy as JSON (disabled) skipped');
  await d.press('Enter');
  assert.equal(await until(copied, (c) => c !== null, 'a copy'), '74616209626564006e756c');
  await until(() => d.query((doc) => !doc.querySelector('[data-role=context-menu]')), Boolean, 'the menu closed');

  // A menu opened at the panel's corner stays on screen.
  await d.query((doc) => {
    const row = doc.querySelector('[role=row][data-kind=message]') as HTMLElement;
    const w = doc.defaultView as Window & typeof globalThis;
    row.dispatchEvent(new w.MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: w.innerWidth - 2, clientY: w.innerHeight - 2 }));
    return true;
  });
  const box = await until(() => d.query((doc) => {
    const m = doc.querySelector('[data-role=context-menu]');
    if (!m) return null;
    const r = m.getBoundingClientRect();
    const w = doc.defaultView!;
    return { inside: r.left >= 0 && r.top >= 0 && r.right <= w.innerWidth && r.bottom <= w.innerHeight };
  }), (b) => b !== null, 'the corner menu');
  assert.ok(box!.inside, 'the menu is inside the panel');
  await d.press('Escape');
}
