import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { count, socketRows, until, waitForSocket } from '../support/panel';
import { chooseFile, manySocketsHar, openSocketHar } from '../support/har-files';
import { LIVE_PAGE, LONG_URL_PAGE, contrast, narrowLayout, shortLayout } from '../support/shell-pages';

let server: TestServer;
let browser: Launched;

before(async () => {
  server = await startServer({ '/live': LIVE_PAGE, '/long-url': LONG_URL_PAGE, '/empty': '<!doctype html><title>empty</title>' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

let run = 0;
async function open(path: string): Promise<{ page: Page; devtools: Page; panel: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}${path}${path.includes('?') ? '&' : '?'}run=${++run}`);
  return { page, ...(await openPanelFor(browser, page)) };
}
const text = (panel: Frame, selector: string) => panel.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);
const notice = (panel: Frame, test: RegExp) => until(() => text(panel, '[data-role=notice]'), (t) => test.test(t), `a notice matching ${test}`);
/** Runs a self-contained `(document, arg)` function of e2e/support in the panel (the same ones the Firefox suite runs). */
const inPanel = <A, T>(panel: Frame, fn: (doc: Document, arg: A) => T, arg: A) => panel.evaluate(`(() => { var __name = (f) => f; return (${fn})(document, ${JSON.stringify(arg)}); })()`) as Promise<T>;
const cell = (panel: Frame, url: string, column: string) => text(panel, `[data-socket-url="${url}"] [data-column=${column}]`);

describe('the panel shell (Chromium)', () => {
  it('says there are no sockets yet on a page without any', async () => {
    const { page, panel } = await open('/empty');
    assert.match(await text(panel, '[data-role=sockets-empty]'), /No sockets yet/);
    await page.close();
  });

  it('bug 4: with Preserve log, a reload closes the previous page\'s sockets ("page unloaded") and the composer no longer offers them', async () => {
    const { page, panel } = await open('/live?preserve');
    const url = `${server.ws}/echo?live`;
    const first = await waitForSocket(panel, (s) => s.url === url && s.state === 'open');
    await panel.check('[data-action=preserve-log]');
    try {
      await page.reload();
      await waitForSocket(panel, (s) => s.url === url && s.key !== first.key && s.state === 'open', 'the new page\'s socket');
      const old = await waitForSocket(panel, (s) => s.key === first.key);
      assert.equal(old.state, 'closed');
      assert.match(await text(panel, `[data-socket-key="${first.key}"] [data-column=status]`), /closed \(page unloaded\)/);
      const time = await text(panel, `[data-socket-key="${first.key}"] [data-column=time]`);
      await until(() => text(panel, '[data-role=total-count]'), () => true, 'a later render');
      await waitForSocket(panel, (s) => s.url === url && s.messages >= 6 && s.key !== first.key, 'the new socket\'s echoes');
      assert.equal(await text(panel, `[data-socket-key="${first.key}"] [data-column=time]`), time, 'the duration stopped');
      await panel.click('[data-tab=composer]');
      const offered = await panel.$$eval('[data-role=composer-socket] option', (os) => os.filter((o) => !(o as HTMLOptionElement).disabled && (o as HTMLOptionElement).value).map((o) => (o as HTMLOptionElement).value));
      assert.equal(offered.length, 1, `one socket to send through, not the unloaded one: ${offered}`);
      assert.notEqual(offered[0], first.key);
    } finally {
      await panel.uncheck('[data-action=preserve-log]');
      await page.close();
    }
  });

  it('bugs 4 and 11: an imported socket that was open when recorded keeps its recorded state and duration; sizes in kB = 1000 B, counts in words', async () => {
    const { page, panel } = await open('/empty?import-open');
    const url = 'ws://recorded.example/feed';
    await inPanel(panel, chooseFile, { name: 'open.har', text: openSocketHar({ url }) });
    await notice(panel, /Imported 1 socket, 2 messages from open\.har/);
    await waitForSocket(panel, (s) => s.url === url);
    assert.equal(await cell(panel, url, 'status'), 'open (when recorded)');
    assert.equal(await cell(panel, url, 'time'), '1.50 s');
    assert.equal(await cell(panel, url, 'sent'), '1 · 200 kB');
    await until(() => text(panel, '[data-role=socket-count]'), (t) => t === '1 socket', 'the status bar: 1 socket');
    assert.ok(!(await text(panel, `[data-socket-url="${url}"]`)).includes('195.3'));
    await page.close();
  });

  it('bug 5: an imported socket in a frame with a relative frame URL shows in the table (it used to freeze it)', async () => {
    const { page, panel } = await open('/empty?bad-frame');
    const url = 'ws://framed.example/x';
    await inPanel(panel, chooseFile, { name: 'frame.har', text: openSocketHar({ url, frameId: 3, frameUrl: 'embed/frame.html' }) });
    await notice(panel, /Imported 1 socket/);
    const row = await waitForSocket(panel, (s) => s.url === url);
    assert.match(row.text, /frame unknown frame/);
    assert.match(await text(panel, '[data-all-sockets]'), /All sockets \(1\)/);
    await page.close();
  });

  it('bug 12: a HAR file over the import limit is refused as too large before it is read (700 MiB and 210 MiB)', async () => {
    const { page, panel } = await open('/empty?huge');
    for (const mib of [700, 210]) {
      const size = await inPanel(panel, chooseFile, { name: `huge-${mib}.har`, repeatMiB: mib });
      assert.equal(size, mib * 1024 * 1024);
      const t = await notice(panel, new RegExp(`huge-${mib}\\.har`));
      assert.match(t, /too large/);
      assert.doesNotMatch(t, /JSON/);
    }
    await page.close();
  });

  it('bug 12: 20,000 sockets: the table keeps only the rows in view and scrolls to the last one', async () => {
    const { page, panel } = await open('/empty?many');
    await inPanel(panel, chooseFile, { name: 'many.har', text: manySocketsHar(20_000) });
    await notice(panel, /Imported 20,000 sockets, 20,000 messages/);
    await until(() => text(panel, '[data-all-sockets]'), (t) => t.includes('All sockets (20,000)'), 'all sockets listed');
    const rendered = (await socketRows(panel)).length;
    assert.ok(rendered > 0 && rendered < 200, `${rendered} rows in the DOM`);
    await panel.evaluate(() => {
      const table = document.querySelector('[role=table][aria-label=Sockets]')!;
      table.scrollTop = table.scrollHeight;
    });
    await waitForSocket(panel, (s) => s.url === 'ws://h/s19999', 'the last socket after scrolling');
    await page.close();
  });

  it('bug 12: a socket URL longer than the 16 KiB kept says it was cut', async () => {
    const { page, panel } = await open('/long-url');
    const row = await waitForSocket(panel, (s) => s.url.includes('?long='));
    assert.equal(row.url.length, 16 * 1024);
    assert.match(await text(panel, `[data-socket-key="${row.key}"] [data-role=url-cut]`), /URL cut at 16 KiB/);
    await page.close();
  });

  it('sorts, resizes and hides columns of the sockets table, and remembers them in the next panel', async () => {
    const { page, panel } = await open('/empty?sort');
    await inPanel(panel, chooseFile, { name: 'three.har', text: manySocketsHar(3) });
    await until(() => socketRows(panel), (r) => r.length === 3, 'three sockets');
    const order = async () => (await socketRows(panel)).map((r) => r.url);
    const header = '[role=columnheader][data-column=name]';
    await panel.click(header);
    assert.equal(await panel.getAttribute(header, 'aria-sort'), 'ascending');
    await panel.click(header);
    assert.equal(await panel.getAttribute(header, 'aria-sort'), 'descending');
    await until(order, (o) => o.join() === 'ws://h/s2,ws://h/s1,ws://h/s0', 'name descending');
    const width = () => panel.evaluate(() => document.querySelector('[role=columnheader][data-column=status]')!.getBoundingClientRect().width);
    const before = await width();
    const handle = (await panel.locator('[data-resize=status]').boundingBox())!;
    const mouse = panel.page().mouse;
    await mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await mouse.down();
    await mouse.move(handle.x + handle.width / 2 + 60, handle.y + handle.height / 2, { steps: 4 });
    await mouse.up();
    await until(width, (w) => Math.abs(w - (before + 60)) <= 2, 'the Status column 60 px wider');
    await panel.click('[role=columnheader][data-column=protocol]', { button: 'right' });
    await panel.click('[data-role=context-menu] [role=menuitem]:has-text("Protocol")');
    await until(() => panel.$$('[role=columnheader][data-column=protocol]'), (l) => l.length === 0, 'the Protocol column hidden');

    const next = await open('/empty?sort-again');
    await inPanel(next.panel, chooseFile, { name: 'three.har', text: manySocketsHar(3) });
    await until(() => socketRows(next.panel), (r) => r.map((x) => x.url).join() === 'ws://h/s2,ws://h/s1,ws://h/s0', 'the sort remembered');
    const w = await next.panel.evaluate(() => document.querySelector('[role=columnheader][data-column=status]')!.getBoundingClientRect().width);
    assert.ok(Math.abs(w - (before + 60)) <= 2, `width remembered: ${w}`);
    assert.equal((await next.panel.$$('[role=columnheader][data-column=protocol]')).length, 0);
    // Back to the defaults for the other tests.
    await next.panel.click(header);
    await next.panel.click('[role=columnheader]', { button: 'right' });
    await next.panel.click('[data-role=context-menu] [role=menuitem]:has-text("Protocol")');
    await next.panel.evaluate(() => localStorage.removeItem('sockets.socketTable'));
    await next.page.close();
    await page.close();
  });

  it('a socket\'s context menu copies its URL and a websocat command, exports its HAR, and closes it with a code', async () => {
    const { page, devtools, panel } = await open('/live?menu');
    const url = `${server.ws}/echo?live`;
    await waitForSocket(panel, (s) => s.url === url && s.state === 'open');
    await panel.evaluate(() => {
      (window as unknown as { copied: string[] }).copied = [];
      document.addEventListener('copy', () => (window as unknown as { copied: string[] }).copied.push(String(document.getSelection()) || (document.activeElement as HTMLTextAreaElement).value));
    });
    const item = (label: string) => `[data-role=context-menu] [role=menuitem]:has-text("${label}")`;
    await panel.click(`[data-socket-url="${url}"]`, { button: 'right' });
    await panel.click(item('Copy URL'));
    await panel.click(`[data-socket-url="${url}"]`, { button: 'right' });
    await panel.click(item('Copy as websocat command'));
    assert.deepEqual(await panel.evaluate(() => (window as unknown as { copied: string[] }).copied), [url, `websocat --protocol 'chat.v1' '${url}'`]);
    await panel.click(`[data-socket-url="${url}"]`, { button: 'right' });
    const [download] = await Promise.all([devtools.waitForEvent('download'), panel.click(item('Export this socket as HAR'))]);
    const har = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    assert.deepEqual(har.log.entries.map((e: { request: { url: string } }) => e.request.url), [url]);
    // Close the page's socket with a code and reason: the server echoes them back.
    await panel.click(`[data-socket-url="${url}"]`, { button: 'right' });
    await panel.click(item('Close socket…'));
    await panel.fill('[aria-label="Close code"]', '4321');
    await panel.fill('[aria-label="Close reason"]', 'from devtools');
    await panel.click('[data-action=close-socket]');
    await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'the socket closed');
    assert.match(await cell(panel, url, 'close'), /^4321 from devtools/);
    assert.equal(await page.evaluate(() => (window as unknown as { ws: WebSocket }).ws.readyState), 3);
    await page.close();
  });

  it('the composer targets the socket selected in the list; a repeat goes into its history; a saved filter says it was saved', async () => {
    const { page, panel } = await open('/live?composer');
    const row = await waitForSocket(panel, (s) => s.url.endsWith('?live') && s.messages >= 8);
    await panel.click(`[data-socket-key="${row.key}"]`);
    await panel.click('[data-tab=composer]');
    assert.equal(await panel.inputValue('[data-role=composer-socket]'), row.key);
    await panel.click('[role=grid] [role=row][data-kind=message]:has-text("12345")', { button: 'right' });
    await panel.click('[data-role=context-menu] [role=menuitem]:has-text("Resend")');
    await panel.fill('[aria-label=Times]', '2');
    await panel.fill('[aria-label="Interval in ms"]', '0');
    await panel.click('[data-action=composer-repeat]');
    await until(() => text(panel, '[data-role=composer]'), (t) => /History[\s\S]*json: \{"n": 12345/.test(t), 'the repeated message in the history');
    await waitForSocket(panel, (s) => s.key === row.key && s.messages >= 12, 'both repeats sent and echoed');
    await panel.click('[data-action=saved-filters]');
    await panel.fill('[aria-label="Filter name"]', 'mine');
    await panel.click('[data-action=save-filter]');
    assert.match(await text(panel, '[data-role=saved-filter-note]'), /Saved “mine”/);
    await panel.evaluate(() => localStorage.removeItem('sockets.savedFilters'));
    await page.close();
  });

  // Chrome only: Firefox has no ExtensionPanel.onSearch (its panel keeps its own Ctrl+F, tested in e2e/firefox/shell.test.ts).
  it('bug 3: Ctrl+F opens DevTools\' search box, which drives the Sockets filter; Enter and Shift+Enter step through the matches', async () => {
    const { page, devtools, panel } = await open('/live?search');
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
    await until(() => panel.inputValue('[aria-label=Filter]'), (v) => v === 'alpha', 'the filter to follow DevTools\' search box');
    await until(() => count(panel, 'shown-count'), (n) => n === 4, 'the 4 alpha rows');
    const selected = () => panel.evaluate(() => document.querySelector('[role=grid] [role=row][aria-selected=true]')?.getAttribute('data-index') ?? null);
    await devtools.keyboard.press('Enter');
    await until(selected, (i) => i === '0', 'the first match selected');
    await devtools.keyboard.press('Enter');
    await until(selected, (i) => i === '1', 'the second match');
    await devtools.keyboard.press('Shift+Enter');
    await until(selected, (i) => i === '0', 'back to the first');
    await devtools.keyboard.press('Escape');
    await until(() => panel.inputValue('[aria-label=Filter]'), (v) => v === '', 'the filter cleared with the search');
    await page.close();
  });

  it('bug 9: follows a DevTools theme switch while open, and the dark composer\'s JSON colours are readable', async () => {
    const { page, devtools, panel } = await open('/live?theme');
    const theme = () => panel.evaluate(() => document.documentElement.dataset.theme);
    assert.equal(await theme(), 'light');
    const setTheme = (name: string) => devtools.evaluate(async (n) => {
      // @ts-expect-error DevTools front-end module, present in the DevTools page only
      const common = await import('./core/common/common.js');
      common.Settings.Settings.instance().moduleSetting('ui-theme').set(n);
    }, name);
    await setTheme('dark');
    try {
      await until(theme, (t) => t === 'dark', 'the panel in the dark theme');
      // Resend… loads the JSON message into the composer (no typing: that is another bug's test).
      await waitForSocket(panel, (s) => s.url.endsWith('?live') && s.messages >= 8);
      await panel.click('[role=grid] [role=row][data-kind=message]:has-text("12345")', { button: 'right' });
      await panel.click('[data-role=context-menu] [role=menuitem]:has-text("Resend")');
      const ratios = await until(() => inPanel(panel, contrast, ['12345', 'true']), (r) => r.length === 2, 'the highlighted tokens');
      for (const r of ratios) assert.ok(r >= 4.5, `contrast ${r} of a JSON token on the dark editor`);
    } finally {
      await setTheme('default');
    }
    await until(theme, (t) => t === 'light', 'back to light');
    await page.close();
  });
});

describe('the panel in a narrow DevTools (Chromium, docked right, 520 px)', () => {
  let narrow: Launched;
  before(async () => {
    narrow = await launchChromium({ devtoolsWidth: 520 });
  });
  after(async () => narrow?.close());

  it('bug 8: the toolbar wraps so every control is reachable, the panes stack, the side tabs do not overlap', async () => {
    const page = await narrow.context.newPage();
    await page.goto(`${server.origin}/live?narrow`);
    const { panel } = await openPanelFor(narrow, page);
    await waitForSocket(panel, (s) => s.url.endsWith('?live'));
    const layout = await inPanel(panel, narrowLayout, null);
    assert.ok(layout.width <= 600, `a narrow panel: ${layout.width} px`);
    assert.deepEqual(layout.outside, []);
    assert.ok(layout.gridWidth > layout.width * 0.8, `the grid takes the width: ${layout.gridWidth}`);
    assert.ok(layout.sideTop >= layout.gridBottom - 1, 'the side pane below the grid');
    assert.equal(layout.overlaps, false);
    await page.close();
  });
});

describe('the panel in a short DevTools (Chromium, docked at the bottom, 272 px: DevTools\' own default here)', () => {
  let short: Launched;
  before(async () => {
    short = await launchChromium({ devtoolsHeight: 272 });
  });
  after(async () => short?.close());

  it('keeps rows of the message grid in view (the timeline gets thin first)', async () => {
    const page = await short.context.newPage();
    await page.goto(`${server.origin}/live?short`);
    const { panel } = await openPanelFor(short, page);
    await waitForSocket(panel, (s) => s.url.endsWith('?live'));
    const heights = await inPanel(panel, shortLayout, null);
    assert.ok(heights.window < 300, `a short panel: ${heights.window} px`);
    assert.ok(heights.grid >= 60, `the grid keeps room for rows: ${heights.grid} px`);
    await page.close();
  });
});
