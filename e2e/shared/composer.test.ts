import { after, afterEach, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers, type Panel, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { gridRows, selectSocket, until, waitForSocket } from '../support/readers';
import { composerStatus, openComposer, typeInComposer } from '../support/composer';
import { exportAllHar } from '../support/downloads';

let server: TestServer;
let run = 0;

before(async () => {
  server = await startServer({
    '/composer': (u) => `<!doctype html><title>composer</title><script>
      window.seen = [];
      window.ws = new WebSocket(location.origin.replace('http', 'ws') + '/record?${u.searchParams.get('n')}');
      ws.binaryType = 'arraybuffer';
      ws.onmessage = (e) => seen.push(typeof e.data === 'string' ? e.data : 'bin:' + Array.from(new Uint8Array(e.data)).join(','));
      ws.onopen = () => ws.send('page says hi');
    </script>`,
  });
});
after(() => server?.close());

inBrowsers('composer', (env) => {
  let tab: Tab;
  let panel: Panel;
  let url: string;
  beforeEach(async () => {
    run++;
    tab = await env.browser.open(`${server.origin}/composer?n=c${run}`);
    panel = await tab.panel();
    url = `${server.ws}/record?c${run}`;
    await waitForSocket(panel, (s) => s.url === url && s.messages === 2);
  });
  afterEach(async () => {
    await panel.close();
    await tab.close();
  });

  const framesFor = (n: number) => server.received.filter((f) => f.path === '/record').slice(n);
  const seen = () => tab.evaluate<string[]>('window.seen');
  const serverGot = (before: number, n: number, what: string) => until(() => Promise.resolve(framesFor(before).length), (got) => got >= n, what);

  it('sends a typed message through the page\'s socket; the server gets it, the page sees the echo, and the HAR export has both', { timeout: 180_000 }, async () => {
    const before = server.received.length;
    await openComposer(panel, url, 'text');
    await typeInComposer(panel, 'typed in DevTools');
    await panel.click('[data-action=composer-send]');
    await until(() => composerStatus(panel), (s) => s.status === 'ok', 'send ok');
    await serverGot(before, 1, 'server got it');
    assert.deepEqual(framesFor(before).map((f) => f.data.toString()), ['typed in DevTools']);
    await until(seen, (s) => s.includes('typed in DevTools'), 'page saw the echo');
    await selectSocket(panel, url);
    const rows = await until(() => gridRows(panel), (r) => r.filter((x) => x.kind === 'message').length === 4, 'four messages');
    const sent = rows.find((r) => r.origin === 'devtools');
    assert.equal(sent?.direction, 'sent');
    assert.match(sent!.payload, /typed in DevTools/);

    const { har } = await exportAllHar(env.browser, panel);
    const entry = har.log.entries.find((e: { request: { url: string } }) => e.request.url === url);
    assert.equal(entry._resourceType, 'websocket');
    assert.deepEqual(
      entry._webSocketMessages.map((m: { type: string; data: string }) => [m.type, m.data]),
      [['send', 'page says hi'], ['receive', 'page says hi'], ['send', 'typed in DevTools'], ['receive', 'typed in DevTools']],
    );
  });

  it('sends binary typed as hex byte-exact', { timeout: 120_000 }, async () => {
    const before = server.received.length;
    await openComposer(panel, url, 'hex');
    await typeInComposer(panel, '00 ff 10 80 7f');
    await panel.click('[data-action=composer-send]');
    await serverGot(before, 1, 'server got it');
    const frame = framesFor(before)[0];
    assert.equal(frame.binary, true);
    assert.deepEqual([...frame.data], [0x00, 0xff, 0x10, 0x80, 0x7f]);
    await until(seen, (s) => s.includes('bin:0,255,16,128,127'), 'page saw the binary echo');
  });

  it('simulates an incoming message: the page handler runs and the server receives nothing', { timeout: 120_000 }, async () => {
    const before = server.received.length;
    await openComposer(panel, url, 'json');
    await typeInComposer(panel, '{"simulated":true}');
    await panel.click('[data-action=composer-simulate]');
    await until(() => composerStatus(panel), (s) => s.status === 'ok', 'simulate ok');
    await until(seen, (s) => s.includes('{"simulated":true}'), 'page handler ran');
    // Something the server does receive after it proves the simulated one never went out.
    await tab.evaluate('ws.send("marker")');
    await serverGot(before, 1, 'marker arrived');
    assert.deepEqual(framesFor(before).map((f) => f.data.toString()), ['marker']);
    await selectSocket(panel, url);
    const rows = await until(() => gridRows(panel), (r) => r.some((x) => x.origin === 'simulated'), 'simulated row');
    assert.equal(rows.find((x) => x.origin === 'simulated')?.direction, 'received');
  });

  it('resends a captured binary message with identical bytes', { timeout: 120_000 }, async () => {
    await tab.evaluate('ws.send(new Uint8Array([9, 8, 7, 0, 255]))');
    await waitForSocket(panel, (s) => s.url === url && s.messages === 4);
    const before = server.received.length;
    await selectSocket(panel, url);
    const sentRows = await until(() => gridRows(panel), (r) => r.filter((x) => x.direction === 'sent').length === 2, 'both sent rows');
    await panel.contextMenu(`[role=row][data-index="${sentRows.filter((x) => x.direction === 'sent')[1].index}"]`);
    const resend = await until(
      () => panel.query((doc) => Array.from(doc.querySelectorAll('[data-role=context-menu] button')).findIndex((b) => b.textContent === 'Resend…')),
      (i) => i >= 0,
      'the Resend… menu item',
    );
    await panel.click(`[data-role=context-menu] button:nth-of-type(${resend + 1})`);
    await panel.click('[data-action=composer-send]');
    await serverGot(before, 1, 'server got the resend');
    assert.deepEqual([...framesFor(before)[0].data], [9, 8, 7, 0, 255]);
    assert.equal(framesFor(before)[0].binary, true);
  });

  it('refuses to send on a closed socket, says why, and sends nothing', { timeout: 120_000 }, async () => {
    await openComposer(panel, url, 'text');
    await typeInComposer(panel, 'too late');
    await tab.evaluate('ws.close(1000, "closing first")');
    await waitForSocket(panel, (s) => s.url === url && s.state === 'closed');
    const before = server.received.length;
    const state = await until(
      () => panel.query((doc) => ({
        disabled: (doc.querySelector('[data-action=composer-send]') as HTMLButtonElement | null)?.disabled ?? null,
        unavailable: doc.querySelector('[data-role=composer-unavailable]')?.textContent ?? '',
      })),
      (s) => s.disabled === true,
      'the send button disabled',
    );
    assert.match(state.unavailable, /socket is closed/);
    assert.equal(framesFor(before).length, 0);
  });

  it('shows invalid JSON with its position and does not send', { timeout: 120_000 }, async () => {
    await openComposer(panel, url, 'json');
    await typeInComposer(panel, '{"a": [1, 2}');
    const state = await panel.query((doc) => ({
      validation: doc.querySelector('[data-role=composer-validation]')?.textContent ?? '',
      disabled: (doc.querySelector('[data-action=composer-send]') as HTMLButtonElement | null)?.disabled ?? null,
    }));
    assert.match(state.validation, /Invalid JSON.*\(at 11\)/);
    assert.equal(state.disabled, true);
  });

  it('gives a page script no way to make the extension send', { timeout: 120_000 }, async () => {
    const before = server.received.length;
    await tab.evaluate(`(() => {
      const attempts = [
        { type: 'command', action: 'send', socket: 1, payload: { text: 'forged' }, doc: 'x', requestId: 1, panelId: 'p' },
        { k: 'send', id: 1, socket: 1, data: 'forged' },
      ];
      for (const a of attempts) {
        window.postMessage(a, '*');
        document.dispatchEvent(new MessageEvent('sockets-devtools:hook-port', { data: a }));
        document.dispatchEvent(new CustomEvent('sockets-devtools:relay-ready', { detail: a }));
      }
      const c = new MessageChannel();
      document.dispatchEvent(new MessageEvent('sockets-devtools:hook-port', { ports: [c.port2] }));
      c.port1.postMessage({ k: 'send', id: 1, socket: 1, data: 'forged' });
      for (const runtime of [globalThis.chrome?.runtime, globalThis.browser?.runtime]) {
        if (typeof runtime?.sendMessage !== 'function') continue;
        try {
          // Expected to throw or be ignored: pages cannot message the extension.
          Promise.resolve(runtime.sendMessage('x', attempts[0])).catch(() => {});
        } catch {}
      }
      return true;
    })()`);
    // A real message after the forgeries: only it may reach the server.
    await tab.evaluate('ws.send("real")');
    await serverGot(before, 1, 'real message arrived');
    assert.deepEqual(framesFor(before).map((f) => f.data.toString()), ['real']);
    const socket = await waitForSocket(panel, (r) => r.url === url && r.messages >= 4);
    assert.equal(socket.messages, 4);
  });
});
