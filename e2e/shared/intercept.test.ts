import { after, afterEach, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers, type Panel, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { gridRows, selectSocket, until, waitForSocket } from '../support/readers';
import { addBreakpoint, addRule, heldRows, openIntercept, removeRules, settleFirst, socketMenu, socketMenuItem, waitForHeld, waitInEffect } from '../support/intercept';
import { exportAllHar } from '../support/downloads';
import { importFile } from '../support/messages';
import { exportHar } from '../../src/core/har/export';
import { applyToSocket, newSocketRecord, socketKey, type SessionSnapshot } from '../../src/core/session';
import type { CaptureEvent } from '../../src/core/model';

/**
 * Breakpoints, rules, connection controls and replay, in the real panel, on a page whose socket
 * talks to a real `ws` server (`/record` echoes and records every frame). The page logs every call
 * of its own handlers (`onmessage` and a listener), so what it sees is compared, not what we claim.
 */
let server: TestServer;
let run = 0;

before(async () => {
  server = await startServer();
});
after(() => server?.close());

inBrowsers('intercept', (env) => {
  let tab: Tab;
  let panel: Panel;
  let name: string;
  let url: string;
  let since: number;

  const open = async (binaryType?: 'blob' | 'arraybuffer') => {
    run++;
    name = `i${run}`;
    url = `${server.ws}/record?${name}`;
    tab = await env.browser.open(`${server.origin}/intercept.html`);
    panel = await tab.panel();
    since = server.received.length;
    assert.equal(await tab.evaluate(`connect(${JSON.stringify(name)}, ${JSON.stringify(binaryType ?? '')})`), 'open');
    await waitForSocket(panel, (s) => s.url === url && s.state === 'open', 'the page socket open');
  };
  /** What the server got from this test's socket, as text (binary as `bin:1,2,3`). */
  const serverGot = () => server.received.slice(since).filter((f) => f.query === name).map((f) => (f.binary ? `bin:${[...f.data].join(',')}` : f.data.toString()));
  const untilServerGot = (n: number, what: string) => until(() => Promise.resolve(serverGot()), (got) => got.length >= n, what);
  const log = () => tab.evaluate<string[]>('window.log');
  const send = (js: string) => tab.evaluate(`send(${js})`);
  const marks = async () => (await gridRows(panel)).filter((r) => r.kind === 'message').map((r) => `${r.direction} ${r.intercept ?? '-'}`);

  let panelOpen = false;
  beforeEach(() => {
    tab = undefined as unknown as Tab;
    panelOpen = true;
  });
  afterEach(async () => {
    if (!tab) return;
    if (panelOpen) {
      await removeRules(panel);
      await panel.close();
    }
    await tab.close();
  });

  it('holds a matching send until Forward edited sends the edited bytes; later sends keep their order; Drop sends nothing', { timeout: 180_000 }, async () => {
    await open();
    await addBreakpoint(panel, 'sent', 'secret');
    await send('"hello secret 1"');
    await send('"after 1"');
    const rows = await waitForHeld(panel, 1);
    assert.deepEqual(rows, [{ direction: 'sent', text: 'hello secret 1' }]);
    assert.deepEqual(serverGot(), [], 'the server got nothing while the first send is held (the second waits behind it)');
    await settleFirst(panel, 'forward-edited', 'edited secret');
    await untilServerGot(2, 'both sends');
    assert.deepEqual(serverGot(), ['edited secret', 'after 1']);

    await send('"secret 2"');
    await waitForHeld(panel, 1);
    await settleFirst(panel, 'drop');
    await send('"after 2"');
    await untilServerGot(3, 'the send after the drop');
    assert.deepEqual(serverGot(), ['edited secret', 'after 1', 'after 2']);
    await selectSocket(panel, url);
    await until(marks, (m) => m.includes('sent dropped') && m.includes('sent edited'), 'the edited and dropped marks in the grid');
  });

  for (const binaryType of ['arraybuffer', 'blob'] as const) {
    it(`holds an incoming message before any page handler runs; Forward edited runs each once, with a ${binaryType === 'blob' ? 'Blob' : 'ArrayBuffer'} for binaryType "${binaryType}"`, { timeout: 180_000 }, async () => {
      await open(binaryType);
      await addBreakpoint(panel, 'received', '');
      await send('new Uint8Array([1, 2, 3])');
      await untilServerGot(1, 'the server got the binary send');
      await waitForHeld(panel, 1);
      assert.deepEqual(await log(), [], 'no handler ran while the echo is held');
      await settleFirst(panel, 'forward-edited', 'aa bb');
      const kind = binaryType === 'blob' ? 'Blob' : 'ArrayBuffer';
      await until(log, (l) => l.length >= 2, 'the handlers ran');
      assert.deepEqual(await log(), [`onmessage ${kind}:2`, `listener ${kind}:2`]);
      assert.deepEqual(await tab.evaluate('allBytes()'), [[0xaa, 0xbb]]);

      await send('"text in"');
      await waitForHeld(panel, 1);
      await settleFirst(panel, 'forward');
      await until(log, (l) => l.length >= 4, 'the text echo delivered');
      assert.deepEqual((await log()).slice(2), ['onmessage text in', 'listener text in']);
    });
  }

  it('blocks, rewrites text by regex, sets a JSON path and patches bytes, by rule', { timeout: 240_000 }, async () => {
    await open();
    await addRule(panel, { action: 'block', query: 'blockme' });
    await addRule(panel, { action: 'regex', query: 'cat', fields: { 'Find (regex)': 'cat', 'Replace with': 'dog' } });
    await addRule(panel, { action: 'json-set', query: 'role', fields: { 'JSON path': 'user.role', 'Value (JSON)': '"admin"' } });
    await addRule(panel, { action: 'hex', query: '', url: name, fields: { Offset: '1', 'Bytes (hex)': 'ff' } });
    await until(() => panel.query((doc) => doc.querySelector('[data-role=intercept-active]')?.textContent ?? ''), (t) => t === '4 rules active', 'the toolbar counting the rules');
    await send('"blockme please"');
    await send('"a cat, another cat"');
    await send(`'{"user":{"role":"guest","id":7}}'`);
    await send('new Uint8Array([1, 2, 3, 4])');
    await untilServerGot(3, 'three sends');
    assert.deepEqual(serverGot(), ['a dog, another dog', '{"user":{"role":"admin","id":7}}', 'bin:1,255,3,4']);
    await selectSocket(panel, url);
    await until(marks, (m) => m.filter((x) => x.startsWith('sent')).join('|') === 'sent blocked|sent rewritten|sent rewritten|sent rewritten', 'the marks of each send');
    // The HAR export keeps the originals and leaves the blocked send out of what was sent.
    const { har } = await exportAllHar(env.browser, panel);
    const entry = har.log.entries.find((e: { request: { url: string } }) => e.request.url === url);
    const sent = entry._webSocketMessages.filter((m: { type: string }) => m.type === 'send');
    assert.deepEqual(sent.map((m: { data: string; _intercept?: string }) => [m.data, m._intercept]), [
      ['a dog, another dog', 'rewritten'],
      ['{"user":{"role":"admin","id":7}}', 'rewritten'],
      ['Af8DBA==', 'rewritten'],
    ]);
    assert.equal(sent[0]._original.data, 'a cat, another cat');
    assert.deepEqual(entry._socketsStopped.map((m: { data: string; _intercept: string }) => [m.data, m._intercept]), [['blockme please', 'blocked']]);
  });

  it('delays a send by rule: the server gets it at least that long after the page sent it', { timeout: 180_000 }, async () => {
    await open();
    await addRule(panel, { action: 'delay', query: 'slow', fields: { 'Delay, ms (or a range: 100-500)': '600' } });
    await send('"slow one"');
    const sentAt = await tab.evaluate<number>('window.sentAt');
    await untilServerGot(1, 'the delayed send');
    const frame = server.received.slice(since).find((f) => f.query === name)!;
    // Two clocks (the page's Date.now, the server's) read at 1 ms granularity, and Firefox coarsens the page's
    // (privacy.reduceTimerPrecision): a 600 ms hold can read 599 ms. A send not held reads a few ms.
    assert.ok(frame.at - sentAt >= 595, `held back ${frame.at - sentAt} ms`);
    await selectSocket(panel, url);
    await until(marks, (m) => m.includes('sent delayed'), 'the delayed mark');
  });

  it('answers a matching send with the templated reply, its id echoed, instead of sending it', { timeout: 180_000 }, async () => {
    await open();
    await addRule(panel, { action: 'respond', query: 'getUser', fields: { 'Reply (JSON; {{id}} is the sent message\'s id)': '{"id":{{id}},"result":{"name":"mock"}}' } });
    await send(`'{"id":41,"method":"getUser"}'`);
    await until(log, (l) => l.length >= 2, 'the page got the reply');
    assert.deepEqual(await log(), ['onmessage {"id":41,"result":{"name":"mock"}}', 'listener {"id":41,"result":{"name":"mock"}}']);
    await send('"plain"');
    await untilServerGot(1, 'the next send');
    assert.deepEqual(serverGot(), ['plain'], 'the matching send never reached the server');
    await selectSocket(panel, url);
    await until(marks, (m) => m.includes('sent blocked') && m.includes('received mocked'), 'the blocked send and its mocked reply');
  });

  it('closes as the server would: the page sees that close, with the chosen code and reason', { timeout: 180_000 }, async () => {
    await open();
    await socketMenuItem(panel, url, 'Close as server…');
    await panel.waitFor('[data-role=server-close]');
    await panel.fill('[aria-label="Close code"]', '4001');
    await panel.fill('[aria-label="Close reason"]', 'server says bye');
    await panel.click('[data-action=server-close]');
    await until(log, (l) => l.length >= 1, 'the page saw the close');
    assert.deepEqual(await log(), ['close 4001 server says bye true']);
    await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'the socket closed in the panel');
  });

  it('drops the connection: the page sees error, then close 1006 not clean', { timeout: 180_000 }, async () => {
    await open();
    await socketMenuItem(panel, url, 'Drop connection');
    await until(log, (l) => l.length >= 2, 'the page saw the drop');
    assert.deepEqual(await log(), ['error', 'close 1006  false']);
  });

  it('pauses incoming delivery and resumes it in order; a latency holds incoming back at least that long', { timeout: 180_000 }, async () => {
    await open();
    await socketMenuItem(panel, url, 'Pause incoming');
    // Paused once the hook said so: the menu then offers Resume.
    await until(async () => {
      const items = await socketMenu(panel, url);
      await panel.press('Escape');
      return items;
    }, (items) => items.includes('Resume incoming'), 'Resume incoming offered');
    await send('"p1"');
    await send('"p2"');
    await untilServerGot(2, 'both sends echoed by the server');
    assert.deepEqual(await log(), [], 'nothing delivered while paused');
    await socketMenuItem(panel, url, 'Resume incoming');
    await until(log, (l) => l.length >= 4, 'both echoes delivered after resume');
    assert.deepEqual(await log(), ['onmessage p1', 'listener p1', 'onmessage p2', 'listener p2']);

    await socketMenuItem(panel, url, 'Incoming latency…');
    await panel.waitFor('[data-role=latency]');
    await panel.fill('[aria-label="Latency (ms)"]', '500');
    await panel.click('[data-role=latency] button[type=submit]');
    await until(() => panel.query((doc) => doc.querySelector('[data-role=latency]') === null), (gone) => gone, 'the dialog closed');
    // The latency applies once the hook has it: the panel's menu shows nothing of it, so poll the page.
    await until(async () => {
      const n = (await log()).length;
      await send('"late"');
      await until(log, (l) => l.length >= n + 2, 'the echo of "late"');
      return (await tab.evaluate<number>('window.lastAt - window.sentAt'));
    }, (held) => held >= 500, 'an echo held back 500 ms or more');
    await selectSocket(panel, url);
    await until(marks, (m) => m.includes('received held') && m.includes('received delayed'), 'the held (paused) and delayed marks');
  });

  it('replays an imported socket\'s received messages into a live socket, in order', { timeout: 180_000 }, async () => {
    await open();
    await importFile(panel as never, 'recorded.har', recordedHar());
    await waitForSocket(panel, (s) => s.url === 'wss://recorded.example/feed', 'the imported socket');
    await socketMenuItem(panel, 'wss://recorded.example/feed', 'Replay received messages…');
    await panel.waitFor('[data-role=replay]');
    await panel.fill('[aria-label="Replay speed"]', '0');
    await panel.click('[data-role=replay] button[type=submit]');
    await until(log, (l) => l.length >= 6, 'three replayed messages');
    assert.deepEqual(await log(), ['onmessage r1', 'listener r1', 'onmessage r2', 'listener r2', 'onmessage r3', 'listener r3']);
    await selectSocket(panel, url);
    await until(marks, (m) => m.filter((x) => x === 'received replayed').length === 3, 'three replayed marks');
  });

  it('delivers everything held, unchanged, when DevTools closes', { timeout: 180_000 }, async () => {
    await open();
    await addBreakpoint(panel, 'both', 'held');
    await send('"held out 1"');
    await send('"held out 2"');
    await waitForHeld(panel, 2);
    await panel.close();
    await untilServerGot(2, 'both held sends after DevTools closed');
    assert.deepEqual(serverGot(), ['held out 1', 'held out 2']);
    await until(log, (l) => l.length >= 4, 'the echoes reach the page');
    assert.deepEqual(await log(), ['onmessage held out 1', 'listener held out 1', 'onmessage held out 2', 'listener held out 2']);
    panelOpen = false;
  });

  it('imports a rules file switched off; switched on, its rule applies', { timeout: 180_000 }, async () => {
    await open();
    await openIntercept(panel);
    const file = JSON.stringify({ sockets: 'rules', version: 1, rules: [{ name: '', dir: 'sent', query: 'tag', url: '', action: { kind: 'rewrite', rewrite: { kind: 'regex', pattern: 'tag', flags: 'g', replace: 'TAG' } } }] });
    await panel.query((doc, text) => {
      const w = doc.defaultView as Window & typeof globalThis;
      const input = doc.querySelector('[data-role=import-rules-file]') as HTMLInputElement;
      const dt = new w.DataTransfer();
      dt.items.add(new w.File([text], 'team-rules.json', { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new w.Event('change', { bubbles: true }));
      return true;
    }, file);
    await until(() => panel.query((doc) => Array.from(doc.querySelectorAll('[data-role=rule]')).map((r) => r.getAttribute('data-enabled'))), (r) => r.length === 1, 'the imported rule');
    assert.deepEqual(await panel.query((doc) => Array.from(doc.querySelectorAll('[data-role=rule]')).map((r) => r.getAttribute('data-enabled'))), ['false']);
    await send('"tag one"');
    await untilServerGot(1, 'a send while the rule is off');
    await panel.click('[data-role=rule] input[type=checkbox]');
    await waitInEffect(panel);
    await send('"tag two"');
    await untilServerGot(2, 'a send with the rule on');
    assert.deepEqual(serverGot(), ['tag one', 'TAG two']);
  });

  it('lets no page script release a held message or control its socket', { timeout: 180_000 }, async () => {
    await open();
    await addBreakpoint(panel, 'sent', 'guarded');
    await send('"guarded"');
    await waitForHeld(panel, 1);
    // Everything a page can reach: window messages, the hook's and relay's event names with a port of its own.
    await tab.evaluate(`(() => {
      const forged = [
        { k: 'release', id: 1, socket: 1, hold: 1 },
        { k: 'control', id: 2, socket: 1, op: 'drop' },
        { k: 'intercept', id: 3, socket: -1, sent: false, received: false, releaseAll: true },
        { type: 'command', action: 'release', socket: 1, release: { hold: 1 } },
      ];
      for (const m of forged) {
        postMessage(m, '*');
        const c = new MessageChannel();
        document.dispatchEvent(new MessageEvent('sockets-devtools:hook-port', { ports: [c.port2], cancelable: true }));
        document.dispatchEvent(new Event('sockets-devtools:relay-ready'));
        c.port1.postMessage(m);
        c.port1.postMessage([[m]]);
      }
      return true;
    })()`);
    await send('"witness"');
    await until(() => panel.query((doc) => doc.querySelectorAll('[data-held=true]').length), (n) => n === 1, 'still one held');
    assert.deepEqual(serverGot(), [], 'nothing released by the page');
    assert.equal(await tab.evaluate('ws.readyState'), 1);
    assert.deepEqual((await heldRows(panel)).map((r) => r.text), ['guarded']);
    await settleFirst(panel, 'forward');
    await untilServerGot(2, 'the held send and the witness after Forward');
    assert.deepEqual(serverGot(), ['guarded', 'witness']);
  });
});

/** A HAR of a closed socket that received r1, r2, r3 (written by the real exporter). */
function recordedHar(): string {
  const T0 = Date.parse('2026-11-30T10:00:00.000Z');
  const events: CaptureEvent[] = [
    { kind: 'created', seq: 1, socket: 1, time: T0, url: 'wss://recorded.example/feed', protocols: [], binaryType: 'blob', frameUrl: 'https://recorded.example/', api: 'websocket' },
    { kind: 'open', seq: 2, socket: 1, time: T0 + 5, protocol: '', extensions: '' },
    { kind: 'message', seq: 3, socket: 1, time: T0 + 10, dir: 'received', opcode: 1, size: 2, data: 'r1' },
    { kind: 'message', seq: 4, socket: 1, time: T0 + 20, dir: 'sent', opcode: 1, size: 2, data: 's1' },
    { kind: 'message', seq: 5, socket: 1, time: T0 + 30, dir: 'received', opcode: 1, size: 2, data: 'r2' },
    { kind: 'message', seq: 6, socket: 1, time: T0 + 40, dir: 'received', opcode: 1, size: 2, data: 'r3' },
    { kind: 'closed', seq: 7, socket: 1, time: T0 + 50, code: 1000, reason: '', wasClean: true },
  ];
  const record = newSocketRecord('doc', 0, events[0] as Extract<CaptureEvent, { kind: 'created' }>);
  const snapshot: SessionSnapshot = { sockets: [record], events: [] };
  for (const event of events) {
    applyToSocket(record, event);
    snapshot.events.push({ socketKey: socketKey('doc', 1), event });
  }
  return JSON.stringify(exportHar(snapshot, { creatorVersion: 'test' }));
}
