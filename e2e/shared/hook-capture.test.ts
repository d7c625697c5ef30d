import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { inBrowsers, type Panel, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { gridRows, socketRows, until, waitForSocket } from '../support/readers';
import type { GridRow } from '../support/panel';
import { bytesOf, messagesOf, socketEvents as feedOf, type FeedEvent } from '../support/feed';

let server: TestServer;
/** A WebSocket server that negotiates permessage-deflate, so `extensions` is not empty; on /greet it speaks first. */
let deflate: { url: string; greet: string; close(): Promise<void> };

before(async () => {
  server = await startServer();
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: true });
  wss.on('connection', (s, req) => {
    s.on('message', (d, binary) => s.send(d, { binary }));
    if (req.url === '/greet') s.send('welcome');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  deflate = {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/deflate`,
    greet: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/greet`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise((r) => http.close(r));
    },
  };
});
after(async () => {
  await server?.close();
  await deflate?.close();
});

const ws = (path: string) => `${server.ws}${path}`;
const kinds = (events: FeedEvent[]) => events.map((e) => e.kind);
const FIREFOX_BUILD_HAS_NO_FALLBACK = 'the Firefox build leaves out match_origin_as_fallback: no hook or relay runs in an opaque-origin frame there';
// Product bug, not fixed yet: Firefox reports a navigation (devtools.network.onNavigated) about
// 300 ms after the new page started, once it has loaded; a page without a socket of its own then
// has every document that started before the report dropped, its frames' included.
const FIREFOX_HAS_NO_STREAM = 'Firefox has no WebSocketStream (see e2e/shared/websocketstream-behaviour.test.ts)';

inBrowsers('the page hook in the real panel', (env) => {
  let tab: Tab;
  let panel: Panel;
  let documents = 0;
  let testStart = 0;
  const noStream = env.name === 'firefox' ? FIREFOX_HAS_NO_STREAM : false;
  const noFallback = env.name === 'firefox' ? FIREFOX_BUILD_HAS_NO_FALLBACK : false;

  const run = <T = unknown>(scenario: string, ...args: unknown[]) =>
    tab.evaluate<T>(`window.scenarios[${JSON.stringify(scenario)}](...${JSON.stringify(args)})`);

  /**
   * The grid rows once `test` holds. Every test runs on a fresh document of the lab page (the panel
   * drops the sockets of the previous one) and opens one socket, so the grid shows that socket only.
   */
  async function rowsOf(url: string, test: (rows: GridRow[]) => boolean, what: string): Promise<GridRow[]> {
    await until(() => socketRows(panel), (rows) => rows.length > 0 && rows.every((r) => r.url === url), `only ${url} listed`);
    return until(async () => {
      // Show the newest rows (scrolling to the bottom also makes the grid follow new rows again).
      await panel.query((doc) => {
        const el = doc.querySelector('[role=grid][aria-label=Messages]')!;
        el.scrollTo(0, el.scrollHeight);
      });
      return gridRows(panel);
    }, test, what);
  }

  /** The panel's events of the socket with this URL opened by the current test. */
  const socketEvents = (url: string, test: (events: FeedEvent[]) => boolean, what: string) => feedOf(panel, url, test, what, testStart);

  before(async () => {
    tab = await env.browser.open(`${server.origin}/hook-lab.html`);
    panel = await tab.panel();
  });
  beforeEach(async () => {
    testStart = Date.now();
    // A fresh document of the lab page in the same tab (the panel stays open).
    await tab.goto(`${server.origin}/hook-lab.html?doc=${++documents}`);
  });

  describe('the page hook captures the whole WebSocket interface', () => {
    it('records the URL, the requested protocols and the negotiated protocol', async () => {
      const seen = await run<{ protocol: string }>('protocols');
      assert.equal(seen.protocol, 'chat.v2');
      const url = ws('/echo?protocols');
      await rowsOf(url, () => true, url);
      await waitForSocket(panel, (s) => s.url === url && s.state === 'open', url);
      const row = (await socketRows(panel)).find((r) => r.url === url);
      assert.match(row!.title, /requested: chat\.v2, chat\.v1/);
      const rows = await rowsOf(url, (r) => r.some((x) => x.kind === 'open'), 'open row');
      assert.match(rows.find((r) => r.kind === 'open')!.text, /Connection opened, protocol chat\.v2/);
    });

    it('records the negotiated extensions', async () => {
      const seen = await run<{ extensions: string }>('extensions', deflate.url);
      assert.match(seen.extensions, /permessage-deflate/);
      const rows = await rowsOf(deflate.url, (r) => r.some((x) => x.kind === 'open'), 'open row');
      assert.match(rows.find((r) => r.kind === 'open')!.text, new RegExp(`extensions ${seen.extensions.replace(/[;=]/g, '.')}`));
    });

    it('follows readyState from connecting through open and closing to closed', async () => {
      assert.deepEqual(await run('lifecycle'), [0, 1, 2, 3]);
      const url = ws('/echo?lifecycle');
      await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'closed socket');
      const events = await socketEvents(url, (e) => e.some((x) => x.kind === 'closed'), 'closed event');
      assert.deepEqual(kinds(events), ['created', 'open', 'close-called', 'closed']);
      const rows = await rowsOf(url, (r) => r.some((x) => x.kind === 'closed'), 'closed row');
      assert.match(rows.find((r) => r.kind === 'close-called')!.text, /close\(1000, "done"\) called/);
    });

    it('records binaryType at creation and each change, but not an invalid value', async () => {
      assert.equal(await run('binaryType'), 'blob');
      const url = ws('/echo?binary-type');
      const events = await socketEvents(url, (e) => e.some((x) => x.kind === 'closed'), 'closed');
      assert.equal(events[0].binaryType, 'blob');
      assert.deepEqual(events.filter((e) => e.kind === 'binary-type').map((e) => e.binaryType), ['arraybuffer', 'blob']);
      const rows = await rowsOf(url, (r) => r.filter((x) => x.kind === 'binary-type').length === 2, 'binary-type rows');
      assert.match(rows.find((r) => r.kind === 'binary-type')!.text, /binaryType set to "arraybuffer"/);
    });

    it('records bufferedAmount at each send', async () => {
      const seen = await run<number[]>('bufferedAmount');
      const url = ws('/silent?buffered');
      const sent = messagesOf(await socketEvents(url, (e) => messagesOf(e).length === 3, 'three sends'));
      assert.deepEqual(sent.map((m) => m.bufferedAmount), seen);
      assert.ok(seen[2] >= 3 * 256 * 1024, `bufferedAmount grows with queued data: ${seen}`);
      await rowsOf(url, (r) => r.filter((x) => x.kind === 'message').length === 3, 'message rows');
      const last = await panel.query((doc) => Math.max(...Array.from(doc.querySelectorAll('[role=row][data-direction=sent]')).map((el) => Number(el.getAttribute('data-index')))));
      await panel.click(`[role=row][data-direction=sent][data-index="${last}"]`);
      await until(() => panel.query((doc) => doc.querySelector('[data-role=detail]')?.textContent ?? ''), (t) => t.includes(`bufferedAmount ${seen[2]}`), `bufferedAmount ${seen[2]} in the detail`);
    });

    it('sends strings, ArrayBuffers, every TypedArray, DataViews and Blobs with their exact bytes, in order', async () => {
      const first = server.received.length;
      const labels = await run<string[]>('sendKinds');
      const url = ws('/silent?kinds');
      const sent = messagesOf(await socketEvents(url, (e) => messagesOf(e, 'sent').length === labels.length, 'all sends'), 'sent');
      await until(async () => server.received.length - first, (n) => n >= labels.length, 'server got all frames');
      const wire = server.received.slice(first).filter((f) => f.path === '/silent').slice(0, labels.length);
      for (let i = 0; i < labels.length; i++) {
        assert.equal(sent[i].opcode, wire[i].binary ? 2 : 1, `${labels[i]}: opcode`);
        assert.deepEqual(bytesOf(sent[i]), [...wire[i].data], `${labels[i]}: bytes`);
      }
      assert.equal(sent[0].data, 'héllo ✓ wörld');
      assert.equal(sent[labels.indexOf('Float64Array')].size, 16);
      assert.equal(sent[labels.indexOf('DataView')].size, 5);
      assert.equal(sent[labels.indexOf('big Blob')].size, 100000);
      const socket = await waitForSocket(panel, (s) => s.url === url && s.messages >= labels.length, 'sends counted');
      assert.equal(socket.messages, labels.length);
      // The grid follows the newest rows: the last ones are in view.
      const rows = await rowsOf(url, (r) => r.filter((x) => x.direction === 'sent').at(-1)?.payload === 'last', 'the last sent row');
      const sentRows = rows.filter((r) => r.direction === 'sent');
      assert.equal(sentRows.at(-1)!.payload, 'last');
      assert.match(sentRows.at(-2)!.payload, /^Binary 100 kB: 07 07 07/);
    });

    it('keeps the bytes a page sent although it changes or detaches its buffer afterwards', async () => {
      assert.equal(await run('sendThenMutate'), 0);
      const sent = messagesOf(await socketEvents(ws('/record?mutate'), (e) => messagesOf(e, 'sent').length === 2, 'two sends'), 'sent');
      assert.deepEqual(sent.map(bytesOf), [[1, 2, 3, 4], [5, 6]]);
    });

    it('records send() before open as send-failed while the page still gets its InvalidStateError', async () => {
      // Each browser's own message: Chromium names the state, Firefox gives its generic one.
      const message = env.name === 'chromium' ? /^InvalidStateError: .*CONNECTING/ : /^InvalidStateError: An attempt was made to use an object that is not, or is no longer, usable$/;
      assert.match(await run<string>('sendBeforeOpen'), message);
      const url = ws('/echo?send-before-open');
      const events = await socketEvents(url, (e) => e.some((x) => x.kind === 'send-failed'), 'send-failed');
      assert.equal(events.find((e) => e.kind === 'send-failed')!.error, 'InvalidStateError');
      assert.equal(messagesOf(events).length, 0);
      const rows = await rowsOf(url, (r) => r.some((x) => x.kind === 'send-failed'), 'send-failed row');
      assert.match(rows.find((r) => r.kind === 'send-failed')!.text, /send\(\) failed: InvalidStateError/);
    });

    it('records send() after close() as send-failed (data discarded) without an exception', async () => {
      assert.equal(await run('sendAfterClose'), 'no exception');
      const events = await socketEvents(ws('/echo?send-after-close'), (e) => e.some((x) => x.kind === 'send-failed'), 'send-failed');
      assert.deepEqual(kinds(events).slice(0, 4), ['created', 'open', 'close-called', 'send-failed']);
      assert.equal(events.find((e) => e.kind === 'send-failed')!.error, 'NotSent');
    });

    it('records close() without code or reason', async () => {
      const info = await run<{ code: number }>('closeWithoutCode');
      assert.equal(info.code, 1005);
      const events = await socketEvents(ws('/echo?close-plain'), (e) => e.some((x) => x.kind === 'closed'), 'closed');
      const called = events.find((e) => e.kind === 'close-called')!;
      assert.equal('code' in called || 'reason' in called, false);
      assert.equal(events.at(-1)!.code, 1005);
    });

    it('records close(code, reason) and the close event with code, reason and wasClean', async () => {
      assert.deepEqual(await run('closeWithCode'), { code: 4321, reason: 'all done', wasClean: true });
      const url = ws('/echo?close-code');
      const socket = await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'closed');
      assert.match(socket.text, /4321 all done/);
      const rows = await rowsOf(url, (r) => r.some((x) => x.kind === 'closed'), 'closed row');
      assert.match(rows.find((r) => r.kind === 'close-called')!.text, /close\(4321, "all done"\) called/);
      assert.match(rows.find((r) => r.kind === 'closed')!.payload, /code 4321, reason "all done"$/);
    });

    it('records a close() that threw, and the page still gets InvalidAccessError and SyntaxError', async () => {
      const thrown = await run<string[]>('closeInvalid');
      assert.match(thrown[0], /^InvalidAccessError: /);
      assert.match(thrown[1], /^SyntaxError: /);
      const url = ws('/echo?close-invalid');
      const rows = await rowsOf(url, (r) => r.some((x) => x.kind === 'closed'), 'closed row');
      const calls = rows.filter((r) => r.kind === 'close-called').map((r) => r.payload);
      assert.match(calls[0], /close\(1005\) called; threw InvalidAccessError/);
      assert.match(calls[1], /close\(3000, "x{124}"\) called; threw SyntaxError/);
      assert.match(calls[2], /close\(3000\) called$/);
    });

    it('records received text and binary under binaryType "blob" and "arraybuffer"', async () => {
      const page_ = await run<string[]>('receive');
      assert.deepEqual(page_, ['text:text one', 'blob:200,201,202', 'text:text two', 'arraybuffer:210,211']);
      const received = messagesOf(await socketEvents(ws('/echo?receive'), (e) => messagesOf(e, 'received').length === 4, 'four received'), 'received');
      assert.deepEqual(received.map((m) => [m.opcode, bytesOf(m)]), [
        [1, [...Buffer.from('text one')]], [2, [200, 201, 202]], [1, [...Buffer.from('text two')]], [2, [210, 211]],
      ]);
      // The grid follows the newest rows: the last echo is in view.
      const rows = await rowsOf(ws('/echo?receive'), (r) => r.filter((x) => x.direction === 'received').at(-1)?.payload === 'Binary 2 B: d2 d3', 'last received row');
      assert.equal(rows.filter((r) => r.direction === 'received').at(-2)!.payload, 'text two');
    });

    it('records the server\'s close code and reason', async () => {
      assert.deepEqual(await run('serverClose'), { code: 4001, reason: 'server says bye', wasClean: true });
      const url = ws('/close?code=4001&reason=server%20says%20bye');
      const socket = await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'closed');
      assert.match(socket.text, /4001 server says bye/);
    });

    it('records the error event and the unclean close of a refused connection', async () => {
      const seen = await run<{ events: string[]; code: number; wasClean: boolean }>('refused');
      assert.deepEqual(seen, { events: ['error'], code: 1006, reason: '', wasClean: false });
      const url = 'ws://127.0.0.1:9/refused';
      const socket = await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'refused socket');
      assert.match(socket.text, /1 error/);
      assert.match(socket.text, /1006 \(unclean\)/);
      const rows = await rowsOf(url, (r) => r.some((x) => x.kind === 'closed'), 'closed row');
      assert.deepEqual(rows.map((r) => r.kind), ['created', 'error', 'closed']);
    });

    it('captures a subclass of WebSocket once per message', async () => {
      assert.deepEqual(await run('subclass'), { echo: 'chat:hi', isChat: true, isWebSocket: true });
      const socket = await waitForSocket(panel, (s) => s.url === ws('/echo?subclass') && s.state === 'closed', 'closed');
      assert.equal(socket.messages, 2);
    });
  });

  describe('WebSocketStream', () => {
    it('captures a WebSocketStream: opened, messages both ways, close, as api "websocketstream"', { skip: noStream }, async () => {
      const seen = await run<{ protocol: string; a: string; b: number[]; closed: unknown }>('stream');
      assert.deepEqual(seen, { protocol: 'stream.v1', a: 'stream text', b: [1, 2, 3, 250], closed: { closeCode: 4002, reason: 'stream done' } });
      const url = ws('/echo?stream');
      const socket = await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'closed stream');
      assert.equal(socket.messages, 4);
      assert.match(socket.text, /4002 stream done/);
      const events = await socketEvents(url, (e) => e.some((x) => x.kind === 'closed'), 'closed');
      assert.equal(events[0].api, 'websocketstream');
      assert.deepEqual(events[0].protocols, ['stream.v1']);
      const payloads = [[...Buffer.from('stream text')], [1, 2, 3, 250]];
      assert.deepEqual(messagesOf(events, 'sent').map(bytesOf), payloads);
      assert.deepEqual(messagesOf(events, 'received').map(bytesOf), payloads);
      assert.deepEqual(messagesOf(events).map((m) => m.opcode).sort(), [1, 1, 2, 2]);
      const rows = await rowsOf(url, (r) => r.some((x) => x.kind === 'closed'), 'closed row');
      assert.match(rows.find((r) => r.kind === 'open')!.text, /protocol stream\.v1/);
      assert.match(rows.find((r) => r.kind === 'close-called')!.text, /close\(4002, "stream done"\) called/);
    });

    it('captures a refused WebSocketStream as an error and an unclean close', { skip: noStream }, async () => {
      assert.deepEqual(await run('streamRefused'), { opened: 'WebSocketError', closed: 'WebSocketError' });
      const url = 'ws://127.0.0.1:9/stream-refused';
      const socket = await waitForSocket(panel, (s) => s.url === url && s.state === 'closed', 'refused stream');
      assert.match(socket.text, /1006 \(unclean\)/);
      const events = await socketEvents(url, (e) => e.some((x) => x.kind === 'closed'), 'closed');
      assert.deepEqual(kinds(events), ['created', 'error', 'closed']);
    });

    it('captures WebSocketStream messages a page reads with for await', { skip: noStream }, async () => {
      assert.deepEqual(await run('streamIterate'), ['n0', 'n1', 'n2', 'n3', 'n4']);
      const url = ws('/echo?stream-iterate');
      const socket = await waitForSocket(panel, (s) => s.url === url && s.state === 'closed' && s.messages === 10, 'ten messages');
      assert.equal(socket.messages, 10);
    });
  });

  describe('which frame opened a socket', () => {
    const frameOf = async (url: string) => {
      await rowsOf(url, () => true, url);
      await waitForSocket(panel, (s) => s.url === url && s.messages >= 2, `${url} with its echo`);
      const [created] = await socketEvents(url, () => true, 'created');
      const row = (await socketRows(panel)).find((r) => r.url === url)!;
      return { created, row };
    };

    it('marks a socket of the main frame with the page URL', async () => {
      await run('lifecycle');
      const [created] = await socketEvents(ws('/echo?lifecycle'), () => true, 'created');
      assert.equal(created.frameId, 0);
      assert.equal(created.frameUrl, tab.url());
      // The panel drops the previous document's rows when this document's first events arrive.
      const rows = await until(() => socketRows(panel), (r) => r.length === 1 && r[0].url === ws('/echo?lifecycle'), 'this document\'s row only');
      assert.ok(rows[0].title.includes(`frame: ${tab.url()}`), rows[0].title);
      assert.doesNotMatch(rows[0].text, / · frame /);
    });

    it('captures a socket of a same-origin iframe, with its frame', async () => {
      const src = await run<string>('sameOriginFrame');
      const { created, row } = await frameOf(ws('/echo?same-origin-frame'));
      assert.notEqual(created.frameId, 0);
      assert.equal(created.frameUrl, `${server.origin}${src}`);
      assert.match(row.text, new RegExp(` · frame 127\\.0\\.0\\.1:${server.port}`));
    });

    it('captures a socket of a cross-origin iframe, with its frame', async () => {
      const crossOrigin = `http://localhost:${server.port}`;
      await run('crossOriginFrame', crossOrigin);
      const { created, row } = await frameOf(ws('/echo?cross-origin-frame'));
      assert.notEqual(created.frameId, 0);
      assert.ok((created.frameUrl as string).startsWith(`${crossOrigin}/frame-child.html`), created.frameUrl as string);
      assert.match(row.text, new RegExp(` · frame localhost:${server.port}`));
    });

    // Firefox reports the navigation after the page loaded: the frame's word for its page's start keeps its socket.
    it('captures a socket made by a script inside an about:blank iframe', async () => {
      assert.equal(await run('aboutBlankFrame'), 'about-blank:from about:blank');
      const { created, row } = await frameOf(ws('/echo?about-blank-frame'));
      assert.equal(created.frameUrl, 'about:blank');
      assert.notEqual(created.frameId, 0);
      assert.match(row.title, /frame: about:blank/);
    });

    it('captures a socket made by a script inside a srcdoc iframe', async () => {
      assert.equal(await run('srcdocFrame'), 'srcdoc:from srcdoc');
      const { created } = await frameOf(ws('/echo?srcdoc-frame'));
      assert.equal(created.frameUrl, 'about:srcdoc');
      assert.notEqual(created.frameId, 0);
    });

    it('captures a socket made by a script inside a sandboxed (opaque-origin) iframe', { skip: noFallback }, async () => {
      assert.equal(await run('sandboxedFrame'), 'sandboxed:from a sandboxed frame');
      const { created } = await frameOf(ws('/echo?sandboxed-frame'));
      assert.equal(created.frameUrl, 'about:srcdoc');
      assert.notEqual(created.frameId, 0);
    });

    it('captures a socket made with iframe.contentWindow.WebSocket of a fresh same-origin iframe', async () => {
      assert.deepEqual(await run('borrowedConstructor'), { echo: 'through a borrowed constructor', sameAsParent: false });
      const { created } = await frameOf(ws('/echo?borrowed-constructor'));
      assert.equal(created.frameUrl, 'about:blank');
      const events = await socketEvents(ws('/echo?borrowed-constructor'), (e) => messagesOf(e).length === 2, 'echo');
      assert.deepEqual(kinds(events), ['created', 'open', 'message', 'message']);
    });

    it('adopts a socket made with a constructor taken before the hook reached its frame, from its handler on', async () => {
      // The server speaks first: the page never calls send(), so only the handler setter can adopt it.
      assert.equal(await run('constructorBeforeHook', deflate.greet), 'welcome');
      const events = await socketEvents(deflate.greet, (e) => messagesOf(e).length === 1, 'the greeting');
      assert.deepEqual(kinds(events), ['created', 'open', 'message']);
      assert.deepEqual(messagesOf(events).map((m) => [m.dir, m.data]), [['received', 'welcome']]);
      assert.equal(events[0].frameUrl, 'about:srcdoc');
    });
  });
});
