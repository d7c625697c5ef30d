import { describe, expect, it } from 'vitest';
import { newSocketRecord, withLoggedHandshake, type SocketRecord } from '../../core/session';
import { handshakeView } from './handshake-view';

const T = 1_800_000_000_000;
const socket = (extra: Partial<SocketRecord> = {}): SocketRecord => ({
  ...newSocketRecord('d', 0, { kind: 'created', seq: 1, socket: 1, time: T, url: 'ws://h/s', protocols: [], binaryType: 'blob', frameUrl: 'http://h/', api: 'websocket' }),
  ...extra,
});
const general = (s: SocketRecord) => Object.fromEntries(handshakeView(s).general);

describe('handshakeView', () => {
  it('shows the status line of the response, and a refusing one as failed', () => {
    const ok = socket({ openedAt: T + 9, handshake: { request: { time: T + 1, url: 'ws://h/s', method: 'GET', headers: [] }, response: { time: T + 8, status: 101, statusLine: 'HTTP/1.1 101 Switching Protocols', headers: [] } } });
    expect(general(ok)['Status Code']).toBe('101 Switching Protocols');
    expect(handshakeView(ok).failed).toBeUndefined();
    expect(handshakeView(ok).timing).toEqual([['Request sent', '+1.0 ms'], ['Response', '+8.0 ms'], ['Open', '+9.0 ms']]);
    const denied = socket({ state: 'closed', handshake: { response: { time: T + 3, status: 403, statusLine: 'HTTP/1.1 403 Forbidden', headers: [] } } });
    expect([general(denied)['Status Code'], handshakeView(denied).failed]).toEqual(['403 Forbidden', '403 Forbidden']);
  });

  it('names a network error, and a socket that closed unopened without any report as failed', () => {
    expect(general(socket({ state: 'closed', handshake: { failed: { time: T + 2, error: 'net::ERR_FAILED' } } }))['Status Code']).toBe('(failed) net::ERR_FAILED');
    expect(general(socket({ state: 'closed' }))['Status Code']).toBe('(failed)');
    expect(general(socket())['Status Code']).toBe('(pending)');
  });

  it('says when the request headers miss what the browser adds below extensions', () => {
    const seen = socket({ handshake: { request: { time: T, url: 'ws://h/s', method: 'GET', headers: [{ name: 'Origin', value: 'http://h' }] } } });
    expect(handshakeView(seen).unseenRequestHeaders).toBe(true);
    const logged = withLoggedHandshake(seen.handshake, { request: { time: T + 5, url: 'ws://h/s', method: 'GET', headers: [{ name: 'Sec-WebSocket-Key', value: 'k' }] } });
    expect(handshakeView(socket({ handshake: logged })).unseenRequestHeaders).toBeUndefined();
  });
});

describe('withLoggedHandshake', () => {
  it('takes DevTools\' fuller request headers and a response the network did not report, keeping what it did', () => {
    const seen = { request: { time: T + 1, url: 'ws://h/s', method: 'GET', headers: [{ name: 'Origin', value: 'o' }] }, failed: { time: T + 4, error: 'net::ERR_FAILED' } };
    const logged = {
      request: { time: T, url: 'ws://h/s', method: 'GET', headers: [{ name: 'Origin', value: 'o' }, { name: 'Sec-WebSocket-Key', value: 'k' }] },
      response: { time: T + 3, status: 101, statusLine: 'HTTP/1.1 101 Switching Protocols', headers: [] },
    };
    expect(withLoggedHandshake(seen, logged)).toEqual({ request: { ...logged.request, time: T + 1 }, response: logged.response, failed: seen.failed });
    const full = withLoggedHandshake(undefined, logged);
    expect(withLoggedHandshake(full, { request: { ...logged.request, headers: [{ name: 'Sec-WebSocket-Key', value: 'other' }] } }).request?.headers[1].value).toBe('k');
  });
});
