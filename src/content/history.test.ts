import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../core/normalize';
import { DEFAULT_LIMITS } from '../core/limits';
import { heapSize } from '../core/heap-size';
import { History, type HistoryLimits } from './history';

const utf8 = new TextEncoder();
const msg = (seq: number, data: string | ArrayBuffer = 'x', socket = 1): StoredEvent =>
  ({ kind: 'message', seq, socket, time: seq, dir: 'sent', opcode: typeof data === 'string' ? 1 : 2, size: typeof data === 'string' ? utf8.encode(data).length : data.byteLength, data }) as StoredEvent;
const created = (seq: number, socket: number): StoredEvent => ({ kind: 'created', seq, socket, time: 0, url: 'ws://a', protocols: [], binaryType: 'blob', frameUrl: 'http://a', api: 'websocket' });

/** A history a panel watches from the start: the full bounds only. */
const watched = (limits: Partial<HistoryLimits>) => {
  const h = new History({ ...DEFAULT_LIMITS, ...limits });
  h.watch();
  return h;
};

describe('History', () => {
  it('returns the events after a cursor', () => {
    const h = watched({ maxEvents: 100 });
    for (let i = 1; i <= 5; i++) h.append(msg(i));
    expect(h.since(0).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(h.since(3).map((e) => e.seq)).toEqual([4, 5]);
    expect(h.since(5)).toEqual([]);
  });

  it('finds an event by sequence number while the ring holds it', () => {
    const h = watched({ maxEvents: 3 });
    for (let i = 1; i <= 5; i++) h.append(msg(i));
    expect([1, 2, 3, 4, 5, 6].map((seq) => h.at(seq)?.seq)).toEqual([undefined, undefined, 3, 4, 5, undefined]);
    h.clear();
    expect(h.at(5)).toBeUndefined();
  });

  it('drops the oldest beyond the event bound and counts them', () => {
    const h = watched({ maxEvents: 3 });
    for (let i = 1; i <= 10_000; i++) h.append(msg(i));
    expect(h.size).toBe(3);
    expect(h.firstSeq).toBe(9998);
    expect(h.dropped).toBe(9997);
    expect(h.since(0).map((e) => e.seq)).toEqual([9998, 9999, 10000]);
  });

  it('drops the oldest beyond the byte bound, counting each payload as the heap holds it', () => {
    const text = msg(1, 'y'.repeat(100));
    const h = watched({ maxBytes: 3 * heapSize(text) });
    for (let i = 1; i <= 5; i++) h.append(msg(i, 'y'.repeat(100)));
    expect(h.since(0).map((e) => e.seq)).toEqual([3, 4, 5]);
    // Two bytes a character once a character is beyond Latin-1; a buffer's bytes plus its object.
    expect(heapSize(msg(1, 'é'.repeat(100)))).toBeGreaterThan(heapSize(text) + 99);
    expect(heapSize(msg(1, new ArrayBuffer(1 << 20)))).toBeGreaterThan(1 << 20);
  });

  it('does not keep dropped events reachable', () => {
    // The old ring only compacted once it had dropped over 4096 events and more than it held.
    const h = watched({ maxBytes: 4 * (1 << 20) });
    for (let i = 1; i <= 100; i++) h.append(msg(i, new ArrayBuffer(1 << 20)));
    expect(h.size).toBe(3);
    expect(h.bytes).toBeLessThanOrEqual(4 * (1 << 20));
    // What the ring still references, slot by slot: only the three it holds.
    const ring = (h as unknown as { ring: { slots: unknown[] } }).ring;
    expect(ring.slots.filter((s) => s !== undefined)).toHaveLength(3);
  });

  it('keeps every socket\'s lifecycle events when the ring drops messages', () => {
    const h = watched({ maxEvents: 3 });
    h.append(created(1, 1));
    h.append({ kind: 'open', seq: 2, socket: 1, time: 0, protocol: '', extensions: '' });
    for (let i = 3; i <= 10; i++) h.append(msg(i));
    expect(h.since(0).map((e) => e.seq)).toEqual([1, 2, 8, 9, 10]);
    expect(h.dropped).toBe(5);
    expect(h.since(8).map((e) => e.seq)).toEqual([9, 10]);
  });

  it('clear forgets closed sockets but keeps open ones', () => {
    const h = watched({ maxEvents: 100 });
    h.append(created(1, 1));
    h.append(created(2, 2));
    h.append({ kind: 'closed', seq: 3, socket: 2, time: 0, code: 1000, reason: '', wasClean: true });
    h.append(msg(4));
    h.clear();
    expect(h.since(0).map((e) => [e.kind, e.socket])).toEqual([['created', 1]]);
  });

  it('clear keeps counting sequence numbers', () => {
    const h = watched({ maxEvents: 10 });
    h.append(msg(1));
    h.append(msg(2));
    h.clear();
    expect(h.since(0)).toEqual([]);

    h.append(msg(3));
    expect(h.firstSeq).toBe(3);
    expect(h.since(0).map((e) => e.seq)).toEqual([3]);
  });
});

describe('History of a document no panel has watched', () => {
  const unwatched = () => new History({ ...DEFAULT_LIMITS, unwatchedHead: 2, unwatchedMessages: 3 });

  it('keeps each socket\'s first messages and the last window, and sums up the rest per socket', () => {
    const h = unwatched();
    h.append(created(1, 1));
    h.append(created(2, 2));
    let seq = 3;
    for (let i = 0; i < 10; i++) {
      h.append(msg(seq++, 'a', 1));
      h.append(msg(seq++, 'b', 2));
    }
    // seq 3..22: socket 1 on odd, socket 2 on even. Heads: 3, 5 (socket 1) and 4, 6 (socket 2).
    const got = h.since(0).map((e) => (e.kind === 'gap' ? `gap${e.socket}:${e.count}@${e.seq}-${e.until}` : e.seq));
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 'gap1:7@7-19', 'gap2:6@8-18', 20, 21, 22]);
  });

  it('loses nothing while it waits to hear whether a panel watches, where the full bound is the smaller', () => {
    const h = new History({ ...DEFAULT_LIMITS, maxEvents: 3, unwatchedHead: 0, unwatchedMessages: 10 });
    h.ask();
    h.append(created(1, 1));
    for (let seq = 2; seq <= 9; seq++) h.append(msg(seq));
    expect([h.since(0).map((e) => e.seq), h.dropped]).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9], 0]);
    h.watch();
    h.append(msg(10));
    expect([h.since(0).map((e) => e.seq), h.dropped]).toEqual([[1, 8, 9, 10], 6]);
  });

  it('applies the full bounds once watched, and freezes the gaps', () => {
    const h = unwatched();
    h.append(created(1, 1));
    for (let seq = 2; seq <= 10; seq++) h.append(msg(seq));
    h.watch();
    for (let seq = 11; seq <= 20; seq++) h.append(msg(seq));
    const got = h.since(0).map((e) => (e.kind === 'gap' ? `gap:${e.count}` : e.seq));
    expect(got).toEqual([1, 2, 3, 'gap:4', 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('keeps heads and window together within the unwatched bytes', () => {
    const one = heapSize(msg(1, new ArrayBuffer(1 << 20)));
    const h = new History({ ...DEFAULT_LIMITS, unwatchedBytes: 16 << 20 });
    for (let seq = 1; seq <= 100; seq++) h.append(msg(seq, new ArrayBuffer(1 << 20)));
    expect(h.bytes).toBeLessThanOrEqual(16 << 20);
    expect(h.size).toBe(Math.floor((16 << 20) / one));
    // Half of it went to the socket's first messages.
    expect(h.since(0).filter((e) => e.seq <= 7).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('bounds the window by bytes too', () => {
    const one = heapSize(msg(1, 'z'.repeat(1000)));
    const h = new History({ ...DEFAULT_LIMITS, unwatchedHead: 0, unwatchedBytes: 2 * one });
    for (let seq = 1; seq <= 50; seq++) h.append(msg(seq, 'z'.repeat(1000)));
    expect(h.size).toBe(2);
    expect(h.bytes).toBeLessThanOrEqual(2 * one);
  });
});
