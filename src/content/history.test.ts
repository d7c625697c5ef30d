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
