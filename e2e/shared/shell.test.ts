import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers, type BrowserName, type Browser, type Panel, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { count, socketRows, until, waitForSocket, watchCopies } from '../support/readers';
import { chooseFile, manySocketsHar, openSocketHar } from '../support/har-files';
import { downloadOf, readJsonDownload } from '../support/downloads';
import { LIVE_PAGE, LONG_URL_PAGE, contrast, narrowLayout, pickByText, shortLayout } from '../support/shell-pages';

let server: TestServer;
before(async () => {
  server = await startServer({ '/live': LIVE_PAGE, '/long-url': LONG_URL_PAGE, '/empty': '<!doctype html><title>empty</title>' });
});
after(() => server?.close());

let run = 0;
async function open(browser: Browser, path: string): Promise<{ tab: Tab; panel: Panel }> {
  const tab = await browser.open(`${server.origin}${path}${path.includes('?') ? '&' : '?'}run=${++run}`);
  return { tab, panel: await tab.panel() };
}
async function close({ tab, panel }: { tab: Tab; panel: Panel }) {
  await panel.close();
  await tab.close();
}
const text = (panel: Panel, selector: string) => panel.query((doc, s) => doc.querySelector(s)?.textContent ?? '', selector);
const value = (panel: Panel, selector: string) => panel.query((doc, s) => (doc.querySelector(s) as HTMLInputElement | HTMLSelectElement).value, selector);
const notice = (panel: Panel, test: RegExp) => until(() => text(panel, '[data-role=notice]'), (t) => test.test(t), `a notice matching ${test}`);
const cell = (panel: Panel, url: string, column: string) => text(panel, `[data-socket-url="${url}"] [data-column=${column}]`);
const MENU_ITEM = '[data-role=context-menu] [role=menuitem]';
/** Clicks the item of the open context menu whose label contains `label`. */
async function menuItem(panel: Panel, label: string) {
  await panel.query(pickByText, [MENU_ITEM, label] as [string, string]);
  await panel.click('[data-e2e-pick]');
}
/** Opens the context menu of the message row whose text contains `text`. */
async function messageMenu(panel: Panel, text: string) {
  await panel.query(pickByText, ['[role=grid] [role=row][data-kind=message]', text] as [string, string]);
  await panel.contextMenu('[data-e2e-pick]');
}
const columnCount = (panel: Panel, column: string) => panel.query((doc, c) => doc.querySelectorAll(`[role=columnheader][data-column=${c}]`).length, column);
const columnWidth = (panel: Panel, column: string) => panel.query((doc, c) => doc.querySelector(`[role=columnheader][data-column=${c}]`)!.getBoundingClientRect().width, column);

/**
 * Drags the resize handle `selector` `dx` pixels to the right. Chromium: the real mouse (Playwright).
 * Firefox: the pointer events a drag fires, dispatched in the panel (its driver has no mouse there).
 */
async function dragBy(panel: Panel, selector: string, dx: number) {
  if (panel.frame) {
    const handle = (await panel.frame.locator(selector).boundingBox())!;
    const mouse = panel.frame.page().mouse;
    await mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await mouse.down();
    await mouse.move(handle.x + handle.width / 2 + dx, handle.y + handle.height / 2, { steps: 4 });
    await mouse.up();
    return;
  }
  await panel.query((doc, [s, d]) => {
    const handle = doc.querySelector(s)!;
    const r = handle.getBoundingClientRect();
    const win = doc.defaultView as Window & typeof globalThis;
    const at = (type: string, x: number, target: EventTarget) => target.dispatchEvent(new win.PointerEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: r.top + 5, pointerId: 1, isPrimary: true }));
    at('pointerdown', r.left + 2, handle);
    at('pointermove', r.left + 2 + d / 2, win);
    at('pointermove', r.left + 2 + d, win);
    at('pointerup', r.left + 2 + d, win);
    return true;
  }, [selector, dx] as [string, number]);
}

/** Switches DevTools' theme as its settings do: Chromium's ui-theme setting, Firefox's devtools.theme pref. */
async function setDevtoolsTheme(browser: Browser, panel: Panel, theme: 'dark' | 'light') {
  if (panel.frame) {
    await panel.frame.page().evaluate(async (n) => {
      // @ts-expect-error DevTools front-end module, present in the DevTools page only
      const common = await import('./core/common/common.js');
      common.Settings.Settings.instance().moduleSetting('ui-theme').set(n);
    }, theme === 'light' ? 'default' : theme);
    return;
  }
  await browser.firefox!.chrome(`Services.prefs.setCharPref('devtools.theme', ${JSON.stringify(theme)})`);
}

const only = (name: BrowserName, browser: BrowserName, reason: string) => ({ skip: browser === name ? false : reason });

inBrowsers('the panel shell', (env) => {
  it('says there are no sockets yet on a page without any', async () => {
    const opened = await open(env.browser, '/empty');
    assert.match(await text(opened.panel, '[data-role=sockets-empty]'), /No sockets yet/);
    await close(opened);
  });

  it('bug 4: with Preserve log, a reload closes the previous page\'s sockets ("page unloaded") and the composer no longer offers them', async () => {
    const opened = await open(env.browser, '/live?preserve');
    const { tab, panel } = opened;
    const url = `${server.ws}/echo?live`;
    const preserve = '[data-action=preserve-log]';
    const checked = () => panel.query((doc, s) => (doc.querySelector(s) as HTMLInputElement).checked, preserve);
    const first = await waitForSocket(panel, (s) => s.url === url && s.state === 'open');
    await panel.click(preserve);
    try {
      await until(checked, Boolean, 'Preserve log on');
      await tab.reload();
      await waitForSocket(panel, (s) => s.url === url && s.key !== first.key && s.state === 'open', 'the new page\'s socket');
      const old = await waitForSocket(panel, (s) => s.key === first.key);
      assert.equal(old.state, 'closed');
      // Firefox delivers the page's own close event as it unloads (the row shows its code 1001);
      // where it does not arrive in time the row says "page unloaded". Either way: closed, not offered.
      const status = await text(panel, `[data-socket-key="${first.key}"] [data-column=status]`);
      if (env.name === 'chromium') assert.match(status, /closed \(page unloaded\)/);
      else assert.match(await text(panel, `[data-socket-key="${first.key}"]`), /closed \(page unloaded\)|1001/);
      const time = await text(panel, `[data-socket-key="${first.key}"] [data-column=time]`);
      await waitForSocket(panel, (s) => s.url === url && s.messages >= 6 && s.key !== first.key, 'the new socket\'s echoes');
      assert.equal(await text(panel, `[data-socket-key="${first.key}"] [data-column=time]`), time, 'the duration stopped');
      await panel.click('[data-tab=composer]');
      const offered = await panel.query((doc) => Array.from(doc.querySelectorAll('[data-role=composer-socket] option')).filter((o) => !(o as HTMLOptionElement).disabled && (o as HTMLOptionElement).value).map((o) => (o as HTMLOptionElement).value));
      assert.equal(offered.length, 1, `one socket to send through, not the unloaded one: ${offered}`);
      assert.notEqual(offered[0], first.key);
    } finally {
      if (await checked()) await panel.click(preserve);
      await close(opened);
    }
  });

  it('bugs 4 and 11: an imported socket that was open when recorded keeps its recorded state and duration; sizes in kB = 1000 B, counts in words', async () => {
    const opened = await open(env.browser, '/empty?import-open');
    const { panel } = opened;
    const url = 'ws://recorded.example/feed';
    await panel.query(chooseFile, { name: 'open.har', text: openSocketHar({ url }) });
    await notice(panel, /Imported 1 socket, 2 messages from open\.har/);
    await waitForSocket(panel, (s) => s.url === url);
    assert.equal(await cell(panel, url, 'status'), 'open (when recorded)');
    assert.equal(await cell(panel, url, 'time'), '1.50 s');
    assert.equal(await cell(panel, url, 'sent'), '1 · 200 kB');
    await until(() => text(panel, '[data-role=socket-count]'), (t) => t === '1 socket', 'the status bar: 1 socket');
    assert.ok(!(await text(panel, `[data-socket-url="${url}"]`)).includes('195.3'));
    await close(opened);
  });

  it('bug 5: an imported socket in a frame with a relative frame URL shows in the table (it used to freeze it)', async () => {
    const opened = await open(env.browser, '/empty?bad-frame');
    const { panel } = opened;
    const url = 'ws://framed.example/x';
    await panel.query(chooseFile, { name: 'frame.har', text: openSocketHar({ url, frameId: 3, frameUrl: 'embed/frame.html' }) });
    await notice(panel, /Imported 1 socket/);
    const row = await waitForSocket(panel, (s) => s.url === url);
    assert.match(row.text, /frame unknown frame/);
    assert.match(await text(panel, '[data-all-sockets]'), /All sockets \(1\)/);
    await close(opened);
  });

  it('bug 12: a HAR file over the import limit is refused as too large before it is read (700 MiB and 210 MiB)', async () => {
    const opened = await open(env.browser, '/empty?huge');
    for (const mib of [700, 210]) {
      const size = await opened.panel.query(chooseFile, { name: `huge-${mib}.har`, repeatMiB: mib });
      assert.equal(size, mib * 1024 * 1024);
      const t = await notice(opened.panel, new RegExp(`huge-${mib}\\.har`));
      assert.match(t, /too large/);
      assert.doesNotMatch(t, /JSON/);
    }
    await close(opened);
  });

  it('bug 12: 20,000 sockets: the table keeps only the rows in view and scrolls to the last one', async () => {
    const opened = await open(env.browser, '/empty?many');
    const { panel } = opened;
    await panel.query(chooseFile, { name: 'many.har', text: manySocketsHar(20_000) });
    await notice(panel, /Imported 20,000 sockets, 20,000 messages/);
    await until(() => text(panel, '[data-all-sockets]'), (t) => t.includes('All sockets (20,000)'), 'all sockets listed');
    // The rows in the DOM, as rendered (socketRows scrolls through tables of up to 500 sockets only).
    const rendered = await panel.query((doc) => doc.querySelectorAll('[data-socket-url]').length);
    assert.ok(rendered > 0 && rendered < 200, `${rendered} rows in the DOM`);
    await panel.query((doc) => {
      const table = doc.querySelector('[role=table][aria-label=Sockets]')!;
      table.scrollTop = table.scrollHeight;
      return true;
    });
    await until(() => panel.query((doc) => !!doc.querySelector('[data-socket-url="ws://h/s19999"]')), Boolean, 'the last socket after scrolling');
    await close(opened);
  });

  it('bug 12: a socket URL longer than the 16 KiB kept says it was cut', async () => {
    const opened = await open(env.browser, '/long-url');
    const row = await waitForSocket(opened.panel, (s) => s.url.includes('?long='));
    assert.equal(row.url.length, 16 * 1024);
    assert.match(await text(opened.panel, `[data-socket-key="${row.key}"] [data-role=url-cut]`), /URL cut at 16 KiB/);
    await close(opened);
  });

  it('sorts, resizes and hides columns of the sockets table, and remembers them in the next panel', async () => {
    const opened = await open(env.browser, '/empty?sort');
    const { panel } = opened;
    await panel.query(chooseFile, { name: 'three.har', text: manySocketsHar(3) });
    await until(() => socketRows(panel), (r) => r.length === 3, 'three sockets');
    const order = async (p: Panel) => (await socketRows(p)).map((r) => r.url).join();
    const header = '[role=columnheader][data-column=name]';
    await panel.click(header);
    assert.equal(await panel.attribute(header, 'aria-sort'), 'ascending');
    await panel.click(header);
    assert.equal(await panel.attribute(header, 'aria-sort'), 'descending');
    await until(() => order(panel), (o) => o === 'ws://h/s2,ws://h/s1,ws://h/s0', 'name descending');
    const before = await columnWidth(panel, 'status');
    await dragBy(panel, '[data-resize=status]', 60);
    await until(() => columnWidth(panel, 'status'), (w) => Math.abs(w - (before + 60)) <= 2, 'the Status column 60 px wider');
    await panel.contextMenu('[role=columnheader][data-column=protocol]');
    await menuItem(panel, 'Protocol');
    await until(() => columnCount(panel, 'protocol'), (n) => n === 0, 'the Protocol column hidden');
    await close(opened);

    const next = await open(env.browser, '/empty?sort-again');
    await next.panel.query(chooseFile, { name: 'three.har', text: manySocketsHar(3) });
    await until(() => order(next.panel), (o) => o === 'ws://h/s2,ws://h/s1,ws://h/s0', 'the sort remembered');
    const w = await columnWidth(next.panel, 'status');
    assert.ok(Math.abs(w - (before + 60)) <= 2, `width remembered: ${w}`);
    assert.equal(await columnCount(next.panel, 'protocol'), 0);
    // Back to the defaults for the other tests.
    await next.panel.query((doc) => (doc.defaultView!.localStorage.removeItem('sockets.socketTable'), true));
    await close(next);
  });

  it('a socket\'s context menu copies its URL and a websocat command, exports its HAR, and closes it with a code', async () => {
    const opened = await open(env.browser, '/live?menu');
    const { tab, panel } = opened;
    const url = `${server.ws}/echo?live`;
    const row = `[data-socket-url="${url}"]`;
    await waitForSocket(panel, (s) => s.url === url && s.state === 'open');
    const copied = await watchCopies(panel);
    await panel.contextMenu(row);
    assert.deepEqual((await panel.query((doc, s) => Array.from(doc.querySelectorAll(s)).map((b) => b.textContent), MENU_ITEM)).slice(0, 3), ['Copy URL', 'Copy as websocat command', 'Export this socket as HAR']);
    await menuItem(panel, 'Copy URL');
    await panel.contextMenu(row);
    await menuItem(panel, 'Copy as websocat command');
    assert.deepEqual(await until(copied, (c) => c.length === 2, 'both copies'), [url, `websocat --protocol 'chat.v1' '${url}'`]);
    await panel.contextMenu(row);
    const har = await readJsonDownload(await downloadOf(env.browser, panel, () => menuItem(panel, 'Export this socket as HAR'), /\.har$/));
    assert.deepEqual(har.log.entries.map((e: { request: { url: string } }) => e.request.url), [url]);
    // Close the page's socket with a code and reason: the server echoes them back.
    await panel.contextMenu(row);
    await menuItem(panel, 'Close socket');
    await panel.fill('[aria-label="Close code"]', '4321');
    await panel.fill('[aria-label="Close reason"]', 'from devtools');
    await panel.click('[data-action=close-socket]');
    await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'the socket closed');
    assert.match(await cell(panel, url, 'close'), /^4321 from devtools/);
    assert.equal(await tab.evaluate('ws.readyState'), 3);
    await close(opened);
  });

  it('the composer targets the socket selected in the list; a repeat goes into its history; a saved filter says it was saved', async () => {
    const opened = await open(env.browser, '/live?composer');
    const { panel } = opened;
    const row = await waitForSocket(panel, (s) => s.url.endsWith('?live') && s.messages >= 8);
    await panel.click(`[data-socket-key="${row.key}"]`);
    await panel.click('[data-tab=composer]');
    assert.equal(await value(panel, '[data-role=composer-socket]'), row.key);
    await messageMenu(panel, '12345');
    await menuItem(panel, 'Resend');
    await panel.fill('[aria-label=Times]', '2');
    await panel.fill('[aria-label="Interval in ms"]', '0');
    await panel.click('[data-action=composer-repeat]');
    await until(() => text(panel, '[data-role=composer]'), (t) => /History[\s\S]*json: \{"n": 12345/.test(t), 'the repeated message in the history');
    await waitForSocket(panel, (s) => s.key === row.key && s.messages >= 12, 'both repeats sent and echoed');
    await panel.click('[data-action=saved-filters]');
    await panel.fill('[aria-label="Filter name"]', 'mine');
    await panel.click('[data-action=save-filter]');
    assert.match(await text(panel, '[data-role=saved-filter-note]'), /Saved “mine”/);
    await panel.query((doc) => (doc.defaultView!.localStorage.removeItem('sockets.savedFilters'), true));
    await close(opened);
  });

  it('bug 3: Ctrl+F opens DevTools\' search box, which drives the Sockets filter; Enter and Shift+Enter step through the matches', only('chromium', env.name, 'Firefox has no ExtensionPanel.onSearch: Ctrl+F stays the panel\'s own (next test)'), async () => {
    const opened = await open(env.browser, '/live?search');
    const { panel } = opened;
    const devtools = panel.frame!.page();
    await waitForSocket(panel, (s) => s.url.endsWith('?live') && s.messages >= 8);
    // Focus into the panel without selecting a row (the matches are stepped from the selection).
    await panel.click('[data-role=total-count]');
    await devtools.keyboard.press('Control+F');
    const focused = () => devtools.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.tagName ?? null;
    });
    await until(focused, (tag) => tag === 'INPUT', 'DevTools\' search box focused');
    await devtools.keyboard.type('alpha');
    await until(() => value(panel, '[aria-label=Filter]'), (v) => v === 'alpha', 'the filter to follow DevTools\' search box');
    await until(() => count(panel, 'shown-count'), (n) => n === 4, 'the 4 alpha rows');
    const selected = () => panel.query((doc) => doc.querySelector('[role=grid] [role=row][aria-selected=true]')?.getAttribute('data-index') ?? null);
    await devtools.keyboard.press('Enter');
    await until(selected, (i) => i === '0', 'the first match selected');
    await devtools.keyboard.press('Enter');
    await until(selected, (i) => i === '1', 'the second match');
    await devtools.keyboard.press('Shift+Enter');
    await until(selected, (i) => i === '0', 'back to the first');
    await devtools.keyboard.press('Escape');
    await until(() => value(panel, '[aria-label=Filter]'), (v) => v === '', 'the filter cleared with the search');
    await close(opened);
  });

  it('Ctrl+F focuses the Sockets filter', only('firefox', env.name, 'Chromium: Ctrl+F opens DevTools\' search box (bug 3, above)'), async () => {
    const opened = await open(env.browser, '/live?ctrl-f');
    await opened.panel.press('Control+f', '[role=grid][aria-label=Messages]');
    assert.equal(await opened.panel.query((doc) => doc.activeElement?.getAttribute('aria-label') ?? null), 'Filter');
    await close(opened);
  });

  it('bug 9: follows a DevTools theme switch while open, and the dark composer\'s JSON colours are readable', async () => {
    const opened = await open(env.browser, '/live?theme');
    const { panel } = opened;
    const theme = () => panel.query((doc) => doc.documentElement.dataset.theme ?? null);
    await until(theme, (t) => t === 'light', 'the light theme first');
    await setDevtoolsTheme(env.browser, panel, 'dark');
    try {
      await until(theme, (t) => t === 'dark', 'the panel in the dark theme');
      // Resend… loads the JSON message into the composer (no typing: that is another bug's test).
      await waitForSocket(panel, (s) => s.url.endsWith('?live') && s.messages >= 8);
      await messageMenu(panel, '12345');
      await menuItem(panel, 'Resend');
      const ratios = await until(() => panel.query(contrast, ['12345', 'true']), (r) => r.length === 2, 'the highlighted tokens');
      for (const r of ratios) assert.ok(r >= 4.5, `contrast ${r} of a JSON token on the dark editor`);
    } finally {
      await setDevtoolsTheme(env.browser, panel, 'light');
    }
    await until(theme, (t) => t === 'light', 'back to light');
    await close(opened);
  });
});

inBrowsers('the panel in a narrow DevTools (docked right, 520 px)', (env) => {
  it('bug 8: the toolbar wraps so every control is reachable, the panes stack, the side tabs do not overlap', async () => {
    const opened = await open(env.browser, '/live?narrow');
    await waitForSocket(opened.panel, (s) => s.url.endsWith('?live'));
    const layout = await opened.panel.query(narrowLayout);
    assert.ok(layout.width <= 600, `a narrow panel: ${layout.width} px`);
    assert.deepEqual(layout.outside, []);
    assert.ok(layout.gridWidth > layout.width * 0.8, `the grid takes the width: ${layout.gridWidth}`);
    assert.ok(layout.sideTop >= layout.gridBottom - 1, 'the side pane below the grid');
    assert.equal(layout.overlaps, false);
    await close(opened);
  });
}, { devtoolsWidth: 520 });

// 272 px: Chromium DevTools' own default height here.
inBrowsers('the panel in a short DevTools (docked at the bottom, 272 px)', (env) => {
  it('keeps rows of the message grid in view (the timeline gets thin first)', async () => {
    const opened = await open(env.browser, '/live?short');
    await waitForSocket(opened.panel, (s) => s.url.endsWith('?live'));
    const heights = await opened.panel.query(shortLayout);
    assert.ok(heights.window < 300, `a short panel: ${heights.window} px`);
    assert.ok(heights.grid >= 60, `the grid keeps room for rows: ${heights.grid} px`);
    await close(opened);
  });
}, { devtoolsHeight: 272 });
