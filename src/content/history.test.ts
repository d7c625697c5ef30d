import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '../core/model';
import { History } from './history';

const msg = (seq: number, data = 'x'): CaptureEvent => ({ kind: 'message', seq, socket: 1, time: seq, dir: 'sent', opcode: 1, size: data.length, data });

describe('History', () => {
  it('returns the events after a cursor', () => {
    const h = new History({ maxEvents: 100, maxBytes: 1e9 });
    for (let i = 1; i <= 5; i++) h.append(msg(i));
    expect(h.since(0).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(h.since(3).map((e) => e.seq)).toEqual([4, 5]);
    expect(h.since(5)).toEqual([]);
  });

  it('finds an event by sequence number while the ring holds it', () => {
    const h = new History({ maxEvents: 3, maxBytes: 1e9 });
    for (let i = 1; i <= 5; i++) h.append(msg(i));
    expect([1, 2, 3, 4, 5, 6].map((seq) => h.at(seq)?.seq)).toEqual([undefined, undefined, 3, 4, 5, undefined]);
    h.clear();
    expect(h.at(5)).toBeUndefined();
  });

  it('drops the oldest beyond the event bound and counts them', () => {
    const h = new History({ maxEvents: 3, maxBytes: 1e9 });
    for (let i = 1; i <= 10_000; i++) h.append(msg(i));
    expect(h.size).toBe(3);
    expect(h.firstSeq).toBe(9998);
    expect(h.dropped).toBe(9997);
    expect(h.since(0).map((e) => e.seq)).toEqual([9998, 9999, 10000]);
  });

  it('drops the oldest beyond the byte bound', () => {
    const h = new History({ maxEvents: 1000, maxBytes: 3 * (120 + 100) });
    for (let i = 1; i <= 5; i++) h.append(msg(i, 'y'.repeat(100)));
    expect(h.since(0).map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('keeps every socket\'s created/open/closed events when the ring drops them', () => {
    const h = new History({ maxEvents: 3, maxBytes: 1e9 });
    h.append({ kind: 'created', seq: 1, socket: 1, time: 0, url: 'ws://a', protocols: [], binaryType: 'blob', frameUrl: 'http://a', api: 'websocket' });
    h.append({ kind: 'open', seq: 2, socket: 1, time: 0, protocol: '', extensions: '' });
    for (let i = 3; i <= 10; i++) h.append(msg(i));
    expect(h.since(0).map((e) => e.seq)).toEqual([1, 2, 8, 9, 10]);
    expect(h.dropped).toBe(5);
    expect(h.since(8).map((e) => e.seq)).toEqual([9, 10]);
  });

  it('clear forgets closed sockets but keeps open ones', () => {
    const h = new History({ maxEvents: 100, maxBytes: 1e9 });
    const created = (seq: number, socket: number): CaptureEvent => ({ kind: 'created', seq, socket, time: 0, url: 'ws://a', protocols: [], binaryType: 'blob', frameUrl: 'http://a', api: 'websocket' });
    h.append(created(1, 1));
    h.append(created(2, 2));
    h.append({ kind: 'closed', seq: 3, socket: 2, time: 0, code: 1000, reason: '', wasClean: true });
    h.append(msg(4));
    h.clear();
    expect(h.since(0).map((e) => [e.kind, e.socket])).toEqual([['created', 1]]);
  });

  it('clear keeps counting sequence numbers', () => {
    const h = new History({ maxEvents: 10, maxBytes: 1e9 });
    h.append(msg(1));
    h.append(msg(2));
    h.clear();
    expect(h.since(0)).toEqual([]);

    h.append(msg(3));
    expect(h.firstSeq).toBe(3);
    expect(h.since(0).map((e) => e.seq)).toEqual([3]);
  });
});
