import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { currentBrowser, inBrowsers, type Panel, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { gridRows, headersPane, headerValue, selectSocket, socketRows, uncapturedWorkers, until, waitForSocket, type PanelSocketRow } from '../support/readers';
import { composerStatus, openComposer, typeInComposer } from '../support/composer';
import { withoutExtension } from '../support/page-runs';
import { stopBackground } from '../support/worker';
import { addBreakpoint, settleFirst, waitForHeld } from '../support/intercept';

/**
 * Sockets opened in the page's workers (e2e/pages/workers) while a Sockets panel watches the tab:
 * in Chromium through the debugger once the user turned worker capture on, in Firefox by the hook
 * prepended to each worker script. What Firefox lacks is said where a test skips it.
 */
const FIREFOX = currentBrowser() === 'firefox';
const NO_OPT_IN_IN_FIREFOX = FIREFOX ? 'Firefox: worker capture needs no opt-in there (no debugger, no bar): nothing to offer' : false;

let server: TestServer;
let run = 0;
/** What each worker page reports without the extension (DevTools open in Chromium, as with it). */
const native = new Map<string, string>();
const PAGES = ['classic.html', 'module.html', 'nested.html', 'csp.html'];
const reportedOut = (tab: Tab) => until(() => pageOut(tab), (t) => !!t && !t.includes('pending') && (JSON.parse(t).got?.length ?? 2) >= 2, 'the page\'s report');
before(async () => {
  server = await startServer();
  await withoutExtension(async (plain) => {
    for (const page of PAGES) {
      const tab = await plain.open(`${server.origin}/workers/${page}?run=0`);
      native.set(page, await reportedOut(tab));
      await tab.close();
    }
  });
});
after(() => server?.close());

/** What socket-worker.js reports of itself in a worker without the extension. */
const nativeChecks = (url: string) => ({
  location: url,
  constructor: FIREFOX ? 'function WebSocket() {\n    [native code]\n}' : 'function WebSocket() { [native code] }',
  send: FIREFOX ? 'function send() {\n    [native code]\n}' : 'function send() { [native code] }',
  instance: true,
  globals: [],
  thrown: 'SyntaxError own frames',
});
const pageOut = (tab: Tab) => tab.evaluate<string>("document.getElementById('out').textContent");
const reported = async (tab: Tab, test: (out: { got: string[]; checks?: unknown; location?: string }) => boolean, what: string) =>
  JSON.parse(await until(() => pageOut(tab), (t) => !!t && test(JSON.parse(t)), what)) as { got: string[]; checks?: unknown; location?: string };
const workerSocket = (panel: Panel, url: string, messages: number) =>
  waitForSocket(panel, (s) => s.url === url && s.messages === messages, `${url} with ${messages} messages`);
const contextOf = (panel: Panel, url: string) => panel.attribute(`[data-socket-url="${url}"]`, 'data-context');
const waitForUncaptured = (panel: Panel, test: (w: (string | null)[][]) => boolean, what: string) => until(() => uncapturedWorkers(panel), test, what);
/** Filtered to a shared worker's message `text`: the message and its echo show (as [direction, payload]); the filter is cleared after. */
async function sharedEcho(panel: Panel, text: string, what: string): Promise<unknown[][]> {
  await panel.fill('[aria-label=Filter]', `context:shared ${text}`);
  const rows = await until(() => gridRows(panel), (r) => r.filter((x) => x.direction).length === 2, what);
  await panel.fill('[aria-label=Filter]', '');
  return rows.filter((r) => r.direction).map((r) => [r.direction, r.payload]);
}

inBrowsers('worker sockets, capture on', (env) => {
  let tab: Tab;
  let panel: Panel;
  before(async () => {
    tab = await env.browser.open(`${server.origin}/workers/none.html`);
    panel = await tab.panel();
    if (!FIREFOX) await panel.waitFor('[data-role=worker-capture][data-on=true]');
  });

  it('a dedicated worker\'s socket shows from its first line with every message, filterable by context, and the worker behaves as without the extension', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    await tab.goto(`${server.origin}/workers/classic.html?${q}`);
    const url = `${server.ws}/echo?from=classic&${q}`;
    const row = await workerSocket(panel, url, 4);
    assert.equal(await contextOf(panel, url), 'worker');
    assert.match(row.text, /worker socket-worker\.js/);
    const out = await reported(tab, (o) => o.got.length === 2, 'the worker to see both echoes');
    assert.deepEqual(out, { got: [`hello from classic`, 'bytes:3'], checks: nativeChecks(`${server.origin}/workers/socket-worker.js?${q}`) });
    // The worker's socket passes the context filter as a worker's, not as the page's.
    await panel.fill('[aria-label=Filter]', 'context:page');
    await until(() => gridRows(panel), (r) => r.length > 0 && r.every((x) => x.text.includes('from=page')), 'only the page socket\'s rows');
    await panel.fill('[aria-label=Filter]', 'context:worker');
    const rows = await until(() => gridRows(panel), (r) => r.length > 0 && r.every((x) => x.text.includes('from=classic')), 'only the worker socket\'s rows');
    assert.deepEqual(rows.filter((r) => r.direction).map((r) => [r.direction, r.payload]), [['sent', 'hello from classic'], ['sent', 'Binary 3 B: 01 02 03'], ['received', 'hello from classic'], ['received', 'Binary 3 B: 01 02 03']]);
    await panel.fill('[aria-label=Filter]', '');
  });

  it('module and nested workers: every socket (Chromium: the module\'s import-time one too)', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    await tab.goto(`${server.origin}/workers/module.html?${q}`);
    // Firefox: the hook goes in front of the worker's main module, which runs after its imports.
    if (!FIREFOX) await workerSocket(panel, `${server.ws}/echo?from=module-import&${q}`, 2);
    await workerSocket(panel, `${server.ws}/echo?from=module&${q}`, 4);
    assert.deepEqual(await reported(tab, (o) => o.got.length === 2, 'the module worker\'s echoes'), { got: ['hello from module', 'bytes:4'], location: `${server.origin}/workers/module-worker.js?${q}` });

    await tab.goto(`${server.origin}/workers/nested.html?${q}`);
    const nested = `${server.ws}/echo?from=nested&${q}`;
    await workerSocket(panel, nested, 4);
    assert.equal(await contextOf(panel, nested), 'worker');
    assert.deepEqual(await reported(tab, (o) => o.got.length === 2, 'the nested worker\'s echoes'), { got: ['hello from nested', 'bytes:3'], checks: nativeChecks(`${server.origin}/workers/socket-worker.js?${q}`) });
  });

  it('a blob worker\'s socket (Firefox, where no blob: script passes through the network: the panel names the worker as not captured)', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;

    await tab.goto(`${server.origin}/workers/blob.html?${q}`);
    if (FIREFOX) {
      const named = await waitForUncaptured(panel, (w) => w.length === 1, 'the blob worker named as not captured');
      assert.equal(named[0][0], 'worker');
      assert.equal(named[0][1], 'blob worker');
      assert.match(named[0][2]!, /^blob:http:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]{36}$/);
      assert.equal((await socketRows(panel)).filter((s) => s.url.includes('from=blob')).length, 0);
    } else {
      const blob = await workerSocket(panel, `${server.ws}/echo?from=blob&${q}`, 4);
      assert.match(blob.text, /blob worker/);
      assert.deepEqual(await uncapturedWorkers(panel), []);
    }
    assert.deepEqual(await reported(tab, (o) => o.got.length === 2, 'the blob worker\'s echoes'), { got: ['hello from blob', 'bytes:1'], location: 'blob:' });
  });

  it('Chromium reaches a shared worker once its tab asks for it: its live socket shows from then on, every message after', { skip: FIREFOX ? 'Firefox: shared workers are hooked from their first line (see the tests below)' : false, timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    const url = `${server.ws}/echo?from=shared&${q}`;
    await tab.goto(`${server.origin}/workers/shared.html?${q}`);
    await tab.evaluate('start()');
    await reported(tab, (o) => o.got.includes('tab 1'), 'the shared worker\'s echo');
    // Opened on the worker's first line, before the debugger could reach it: adopted as it is.
    const row = await waitForSocket(panel, (s) => s.url === url, 'the shared worker\'s socket');
    assert.equal(row.state, 'open');
    assert.equal(await contextOf(panel, url), 'shared-worker');
    assert.deepEqual(await uncapturedWorkers(panel), []);
    assert.deepEqual(await panel.query((doc) => [...doc.querySelectorAll('[data-role=late-workers] [data-worker-kind]')].map((e) => e.textContent)), ['shared worker shared-worker.js']);
    // From then on, every message: another connection of this tab asks it to send.
    await tab.evaluate('start()');
    await reported(tab, (o) => o.got.includes('tab 2'), 'the second connection\'s echo');
    assert.deepEqual(await sharedEcho(panel, 'tab 2', 'the second connection\'s message and its echo'), [['sent', 'tab 2'], ['received', 'tab 2']]);
  });

  it('the composer sends through a worker\'s socket and simulates an incoming message to it', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    await tab.goto(`${server.origin}/workers/classic.html?${q}`);
    const url = `${server.ws}/echo?from=classic&${q}`;
    await workerSocket(panel, url, 4);
    await openComposer(panel, url, 'text');
    await typeInComposer(panel, 'sent from DevTools');
    await panel.click('[data-action=composer-send]');
    await until(() => composerStatus(panel), (s) => s.status === 'ok', 'send ok');
    // The server echoes it: the worker's own handler sees the echo.
    await reported(tab, (o) => o.got.includes('sent from DevTools'), 'the worker to see the echo of the sent message');
    await typeInComposer(panel, 'simulated by DevTools');
    await panel.click('[data-action=composer-simulate]');
    await until(() => composerStatus(panel), (s) => s.status === 'ok', 'simulate ok');
    const out = await reported(tab, (o) => o.got.includes('simulated by DevTools'), 'the worker to get the simulated message');
    assert.deepEqual(out.got, ['hello from classic', 'bytes:3', 'sent from DevTools', 'simulated by DevTools']);
    await workerSocket(panel, url, 7);
  });

  it('a service worker\'s socket shows in the tab that registered it', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    await tab.goto(`${server.origin}/workers/service.html?${q}`);
    const url = `${server.ws}/echo?from=service&${q}`;
    const row = await workerSocket(panel, url, 4);
    assert.equal(await contextOf(panel, url), 'service-worker');
    assert.match(row.text, /service worker service-worker\.js/);
    await panel.fill('[aria-label=Filter]', 'context:service');
    const rows = await until(() => gridRows(panel), (r) => r.filter((x) => x.direction).length === 4, 'the service worker\'s four messages');
    assert.deepEqual(rows.filter((r) => r.direction).map((r) => [r.direction, r.payload, r.text.includes('from=service')]), [
      ['sent', 'hello from service', true], ['sent', 'Binary 1 B: 06', true], ['received', 'hello from service', true], ['received', 'Binary 1 B: 06', true],
    ]);
    await panel.fill('[aria-label=Filter]', '');
  });

  it('a shared worker\'s socket shows in the panel of each tab connected to it', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    const url = `${server.ws}/echo?from=shared&${q}`;
    await tab.goto(`${server.origin}/workers/shared.html?${q}`);
    // Its own URL (the hash): Chromium finds a tab's DevTools window by its tab's URL.
    const second = await env.browser.open(`${server.origin}/workers/shared.html?${q}#second`);
    const secondPanel = await second.panel();
    await tab.evaluate('start()');
    await reported(tab, (o) => o.got.includes('tab 1'), 'the first tab\'s message echoed');
    await second.evaluate('start()');
    await reported(second, (o) => o.got.includes('tab 2'), 'the second tab\'s message echoed');
    assert.deepEqual((await reported(tab, (o) => o.got.length === 2, 'the first tab to see both')).got, ['tab 1', 'tab 2']);
    const both = [[second, secondPanel], [tab, panel]] as const;
    for (const [t, p] of both) {
      // Firefox answers for the toolbox of the tab in front only.
      await (t.puppeteer ?? t.playwright)!.bringToFront();
      // Firefox hooks it from its first line; Chromium reaches it once a tab asks for it (the
      // second tab joins it then): what it did before may be missed there.
      if (FIREFOX) await workerSocket(p, url, 4);
      else await waitForSocket(p, (s) => s.url === url && s.state === 'open', 'the shared socket');
      assert.equal(await contextOf(p, url), 'shared-worker');
    }
    await second.evaluate('start()');
    await reported(tab, (o) => o.got.includes('tab 3'), 'the second tab\'s next message echoed');
    for (const [t, p] of both) {
      await (t.puppeteer ?? t.playwright)!.bringToFront();
      assert.deepEqual(await sharedEcho(p, 'tab 3', 'the message and its echo in each panel'), [['sent', 'tab 3'], ['received', 'tab 3']]);
      if (FIREFOX) await workerSocket(p, url, 6);
    }
    await secondPanel.close();
    await second.close();
  });

  it('a tab whose panel opens after a shared worker started sees its live socket from then on', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    const url = `${server.ws}/echo?from=shared&${q}`;
    await tab.goto(`${server.origin}/workers/shared.html?${q}`);
    await tab.evaluate('start()');
    await reported(tab, (o) => o.got.includes('tab 1'), 'the first tab\'s message echoed');
    // This tab was not watched when the worker started: its panel learns the live socket when it opens.
    const late = await env.browser.open(`${server.origin}/workers/shared.html?${q}#late`);
    try {
      // Chromium knows a tab uses a shared worker once its page asked for it (new SharedWorker), here
      // before its panel opens; Firefox tells every watched tab of the origin.
      if (!FIREFOX) {
        await late.evaluate('start()');
        await reported(late, (o) => o.got.includes('tab 2'), 'the late tab\'s first message echoed');
      }
      const latePanel = await late.panel();
      const row = await waitForSocket(latePanel, (s) => s.url === url, 'the shared socket in the late tab\'s panel');
      assert.equal(row.state, 'open');
      assert.equal(row.messages, 0);
      assert.equal(await contextOf(latePanel, url), 'shared-worker');
      await late.evaluate('start()');
      const next = FIREFOX ? 'tab 2' : 'tab 3';
      await reported(late, (o) => o.got.includes(next), 'the late tab\'s message echoed');
      await waitForSocket(latePanel, (s) => s.url === url && s.messages === 2, 'the late tab\'s message and its echo in its panel');
      await latePanel.close();
    } finally {
      await late.close();
      await (tab.puppeteer ?? tab.playwright)!.bringToFront();
    }
  });

  it('a reloaded tab hears its shared worker\'s live socket again, and what it sends from then on', { timeout: 120_000}, async () => {
    const q = `run=${++run}`;
    const url = `${server.ws}/echo?from=shared&${q}`;
    await tab.goto(`${server.origin}/workers/shared.html?${q}`);
    await tab.evaluate('start()');
    await reported(tab, (o) => o.got.includes('tab 1'), 'the first connection\'s echo');
    const before = await waitForSocket(panel, (s) => s.url === url, 'the shared socket');
    // Another tab keeps the worker running while this one reloads.
    const keeper = await env.browser.open(`${server.origin}/workers/shared.html?${q}#keeper`);
    try {
      await keeper.evaluate('start()');
      await reported(keeper, (o) => o.got.includes('tab 2'), 'the keeper\'s echo');
      await (tab.puppeteer ?? tab.playwright)!.bringToFront();
      await tab.reload();
      await tab.evaluate('start()');
      await reported(tab, (o) => o.got.includes('tab 3'), 'the reloaded page\'s echo');
      // The new document's row (the old one may show until the panel hears of the new document).
      await waitForSocket(panel, (s) => s.url === url && s.state === 'open' && s.key !== before.key, 'the shared socket after the reload');
      assert.equal(await contextOf(panel, url), 'shared-worker');
      await tab.evaluate('start()');
      await reported(tab, (o) => o.got.includes('tab 4'), 'the reloaded page\'s next echo');
      assert.deepEqual(await sharedEcho(panel, 'tab 4', 'the next message and its echo'), [['sent', 'tab 4'], ['received', 'tab 4']]);
    } finally {
      await keeper.close();
      await (tab.puppeteer ?? tab.playwright)!.bringToFront();
    }
  });

  it('a worker\'s socket shows the handshake its server saw and answered: a dedicated, a service and a shared worker\'s (Chromium: the debugger tells those two, which webRequest does not see)', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    const handshakeOf = async (url: string, what: string) => {
      await selectSocket(panel, url);
      await panel.click('[data-tab=headers]');
      const pane = await until(() => headersPane(panel), (p) => !!p.sections['request-headers'] && !!p.sections['response-headers'], what);
      const path = url.slice(server.ws.length);
      const seen = server.handshakes.get(path)!;
      assert.ok(seen, `the server took ${path}`);
      assert.equal(headerValue(pane.sections.general, 'Request URL'), url);
      assert.match(headerValue(pane.sections.general, 'Status Code') ?? '', /^101 Switching Protocols$/);
      for (const name of ['origin', 'user-agent', 'sec-websocket-version']) assert.equal(headerValue(pane.sections['request-headers'], name), seen[name], `${what}: ${name} as the server saw it`);
      assert.ok(headerValue(pane.sections['response-headers'], 'sec-websocket-accept'), `${what}: Sec-WebSocket-Accept`);
      await panel.click('[data-tab=message]');
      return pane;
    };
    await tab.goto(`${server.origin}/workers/classic.html?${q}`);
    const dedicated = `${server.ws}/echo?from=classic&${q}`;
    await workerSocket(panel, dedicated, 4);
    await handshakeOf(dedicated, 'the dedicated worker\'s handshake');

    await tab.goto(`${server.origin}/workers/service.html?${q}`);
    const service = `${server.ws}/echo?from=service&${q}`;
    await workerSocket(panel, service, 4);
    await handshakeOf(service, 'the service worker\'s handshake');

    await tab.goto(`${server.origin}/workers/shared.html?${q}`);
    await tab.evaluate('start()');
    await reported(tab, (o) => o.got.includes('tab 1'), 'the shared worker\'s echo');
    await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?from=shared&${q}`, 'the shared worker\'s socket');
    await tab.evaluate("start('open')");
    await reported(tab, (o) => o.got.includes('late:late'), 'the shared worker\'s second socket\'s echo');
    const late = `${server.ws}/echo?from=shared-late&${q}`;
    await waitForSocket(panel, (s) => s.url === late && s.messages === 2, 'the shared worker\'s second socket');
    const pane = await handshakeOf(late, 'the shared worker\'s second handshake');
    // Where the worker's own script made it (the hook's frames gone, though in Firefox they carry the worker script's URL).
    assert.match(pane.frames[0], new RegExp(`^openLate @ ${server.origin}/workers/shared-worker\\.js\\?${q}:15:\\d+$`));
  });

  it('a breakpoint holds a worker\'s send until Forward; later sends wait behind it', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    const url = `${server.ws}/echo?from=stream&${q}`;
    await tab.goto(`${server.origin}/workers/stream.html?${q}`);
    await until(() => tab.evaluate<boolean>('window.opened'), Boolean, 'the worker\'s socket to open');
    await addBreakpoint(panel, 'sent', '"message 2"');
    await tab.evaluate('go(3)');
    assert.deepEqual(await waitForHeld(panel, 1), [{ direction: 'sent', text: 'message 2' }]);
    await until(() => tab.evaluate<string[]>('window.echoes'), (e) => e.length >= 1, 'the first echo');
    await settleFirst(panel, 'forward');
    // 3 waited behind the held 2: the server echoed them in the order the worker sent them.
    assert.deepEqual(await until(() => tab.evaluate<string[]>('window.echoes'), (e) => e.length === 3, 'every echo'), ['message 1', 'message 2', 'message 3']);
    await workerSocket(panel, url, 6);
    await panel.click('[aria-label="Remove breakpoint"]');
  });

  it('a breakpoint in one tab\'s panel holds a shared worker\'s send while another tab\'s panel watches it too, until Forward', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    const url = `${server.ws}/echo?from=shared&${q}`;
    await tab.goto(`${server.origin}/workers/shared.html?${q}`);
    const second = await env.browser.open(`${server.origin}/workers/shared.html?${q}#watching`);
    const secondPanel = await second.panel();
    try {
      await tab.evaluate('start()');
      await reported(tab, (o) => o.got.includes('tab 1'), 'the first tab\'s echo');
      await second.evaluate('start()');
      await reported(second, (o) => o.got.includes('tab 2'), 'the second tab\'s echo');
      await waitForSocket(secondPanel, (s) => s.url === url && s.state === 'open', 'the shared socket in the second tab\'s panel');
      await (tab.puppeteer ?? tab.playwright)!.bringToFront();
      await addBreakpoint(panel, 'sent', '"tab 3"');
      await second.evaluate('start()');
      assert.deepEqual(await waitForHeld(panel, 1), [{ direction: 'sent', text: 'tab 3' }]);
      // The other panel, which holds nothing, does not let it go: another socket of the worker opens,
      // sends and hears its echo meanwhile, and the held message is still unsent.
      await tab.evaluate("start('open')");
      const meanwhile = await reported(tab, (o) => o.got.includes('late:late'), 'the other socket\'s echo while the message is held');
      assert.deepEqual(meanwhile.got, ['tab 1', 'tab 2', 'late:late']);
      await settleFirst(panel, 'forward');
      assert.deepEqual((await reported(tab, (o) => o.got.includes('tab 3'), 'the forwarded message\'s echo')).got, ['tab 1', 'tab 2', 'late:late', 'tab 3']);
      await panel.click('[aria-label="Remove breakpoint"]');
    } finally {
      await secondPanel.close();
      await second.close();
      await (tab.puppeteer ?? tab.playwright)!.bringToFront();
    }
  });

  it('a shared worker lets go what a tab\'s breakpoint held once that tab\'s page is gone, though its panel stays open', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    await tab.goto(`${server.origin}/workers/shared.html?${q}`);
    const second = await env.browser.open(`${server.origin}/workers/shared.html?${q}#leaving`);
    const secondPanel = await second.panel();
    try {
      await tab.evaluate('start()');
      await reported(tab, (o) => o.got.includes('tab 1'), 'the first tab\'s echo');
      await second.evaluate('start()');
      await reported(second, (o) => o.got.includes('tab 2'), 'the second tab\'s echo');
      await (second.puppeteer ?? second.playwright)!.bringToFront();
      await addBreakpoint(secondPanel, 'sent', '"tab 3"');
      await tab.evaluate('start()');
      assert.deepEqual(await waitForHeld(secondPanel, 1), [{ direction: 'sent', text: 'tab 3' }]);
      // The page that held it goes: nothing holds it any more, and the first tab's message is sent.
      await second.goto(`${server.origin}/workers/none.html?${q}`);
      assert.deepEqual((await reported(tab, (o) => o.got.includes('tab 3'), 'the message let go, and its echo')).got, ['tab 1', 'tab 2', 'tab 3']);
      await secondPanel.click('[aria-label="Remove breakpoint"]');
    } finally {
      await secondPanel.close();
      await second.close();
      await (tab.puppeteer ?? tab.playwright)!.bringToFront();
    }
  });

  /** The page's worker socket streams 200 messages (go(200)) while the background is stopped three times: every one reaches the panel. */
  const streamThroughStops = async (page: string, from: string, beforeStream: (url: string) => Promise<unknown> = async () => {}) => {
    const q = `run=${++run}`;
    const url = `${server.ws}/echo?from=${from}&${q}`;
    await tab.goto(`${server.origin}/workers/${page}?${q}`);
    await until(() => tab.evaluate<boolean>('window.opened'), Boolean, 'the worker\'s socket to open');
    await beforeStream(url);
    await tab.evaluate('go(200)');
    // Stopped three times while the worker streams (one report in flight is enough to lose it).
    for (const at of [20, 80, 140]) {
      await until(() => tab.evaluate<number>('window.echoes.length'), (n) => n >= at, `${at} echoes`);
      await stopBackground(env.browser);
    }
    await until(() => tab.evaluate<number>('window.echoes.length'), (n) => n === 200, 'every echo', 60_000);
    await workerSocket(panel, url, 400);
  };

  it('stopping the extension\'s background mid-stream loses no worker message (Chromium: the relay has the worker send again what the stopped service worker held)', { timeout: 180_000 }, () =>
    streamThroughStops('stream.html', 'stream'));

  it('stopping the extension\'s background mid-stream loses no message of a shared worker (Chromium: a shared worker is attached on its own, its session taken up again)', { timeout: 180_000 }, () =>
    // Chromium reaches it a moment after the page asked for it: from then on, every message.
    streamThroughStops('shared-stream.html', 'shared-stream', (url) => waitForSocket(panel, (s) => s.url === url && s.state === 'open', 'the shared worker\'s socket')));

  it('each worker page reports exactly what it reports without the extension (location, relative imports, CSP worker-src)', { timeout: 120_000 }, async () => {
    for (const page of PAGES) {
      await tab.goto(`${server.origin}/workers/${page}?run=0`);
      assert.equal(await reportedOut(tab), native.get(page), page);
    }
    // The CSP page's allowed worker was captured; its refused blob worker never ran, as without the extension.
    await workerSocket(panel, `${server.ws}/echo?from=imports&run=0`, 2);
    assert.match(native.get('csp.html')!, /"blob":"(threw|error event)/);
  });

  it('closing DevTools lets out what a worker\'s send held, then (Chromium) the tab is detached: Chrome\'s bar goes', { timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    await tab.goto(`${server.origin}/workers/stream.html?${q}`);
    await until(() => tab.evaluate<boolean>('window.opened'), Boolean, 'the worker\'s socket to open');
    await addBreakpoint(panel, 'sent', '"message 1"');
    await tab.evaluate('go(2)');
    await waitForHeld(panel, 1);
    await panel.close();
    assert.deepEqual(await until(() => tab.evaluate<string[]>('window.echoes'), (e) => e.length === 2, 'both echoes once DevTools closed'), ['message 1', 'message 2']);
    if (env.name === 'chromium') {
      // The extension's own session: a command on the tab answers only while it is attached.
      const sw = env.browser.chromium!.context.serviceWorkers()[0];
      const attached = () => sw.evaluate(async (u) => {
        const [t] = await chrome.tabs.query({ url: u });
        return chrome.debugger.sendCommand({ tabId: t.id }, 'Runtime.evaluate', { expression: '1' }).then(() => true, () => false);
      }, tab.url());
      await until(attached, (a) => a === false, 'the tab detached');
    }
  });
}, { optionalGranted: true });

inBrowsers('worker sockets, capture off', (env) => {
  /** A tab on a page without workers, its panel open with worker capture off. */
  const openWithCaptureOff = async () => {
    const tab = await env.browser.open(`${server.origin}/workers/none.html`);
    const panel = await tab.panel();
    await panel.waitFor('[data-role=worker-capture][data-on=false] [data-action=capture-workers]');
    return { tab, panel };
  };
  /** The extension holds no debugger (its optional permission was never granted). */
  const assertNoDebugger = async () => {
    const sw = env.browser.chromium!.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'))!;
    assert.equal(await sw.evaluate(() => typeof chrome.debugger), 'undefined');
  };
  it('offers the opt-in, attaches nothing, and the worker works as without the extension', { skip: NO_OPT_IN_IN_FIREFOX, timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    const { tab, panel } = await openWithCaptureOff();
    await tab.goto(`${server.origin}/workers/classic.html?${q}`);
    const out = await reported(tab, (o) => o.got.length === 2, 'the worker to see both echoes');
    assert.deepEqual(out, { got: ['hello from classic', 'bytes:3'], checks: nativeChecks(`${server.origin}/workers/socket-worker.js?${q}`) });
    // The page's own socket is captured; the worker's is not, and the extension holds no debugger.
    await waitForSocket(panel, (s: PanelSocketRow) => s.url === `${server.ws}/echo?from=page&${q}`, 'the page\'s own socket');
    assert.equal((await socketRows(panel)).filter((s) => s.url.includes('from=classic')).length, 0);
    await assertNoDebugger();
    // The bar names the worker whose socket it does not see.
    assert.deepEqual(await waitForUncaptured(panel, (w) => w.length === 1, 'the worker named'), [['worker', 'worker socket-worker.js', `${server.origin}/workers/socket-worker.js?${q}`]]);
  });

  it('names a worker started with the Worker of a frame sandboxed without scripts (the frame the hook adopts)', { skip: NO_OPT_IN_IN_FIREFOX, timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    const { tab, panel } = await openWithCaptureOff();
    await tab.goto(`${server.origin}/workers/sandboxed.html?${q}`);
    await reported(tab, (o) => o.got.length === 2, 'the worker to see both echoes');
    assert.deepEqual(await waitForUncaptured(panel, (w) => w.length === 1, 'the worker named'), [['worker', 'worker socket-worker.js', `${server.origin}/workers/socket-worker.js?${q}`]]);
    await assertNoDebugger();
    await panel.close();
    await tab.close();
  });

  it('names the shared and service workers of a page without a socket of its own, and attaches nothing', { skip: NO_OPT_IN_IN_FIREFOX, timeout: 120_000 }, async () => {
    const q = `run=${++run}`;
    const { tab, panel } = await openWithCaptureOff();
    await tab.goto(`${server.origin}/workers/shared.html?${q}`);
    await tab.evaluate('start()');
    await reported(tab, (o) => o.got.includes('tab 1'), 'the shared worker\'s echo');
    assert.deepEqual(await waitForUncaptured(panel, (w) => w.length === 1, 'the shared worker named'), [['shared-worker', 'shared worker shared-worker.js', `${server.origin}/workers/shared-worker.js?${q}`]]);
    // A service worker the page registers: named once it is ready, though the page has no socket of its own.
    await tab.goto(`${server.origin}/workers/service.html?${q}`);
    assert.deepEqual(await waitForUncaptured(panel, (w) => w.length === 1 && w[0][0] === 'service-worker', 'the service worker named'), [['service-worker', 'service worker service-worker.js', `${server.origin}/workers/service-worker.js?${q}`]]);
    assert.deepEqual(await socketRows(panel), []);
    await assertNoDebugger();
    await panel.close();
    await tab.close();
  });
});
