import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { exportHar, harFileName } from './export';
import { liveSnapshot, T0 } from './fixtures/snapshot';
import { harSchema } from './schema';

describe('exportHar', () => {
  const har = exportHar(liveSnapshot(), { creatorVersion: '1.2.3' });
  const [a, dead, b] = har.log.entries;

  it('writes one websocket entry per socket and names its creator', () => {
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'Sockets', version: '1.2.3' });
    expect(har.log.pages).toEqual([]);
    expect(har.log.entries.map((e) => e.request.url)).toEqual([
      'wss://echo.example:8443/live?room=a&x=1+2',
      'ws://127.0.0.1:9/nope',
      'wss://feed.example/stream',
    ]);
    expect(har.log.entries.every((e) => e._resourceType === 'websocket')).toBe(true);
  });

  it('writes the handshake request the network sent, its cookies included; none made up where it was not seen', () => {
    expect(a.request).toEqual({
      method: 'GET',
      url: 'wss://echo.example:8443/live?room=a&x=1+2',
      httpVersion: 'HTTP/1.1',
      cookies: [
        { name: 'sid', value: 'abc' },
        { name: 'theme', value: 'dark' },
      ],
      headers: [
        { name: 'Upgrade', value: 'websocket' },
        { name: 'Origin', value: 'http://127.0.0.1:8080' },
        { name: 'Cookie', value: 'sid=abc; theme=dark' },
        { name: 'Sec-WebSocket-Protocol', value: 'v2.chat, v1.chat' },
      ],
      queryString: [
        { name: 'room', value: 'a' },
        { name: 'x', value: '1 2' },
      ],
      headersSize: -1,
      bodySize: 0,
    });
    expect(dead.request.headers).toEqual([]);
    expect(b.request.headers).toEqual([]);
  });

  it('writes the response as received (status line, headers, set cookies); else 101 for sockets that opened and 0 for those that never did', () => {
    expect(a.response).toMatchObject({ status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1' });
    expect(a.response.headers).toContainEqual({ name: 'Sec-WebSocket-Protocol', value: 'v2.chat' });
    expect(a.response.cookies).toEqual([
      { name: 'seen', value: '1', path: '/', httpOnly: true },
      { name: 'last', value: 'a%20b', secure: true },
    ]);
    expect(b.response).toMatchObject({ status: 101, statusText: 'Switching Protocols', headers: [] });
    expect(dead.response).toMatchObject({ status: 0, statusText: '', headers: [], bodySize: -1, redirectURL: '' });
    expect(dead.response.content).toEqual({ size: 0, mimeType: 'x-unknown' });
  });

  it('keeps the handshake and the initiator in its extras, not among the lifecycle events', () => {
    expect(a._sockets.initiator?.[0]).toEqual({ functionName: 'connect', url: 'http://127.0.0.1:8080/app.js', line: 12, column: 5 });
    expect(a._sockets.handshake?.response?.statusLine).toBe('HTTP/1.1 101 Switching Protocols');
    expect(dead._sockets.handshake).toEqual({ failed: { time: T0 + 39, error: 'net::ERR_CONNECTION_REFUSED' } });
    expect(a._socketsEvents.map((e) => e.kind)).not.toContain('initiator');
  });

  it('times the entry from creation to close, or to the last event', () => {
    expect(a.startedDateTime).toBe('2026-11-24T08:30:00.000Z');
    expect(a.time).toBe(61.5);
    expect(a.timings).toEqual({ send: 0, wait: 12.375, receive: 61.5 - 12.375 });
    expect(dead.time).toBeCloseTo(19.5, 9);
    expect(dead.timings.wait).toBe(0);
    expect(b.time).toBe(63);
  });

  it("writes messages in Chrome's shape with our extras", () => {
    expect(a._webSocketMessages).toEqual([
      { type: 'send', time: (T0 + 20.1) / 1000, opcode: 1, data: '{"a":"héé"}', _seq: 3, _size: 13, _bufferedAmount: 0 },
      { type: 'receive', time: (T0 + 30.0625) / 1000, opcode: 2, data: 'AAECA/8=', _seq: 5, _size: 5 },
      { type: 'receive', time: (T0 + 50.7) / 1000, opcode: 1, data: 'xxxxxxxxxx', _seq: 8, _size: 100000, _truncated: true },
      { type: 'send', time: (T0 + 51) / 1000, opcode: 1, data: 'ping', _seq: 9, _size: 4, _origin: 'devtools' },
      { type: 'receive', time: (T0 + 52) / 1000, opcode: 1, data: 'pong', _seq: 10, _size: 4, _origin: 'simulated' },
    ]);
    expect(a._webSocketMessages[0].time).toBeCloseTo(1795509000.02035, 6);
  });

  it('keeps every non-message event and the record in the extras', () => {
    expect(a._socketsEvents.map((e) => `${e.seq}:${e.kind}`)).toEqual(['1:created', '2:open', '11:close-called', '12:closed']);
    expect(b._socketsEvents.map((e) => e.kind)).toEqual(['created', 'open', 'binary-type', 'send-failed', 'close-called', 'close-called']);
    expect(b._socketsEvents[4]).toEqual({ kind: 'close-called', seq: 6, socket: 7, time: T0 + 150, code: 1, error: 'InvalidAccessError' });
    expect(a._sockets).toMatchObject({
      doc: 'doc-a', frameId: 0, socket: 1, api: 'websocket', state: 'closed', openedAt: T0 + 12.375,
      close: { code: 1000, reason: 'bye', wasClean: true }, closeCalled: { code: 1000, reason: 'bye' },
      sent: { count: 2, bytes: 17 }, received: { count: 3, bytes: 100009 }, errors: 0,
    });
    expect(dead._sockets).toMatchObject({ api: 'websocketstream', errors: 1, state: 'closed', binaryType: 'arraybuffer' });
    expect(b._sockets).toMatchObject({ doc: 'doc-b', frameId: 3, state: 'closing', binaryType: 'arraybuffer', closeCalled: {} });
  });

  it("puts a document's dropped events on its first socket only", () => {
    expect(b._sockets.dropped).toEqual([{ seq: 1, time: T0 + 5, count: 42 }]);
    expect('dropped' in a._sockets).toBe(false);
  });

  it('adds one page when given a title', () => {
    const paged = exportHar(liveSnapshot(), { pageTitle: 'http://127.0.0.1:8080/app.html' });
    expect(paged.log.pages).toEqual([
      { startedDateTime: '2026-11-24T08:30:00.000Z', id: 'page_1', title: 'http://127.0.0.1:8080/app.html', pageTimings: {} },
    ]);
    expect(paged.log.entries.map((e) => e.pageref)).toEqual(['page_1', 'page_1', 'page_1']);
    expect(paged.log.creator.version).toBe('dev');
  });

  it('writes each pair’s latency and the other message’s seq on both messages, still valid HAR', () => {
    const snapshot = liveSnapshot();
    const messages = snapshot.events.filter((r) => r.socketKey === snapshot.sockets[0].key && r.event.kind === 'message');
    const [request, response] = messages;
    const paired = exportHar(snapshot, {
      pairOf: (row) => (row === request ? { seq: response.event.seq, latency: 42 } : row === response ? { seq: request.event.seq, latency: 42 } : undefined),
    });
    const [first, second, ...rest] = paired.log.entries[0]._webSocketMessages;
    expect(first).toMatchObject({ _seq: request.event.seq, _pair: response.event.seq, _latency: 42 });
    expect(second).toMatchObject({ _seq: response.event.seq, _pair: request.event.seq, _latency: 42 });
    expect(rest.every((m) => m._pair === undefined && m._latency === undefined)).toBe(true);
    expect(new Ajv().compile(harSchema)(JSON.parse(JSON.stringify(paired)))).toBe(true);
  });

  it('exports an empty session as a valid empty log', () => {
    expect(exportHar({ sockets: [], events: [] }, { pageTitle: 'x' }).log).toMatchObject({ pages: [], entries: [] });
  });
});

describe('HAR schema', () => {
  const validate = new Ajv({ allErrors: true }).compile(harSchema);

  it('accepts the export, with and without a page', () => {
    expect(validate(exportHar(liveSnapshot())), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(JSON.stringify(exportHar(liveSnapshot(), { pageTitle: 'p' }))))).toBe(true);
  });

  it('rejects what HAR 1.2 forbids', () => {
    const broken = JSON.parse(JSON.stringify(exportHar(liveSnapshot())));
    broken.log.entries[0].timings.wait = -1;
    delete broken.log.entries[1].request;
    broken.log.entries[2]._webSocketMessages[0].opcode = 9;
    broken.log.entries[2].startedDateTime = 'yesterday';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual([
      '/log/entries/0/timings/wait',
      '/log/entries/1',
      '/log/entries/2/_webSocketMessages/0/opcode',
      '/log/entries/2/startedDateTime',
    ]);
  });
});

describe('harFileName', () => {
  const now = new Date('2026-11-24T08:30:00.456Z');

  it("names the file after the first socket's page host and the time", () => {
    expect(harFileName(liveSnapshot(), now)).toBe('sockets-127.0.0.1_8080-2026-11-24T08-30-00.har');
  });

  it('falls back to the socket host, then to no host', () => {
    const snap = liveSnapshot();
    snap.sockets[0].frameUrl = 'about:blank';
    expect(harFileName(snap, now)).toBe('sockets-echo.example_8443-2026-11-24T08-30-00.har');
    snap.sockets[0].url = 'not a url';
    expect(harFileName(snap, now)).toBe('sockets-2026-11-24T08-30-00.har');
    expect(harFileName({ sockets: [], events: [] }, now)).toBe('sockets-2026-11-24T08-30-00.har');
  });

  it('keeps IPv6 hosts file-safe', () => {
    const snap = liveSnapshot();
    snap.sockets[0].frameUrl = 'http://[::1]:3000/';
    expect(harFileName(snap, now)).toBe('sockets-1_3000-2026-11-24T08-30-00.har');
  });
});
