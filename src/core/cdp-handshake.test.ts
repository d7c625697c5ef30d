import { describe, expect, it } from 'vitest';
import { CdpHandshakes } from './cdp-handshake';

const WALL = 1_800_000_000; // s
const TS = 5000; // s, monotonic

describe('CdpHandshakes', () => {
  it('gives the request with its wall-clock time and URL, the response on that clock, and the request again with the headers that left', () => {
    const h = new CdpHandshakes(() => 0);
    expect(h.event('Network.webSocketCreated', { requestId: 'r1', url: 'ws://h/a' })).toEqual([]);
    expect(h.event('Network.webSocketWillSendHandshakeRequest', { requestId: 'r1', timestamp: TS, wallTime: WALL, request: { headers: { Origin: 'http://h' } } })).toEqual([
      { requestId: 'r1', time: WALL * 1000, url: 'ws://h/a', phase: 'request', method: 'GET', headers: [{ name: 'Origin', value: 'http://h' }] },
    ]);
    const facts = h.event('Network.webSocketHandshakeResponseReceived', {
      requestId: 'r1',
      timestamp: TS + 0.25,
      response: {
        status: 101,
        statusText: 'Switching Protocols',
        headers: { Upgrade: 'websocket', 'Set-Cookie': 'a=1\nb=2' },
        headersText: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n',
        requestHeaders: { Origin: 'http://h', Cookie: 'sid=1' },
        requestHeadersText: 'GET /a HTTP/1.1\r\nOrigin: http://h\r\n\r\n',
      },
    });
    expect(facts).toEqual([
      { requestId: 'r1', time: WALL * 1000, url: 'ws://h/a', phase: 'request', method: 'GET', headers: [{ name: 'Origin', value: 'http://h' }, { name: 'Cookie', value: 'sid=1' }] },
      { requestId: 'r1', time: WALL * 1000 + 250, url: 'ws://h/a', phase: 'response', status: 101, statusLine: 'HTTP/1.1 101 Switching Protocols', headers: [{ name: 'Upgrade', value: 'websocket' }, { name: 'Set-Cookie', value: 'a=1' }, { name: 'Set-Cookie', value: 'b=2' }] },
    ]);
    // A frame error after the response is no failed handshake.
    expect(h.event('Network.webSocketFrameError', { requestId: 'r1', timestamp: TS + 1, errorMessage: 'x' })).toEqual([]);
  });

  it('says a handshake failed when an error comes before any response; writes a status line when the response has no raw text', () => {
    const h = new CdpHandshakes(() => 42);
    h.event('Network.webSocketCreated', { requestId: 'r2', url: 'ws://h/denied' });
    expect(h.event('Network.webSocketFrameError', { requestId: 'r2', timestamp: TS, errorMessage: 'Unexpected response code: 403' })).toEqual([
      { requestId: 'r2', time: 42, url: 'ws://h/denied', phase: 'failed', error: 'Unexpected response code: 403' },
    ]);
    h.event('Network.webSocketCreated', { requestId: 'r3', url: 'ws://h/b' });
    expect(h.event('Network.webSocketHandshakeResponseReceived', { requestId: 'r3', timestamp: TS, response: { status: 101, statusText: 'Switching Protocols', headers: {} } })).toEqual([
      { requestId: 'r3', time: 42, url: 'ws://h/b', phase: 'response', status: 101, statusLine: 'HTTP/1.1 101 Switching Protocols', headers: [] },
    ]);
  });

  it('gives nothing for a request whose URL it never heard (it started after the socket), nor for other events', () => {
    const h = new CdpHandshakes();
    expect(h.event('Network.webSocketWillSendHandshakeRequest', { requestId: 'x', timestamp: TS, wallTime: WALL, request: { headers: {} } })).toEqual([]);
    expect(h.event('Network.webSocketHandshakeResponseReceived', { requestId: 'x', timestamp: TS, response: { status: 101 } })).toEqual([]);
    expect(h.event('Network.requestWillBeSent', { requestId: 'y' })).toEqual([]);
    expect(h.event('Network.webSocketCreated', { url: 'ws://h/a' })).toEqual([]);
  });
});
