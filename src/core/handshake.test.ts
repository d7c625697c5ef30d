import { describe, expect, it } from 'vitest';
import { HandshakeMatcher, readHandshakeFact, type HandshakeFact } from './handshake';

const T = 1_800_000_000_000;
const request = (requestId: string, url: string, time: number): HandshakeFact => ({ requestId, url, time, phase: 'request', method: 'GET', headers: [{ name: 'Origin', value: 'http://a' }] });
const response = (requestId: string, url: string, time: number, status = 101): HandshakeFact => ({ requestId, url, time, phase: 'response', status, statusLine: `HTTP/1.1 ${status}`, headers: [] });
const sockets = (m: { socket: number; fact: HandshakeFact }[]) => m.map((x) => [x.socket, x.fact.requestId, x.fact.phase]);

describe('HandshakeMatcher', () => {
  it('gives each request to the oldest socket of its URL still without one, in creation order', () => {
    const m = new HandshakeMatcher(T);
    expect(m.created(1, 'ws://h/a', T + 1)).toEqual([]);
    expect(m.created(2, 'ws://h/b', T + 2)).toEqual([]);
    expect(m.created(3, 'ws://h/a', T + 3)).toEqual([]);
    expect(sockets(m.fact(request('r1', 'ws://h/a', T + 4)))).toEqual([[1, 'r1', 'request']]);
    expect(sockets(m.fact(request('r2', 'ws://h/a', T + 5)))).toEqual([[3, 'r2', 'request']]);
    expect(sockets(m.fact(response('r1', 'ws://h/a', T + 6)))).toEqual([[1, 'r1', 'response']]);
    expect(sockets(m.fact(request('r3', 'ws://h/b', T + 7)))).toEqual([[2, 'r3', 'request']]);
  });

  it('keeps facts that come before their socket and hands them over, in order, when it is created', () => {
    const m = new HandshakeMatcher(T);
    expect(m.fact(request('r1', 'ws://h/a', T + 1))).toEqual([]);
    expect(m.fact(response('r1', 'ws://h/a', T + 2))).toEqual([]);
    expect(m.fact(request('r2', 'ws://h/a', T + 3))).toEqual([]);
    expect(sockets(m.created(1, 'ws://h/a', T + 0.5))).toEqual([[1, 'r1', 'request'], [1, 'r1', 'response']]);
    expect(sockets(m.created(2, 'ws://h/a', T + 0.7))).toEqual([[2, 'r2', 'request']]);
  });

  it('matches the HTTP scheme the network may name with the page\'s ws: or wss:', () => {
    const m = new HandshakeMatcher(T);
    m.created(1, 'wss://h/a', T);
    expect(sockets(m.fact(request('r1', 'https://h/a', T + 1)))).toEqual([[1, 'r1', 'request']]);
  });

  it('does not give a request to a socket created well after it, nor take facts of an earlier document', () => {
    const m = new HandshakeMatcher(T);
    expect(m.fact(request('old', 'ws://h/a', T - 5000))).toEqual([]);
    expect(m.created(1, 'ws://h/a', T + 1)).toEqual([]);
    m.fact(request('r1', 'ws://h/b', T + 10));
    expect(m.created(2, 'ws://h/b', T + 10 + 5000)).toEqual([]);
  });

  it('keeps at most 32 facts waiting for their socket', () => {
    const m = new HandshakeMatcher(T);
    for (let i = 0; i < 40; i++) m.fact(request(`r${i}`, 'ws://h/a', T + i));
    expect(sockets(m.created(1, 'ws://h/a', T))).toEqual([[1, 'r8', 'request']]);
  });
});

describe('readHandshakeFact', () => {
  it('copies the known fields and bounds the headers', () => {
    const headers = Array.from({ length: 100 }, (_, i) => ({ name: `h${i}`, value: 'v'.repeat(10_000), extra: 1 }));
    const f = readHandshakeFact({ requestId: '7', time: T, url: 'ws://h/', phase: 'request', method: 'GET', headers, other: 'x' });
    expect(f && f.phase === 'request' && [f.headers.length, f.headers[0].value.length, Object.keys(f.headers[0])]).toEqual([64, 8192, ['name', 'value']]);
    expect(f).not.toHaveProperty('other');
  });

  it('refuses what is not a fact', () => {
    expect(readHandshakeFact({ requestId: '7', time: T, url: 'ws://h/', phase: 'response', status: '101', statusLine: '', headers: [] })).toBeNull();
    expect(readHandshakeFact({ requestId: '7', time: 'now', url: 'ws://h/', phase: 'failed', error: 'x' })).toBeNull();
    expect(readHandshakeFact({ requestId: '7', time: T, url: 'ws://h/', phase: 'request', method: 'GET', headers: [{ name: 1, value: 'x' }] })).toBeNull();
  });
});
