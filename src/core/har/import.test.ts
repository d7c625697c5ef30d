import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '../model';
import { importHar } from './import';

const chromeHar = readFileSync(new URL('./fixtures/chrome-websocket.har', import.meta.url), 'utf8');
const T = Date.parse('2026-11-24T08:30:00.000Z');

function ok(text: string, opts?: Parameters<typeof importHar>[1]) {
  const r = importHar(text, opts);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r;
}
const error = (text: string, opts?: Parameters<typeof importHar>[1]) => {
  const r = importHar(text, opts);
  return r.ok ? 'ok' : r.error;
};

function har(entries: unknown[]): string {
  return JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } });
}
const wsEntry = (messages: unknown, extra: Record<string, unknown> = {}) => ({
  startedDateTime: '2026-11-24T08:30:00.000Z',
  time: 10,
  request: { method: 'GET', url: 'wss://x.example/s', headers: [] },
  response: { status: 101, headers: [] },
  timings: { send: 0, wait: 4, receive: 6 },
  _resourceType: 'websocket',
  _webSocketMessages: messages,
  ...extra,
});

describe('importHar with a Chrome DevTools file', () => {
  const { snapshot, warnings } = ok(chromeHar, { label: 'chat.har', docPrefix: 'hx' });
  const [s] = snapshot.sockets;
  const messages = snapshot.events.map((e) => e.event).filter((e) => e.kind === 'message');

  it('keeps the websocket entry and ignores the XHR', () => {
    expect(warnings).toEqual([]);
    expect(snapshot.sockets).toHaveLength(1);
    expect(s.url).toBe('ws://127.0.0.1:8080/chat?room=a&user=b%20c');
    expect(s.key).toBe('hx:har:1');
    expect(s.doc).toBe('hx:har');
    expect(s.imported).toBe('chat.har');
  });

  it('reads the handshake', () => {
    expect(s.protocols).toEqual(['chat.v2', 'chat.v1']);
    expect(s.protocol).toBe('chat.v2');
    expect(s.extensions).toBe('permessage-deflate; client_max_window_bits=15');
    expect(s.frameUrl).toBe('http://127.0.0.1:8080/chat.html');
    expect(s.createdAt).toBe(T);
    expect(s.openedAt).toBe(T + 3);
    expect(s.state).toBe('closed');
    expect(s.close).toEqual({ code: 1005, reason: '', wasClean: false });
    expect(s.closedAt).toBe(T + 2000);
  });

  it('keeps the request and response headers it recorded, for the Headers view', () => {
    expect(s.handshake?.request?.headers.slice(0, 2)).toEqual([
      { name: 'Host', value: '127.0.0.1:8080' },
      { name: 'Upgrade', value: 'websocket' },
    ]);
    expect(s.handshake?.request?.method).toBe('GET');
    expect(s.handshake?.response).toMatchObject({ status: 101, statusLine: 'HTTP/1.1 101 Switching Protocols' });
    expect(s.handshake?.response?.headers).toContainEqual({ name: 'Sec-WebSocket-Accept', value: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' });
  });

  it('reads every message with direction, time in ms and byte size', () => {
    expect(messages.map((m) => [m.dir, m.time - T, m.opcode, m.size, m.data])).toEqual([
      ['sent', 250, 1, 18, '{"hello":"wörld"}'],
      ['received', 500, 1, 7, 'welcome'],
      ['received', 1125, 2, 5, new Uint8Array([0, 1, 2, 3, 255])],
      ['sent', 2000, 2, 4, new Uint8Array([0xde, 0xad, 0xbe, 0xef])],
    ]);
    expect(s.sent).toEqual({ count: 2, bytes: 22 });
    expect(s.received).toEqual({ count: 2, bytes: 12 });
  });

  it('synthesizes created, open and closed events numbered in order', () => {
    expect(snapshot.events.map((e) => `${e.event.seq}:${e.event.kind}`)).toEqual([
      '1:created', '2:open', '3:message', '4:message', '5:message', '6:message', '7:closed',
    ]);
    expect(snapshot.events.every((e) => e.socketKey === s.key && e.event.socket === 1)).toBe(true);
  });

  it('gives each import its own keys', () => {
    const first = ok(chromeHar).snapshot.sockets[0].key;
    const second = ok(chromeHar).snapshot.sockets[0].key;
    expect(first).toMatch(/^har\d+:har:1$/);
    expect(second).not.toBe(first);
    expect(ok(chromeHar, { docPrefix: 'a:b' }).snapshot.sockets[0].doc).toBe('a_b:har');
  });
});

describe('importHar with odd entries', () => {
  it('skips malformed messages with a warning and keeps the rest', () => {
    const r = ok(har([wsEntry([
      { type: 'send', time: 1795509000.5, opcode: 1, data: 'kept' },
      { type: 'send', opcode: 1, data: 'no time' },
      { type: 'send', time: 1795509000.5, data: 'no opcode' },
      { type: 'receive', time: 1795509000.5, opcode: 1 },
      { type: 'ping', time: 1795509000.5, opcode: 1, data: 'bad type' },
      { type: 'receive', time: '1795509000', opcode: 1, data: 'string time' },
      { type: 'receive', time: 1795509000.5, opcode: 9, data: 'bad opcode' },
      { type: 'receive', time: 1795509000.5, opcode: 2, data: 'not base64!' },
      null,
      'text',
      { type: 'receive', time: 1795509000.75, opcode: 2, data: '' },
    ])]));
    expect(r.warnings).toEqual(['wss://x.example/s: skipped 9 message(s) with a missing or invalid type, time, opcode or data']);
    const messages = r.snapshot.events.map((e) => e.event).filter((e) => e.kind === 'message');
    expect(messages.map((m) => [m.data, m.size, m.time])).toEqual([
      ['kept', 4, 1795509000500],
      [new Uint8Array(0), 0, 1795509000750],
    ]);
  });

  it('skips messages at times no Date can hold, and keeps a far-future duration off the close time', () => {
    const r = ok(har([wsEntry([
      { type: 'send', time: 1795509000.5, opcode: 1, data: 'kept' },
      { type: 'receive', time: 1e16, opcode: 1, data: '1e16 s' },
      { type: 'receive', time: 1e300, opcode: 1, data: '1e300 s' },
      { type: 'receive', time: -5, opcode: 1, data: 'before 1970' },
    ], { time: 1e300, timings: { wait: 1e300 } })]));
    expect(r.warnings).toEqual(['wss://x.example/s: skipped 3 message(s) with a missing or invalid type, time, opcode or data']);
    expect(r.snapshot.events.every((e) => e.event.time >= T && e.event.time <= 1795509000500)).toBe(true);
  });

  it("turns Chrome's error frames into error events", () => {
    const r = ok(har([wsEntry([{ type: 'error', time: 1795509001, opcode: -1, data: 'net::ERR_CONNECTION_RESET' }])]));
    expect(r.snapshot.sockets[0].errors).toBe(1);
    expect(r.snapshot.events.map((e) => e.event.kind)).toEqual(['created', 'open', 'error', 'closed']);
  });

  it('closes a socket whose handshake failed with 1006 and no open', () => {
    const r = ok(har([wsEntry(undefined, { response: { status: 0 }, time: 25.5 })]));
    const [s] = r.snapshot.sockets;
    expect(s.openedAt).toBeUndefined();
    expect(s.close).toEqual({ code: 1006, reason: '', wasClean: false });
    expect(s.closedAt).toBe(T + 25.5);
  });

  it('recognizes websocket entries by URL or by messages, without _resourceType', () => {
    const byUrl = wsEntry(undefined, { _resourceType: undefined });
    const byMessages = wsEntry([], { _resourceType: 'other', request: { url: 'https://x.example/' } });
    const r = ok(har([byUrl, byMessages]));
    expect(r.snapshot.sockets.map((s) => [s.url, s.socket])).toEqual([
      ['wss://x.example/s', 1],
      ['https://x.example/', 2],
    ]);
  });

  it('warns about a message list that is not a list and about an entry without URL', () => {
    const r = ok(har([wsEntry({ not: 'a list' }), wsEntry([], { request: {} })]));
    expect(r.warnings).toEqual([
      'wss://x.example/s: skipped 1 message(s) with a missing or invalid type, time, opcode or data',
      'Entry 2: skipped: no request URL',
    ]);
    expect(r.snapshot.sockets).toHaveLength(1);
  });

  it('falls back to the standard fields when the Sockets extras are broken', () => {
    const r = ok(har([wsEntry([], { _sockets: { doc: 5 }, _socketsEvents: 'x' })]));
    expect(r.warnings).toEqual(['wss://x.example/s: unreadable Sockets details; imported from the standard HAR fields']);
    expect(r.snapshot.sockets[0].close?.code).toBe(1005);
  });

  it('uses the first message time when startedDateTime is unreadable', () => {
    const r = ok(har([wsEntry([{ type: 'send', time: 1795509004, opcode: 1, data: 'a' }], { startedDateTime: 'soon' })]));
    expect(r.snapshot.sockets[0].createdAt).toBe(T + 4000);
    expect(r.warnings).toEqual(['wss://x.example/s: no valid startedDateTime; using the first message time']);
  });
});

describe('importHar refuses what it cannot read, without throwing', () => {
  it.each([
    ['not JSON', '{"log":', 'This file is not valid JSON'],
    ['empty', '', 'This file is not valid JSON'],
    ['null', 'null', 'This is not a HAR file (it has no log.entries list)'],
    ['an array', '[]', 'This is not a HAR file (it has no log.entries list)'],
    ['{}', '{}', 'This is not a HAR file (it has no log.entries list)'],
    ['{log:{}}', '{"log":{}}', 'This is not a HAR file (it has no log.entries list)'],
    ['entries not an array', '{"log":{"entries":{"0":{}}}}', 'This is not a HAR file (it has no log.entries list)'],
    ['no entries', '{"log":{"entries":[]}}', 'This HAR file has no WebSocket entries'],
    ['only HTTP', har([{ request: { url: 'https://x/' }, _resourceType: 'xhr' }, 3, null]), 'This HAR file has no WebSocket entries'],
    ['only unreadable sockets', har([{ _resourceType: 'websocket' }]), 'None of the 1 WebSocket entries could be read'],
  ])('%s', (_, text, message) => {
    expect(error(text)).toBe(message);
  });

  it('refuses a file over the limit, counting UTF-8 bytes', () => {
    expect(error('{"log":{"entries":[]}}', { maxBytes: 10 })).toBe('This file is larger than the 10 B import limit');
    expect(error(`"${'é'.repeat(6)}"`, { maxBytes: 13 })).toBe('This file is larger than the 13 B import limit');
    expect(error(`"${'é'.repeat(5)}"`, { maxBytes: 12 })).toBe('This is not a HAR file (it has no log.entries list)');
  });

  it('handles a 50 MiB file: refused under a 20 MiB limit, read under the default', () => {
    const payload = 'a'.repeat(50 * 1024 * 1024);
    const text = har([wsEntry([{ type: 'receive', time: 1795509001, opcode: 1, data: payload }])]);
    expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
    expect(error(text, { maxBytes: 20 * 1024 * 1024 })).toBe('This file is larger than the 21.0 MB import limit');
    const r = ok(text);
    expect(r.snapshot.sockets[0].received).toEqual({ count: 1, bytes: 50 * 1024 * 1024 });
  });

  it('survives deeply nested JSON and input that is not a string', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(error(deep)).toBe('This is not a HAR file (it has no log.entries list)');
    expect(error(undefined as unknown as string)).toBe('Nothing to import');
  });

  it('survives values of the wrong type everywhere', () => {
    const weird = har([
      { _resourceType: 'websocket', request: { url: 'ws://a/', headers: 'no' }, response: 'no', timings: 5, time: 'x', startedDateTime: 5 },
    ]);
    const r = ok(weird);
    const kinds = r.snapshot.events.map((e) => (e.event as CaptureEvent).kind);
    expect(kinds).toEqual(['created', 'closed']);
    expect(r.snapshot.sockets[0].createdAt).toBe(0);
  });
});
