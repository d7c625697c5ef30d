import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '../../core/model';
import type { RelayBatch } from '../../core/protocol';
import { heapSize } from '../../core/heap-size';
import { CaptureStore } from './capture-store';

const created = (seq: number, socket = 1): CaptureEvent => ({ kind: 'created', seq, socket, time: seq, url: `ws://h/${socket}`, protocols: [], binaryType: 'blob', frameUrl: 'http://h/', api: 'websocket' });
const msg = (seq: number, socket = 1): CaptureEvent => ({ kind: 'message', seq, socket, time: seq, dir: 'sent', opcode: 1, size: 1, data: 'x' });
const closed = (seq: number, socket = 1): CaptureEvent => ({ kind: 'closed', seq, socket, time: seq, code: 1000, reason: '', wasClean: true });
const batch = (doc: string, events: CaptureEvent[], extra: Partial<Omit<RelayBatch, 'events'> & { frameId: number }> = {}) => ({
  type: 'batch' as const, doc, docStart: 1000, docUrl: 'http://h/', top: true, frameId: 0, firstSeq: 1, dropped: 0, events, ...extra,
});

describe('CaptureStore', () => {
  it('skips events it already has (replays after a reconnect)', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
    s.ingest(batch('d', [created(1), msg(2), msg(3)]));
    s.ingest(batch('d', [msg(2), msg(3), msg(4)]));
    expect(s.events.map((e) => e.event.seq)).toEqual([1, 2, 3, 4]);
    expect(s.sockets.get('d:1')!.sent.count).toBe(3);
    expect(s.cursors()).toEqual({ d: 4 });
  });

  it('counts a jump in sequence numbers as dropped at the source', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
    s.ingest(batch('d', [created(1), msg(7), msg(8)]));
    expect(s.dropped).toBe(5);
  });

  it('drops the oldest events beyond its bound and counts them', () => {
    const s = new CaptureStore({ maxEvents: 10, maxBytes: 1e9 });
    s.ingest(batch('d', [created(1), ...Array.from({ length: 30 }, (_, i) => msg(i + 2))]));
    expect(s.events.length).toBeLessThanOrEqual(10);
    expect(s.events.length + s.dropped).toBe(31);
    expect(s.sockets.has('d:1')).toBe(true);
  });

  it('drops the oldest events beyond its byte bound, payloads counted as the heap holds them', () => {
    // 16 MiB binary payloads, kept as their bytes.
    const big = (seq: number): CaptureEvent => ({ kind: 'message', seq, socket: 1, time: seq, dir: 'received', opcode: 2, size: 16 << 20, data: new Uint8Array(16 << 20) });
    const s = new CaptureStore({ maxEvents: 1_000_000, maxBytes: 64 << 20 });
    s.ingest(batch('d', [created(1)]));
    for (let seq = 2; seq <= 20; seq++) s.ingest(batch('d', [big(seq)]));
    expect(s.bytes).toBeLessThanOrEqual(64 << 20);
    expect(s.events.length).toBeGreaterThanOrEqual(2);
    expect(s.events.length).toBeLessThanOrEqual(3);
    expect(s.events.at(-1)!.event.seq).toBe(20);
    expect(s.bytes).toBe(s.events.reduce((n, e) => n + heapSize(e.event) + 24, 0));
    // Text counts 2 bytes a character in the panel (measured).
    const t = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
    t.ingest(batch('d', [created(1), { kind: 'message', seq: 2, socket: 1, time: 2, dir: 'sent', opcode: 1, size: 1000, data: 'y'.repeat(1000) }]));
    expect(t.bytes).toBeGreaterThan(2000);
  });

  it('shows a relay\'s gap on its socket and does not count its messages as dropped too', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
    s.ingest(batch('d', [created(1), msg(2), { kind: 'gap', seq: 3, socket: 1, time: 3, count: 5, until: 7 }, msg(8)]));
    expect(s.events.map((e) => e.event.kind)).toEqual(['created', 'message', 'gap', 'message']);
    expect(s.sockets.get('d:1')!.notKept).toEqual({ count: 5, from: 3, until: 7 });
    expect(s.dropped).toBe(0);
  });

  it('starts fresh when a new top document arrives, unless preserving the log', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
    s.ingest(batch('old', [created(1), msg(2)], { docStart: 1000 }));
    s.ingest(batch('sub', [created(1)], { docStart: 1500, top: false, frameId: 3 }));
    s.ingest(batch('new', [created(1)], { docStart: 2000 }));
    expect([...s.sockets.keys()]).toEqual(['new:1']);
    s.preserveLog = true;
    s.ingest(batch('newer', [created(1)], { docStart: 3000 }));
    expect([...s.sockets.keys()]).toEqual(['new:1', 'newer:1']);
    expect(s.socketNavigation.get('new:1')).toBeLessThan(s.socketNavigation.get('newer:1')!);
  });

  it('with Preserve log, closes the sockets of documents that went away, at the time the next one started', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1 << 20 });
    s.preserveLog = true;
    s.ingest(batch('old', [created(1), { kind: 'open', seq: 2, socket: 1, time: 2, protocol: '', extensions: '' }, created(3, 2), closed(4, 2)], { docStart: 1000 }));
    s.ingest(batch('new', [created(1)], { docStart: 2000 }));
    expect(s.sockets.get('old:1')).toMatchObject({ state: 'closed', closedAt: 2000, unloaded: true });
    expect(s.sockets.get('old:2')).toMatchObject({ state: 'closed', closedAt: 4 });
    expect(s.sockets.get('old:2')!.unloaded).toBeUndefined();
    expect(s.sockets.get('new:1')!.state).toBe('connecting');
  });

  it('starts fresh when DevTools saw a navigation to a page whose top frame has no relay yet', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 }, 1500);
    s.ingest(batch('old', [created(1), msg(2)], { docStart: 1000 }));
    expect(s.navigatedTo(2000)).toBe(true);
    expect([...s.sockets.keys()]).toEqual([]);
    s.ingest(batch('frame', [created(1)], { docStart: 2100, top: false, frameId: 4 }));
    // The new top document's relay starting later changes nothing (same document).
    s.ingest(batch('new', [created(1)], { docStart: 1990 }));
    expect([...s.sockets.keys()]).toEqual(['frame:1', 'new:1']);
    // A reload whose relay came first: the navigation DevTools reports then changes nothing.
    s.ingest(batch('reloaded', [created(1)], { docStart: 3000 }));
    expect(s.navigatedTo(3100)).toBe(false);
    expect([...s.sockets.keys()]).toEqual(['reloaded:1']);
    // A reload without a socket in its top frame: the earlier page goes.
    expect(s.navigatedTo(4000)).toBe(true);
    expect([...s.sockets.keys()]).toEqual([]);
    expect(s.socketNavigation.get('frame:1')).toBe(s.socketNavigation.get('new:1'));
  });

  it('keeps a new page\'s frame when DevTools reports the navigation after that frame announced its page (Firefox)', () => {
    // The panel opened (1500) on a page that had started before (1000).
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 }, 1500);
    s.ingest(batch('old', [created(1)], { docStart: 1000 }));
    // The new page's top document has no socket (no relay); its about:blank frame has one.
    s.ingest(batch('frame', [created(1)], { docStart: 2100, top: false, frameId: 4, topStart: 2000 }));
    expect([...s.sockets.keys()]).toEqual(['frame:1']);
    // DevTools reports the navigation 300 ms later: the frame is of that page, it stays.
    expect(s.navigatedTo(2300)).toBe(false);
    expect([...s.sockets.keys()]).toEqual(['frame:1']);
    // A frame's claim of a start after its own is no page start at all.
    s.ingest(batch('odd', [created(1)], { docStart: 2200, top: false, frameId: 5, topStart: 9000 }));
    expect([...s.sockets.keys()]).toEqual(['frame:1', 'odd:1']);
  });

  it('keeps a cross-origin frame of the new page that reported before DevTools\' late navigation, by the page\'s own start', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 }, 1500);
    s.ingest(batch('old', [created(1)], { docStart: 1000 }));
    // A cross-origin frame cannot read its top document's start (no topStart).
    s.ingest(batch('frame', [created(1)], { docStart: 2100, top: false, frameId: 4 }));
    expect(s.navigatedTo(2300, 2000)).toBe(true);
    expect([...s.sockets.keys()]).toEqual(['frame:1']);
    // A start the page claims outside (previous navigation, seen] is not taken: `seen` is.
    s.ingest(batch('frame2', [created(1)], { docStart: 3100, top: false, frameId: 5 }));
    expect(s.navigatedTo(3300, 9e15)).toBe(true);
    expect([...s.sockets.keys()]).toEqual([]);
    // And later navigations still count.
    s.ingest(batch('frame3', [created(1)], { docStart: 3500, top: false, frameId: 6 }));
    expect(s.navigatedTo(4000, 3400)).toBe(true);
    expect([...s.sockets.keys()]).toEqual(['frame3:1']);
  });

  it('keeps subframe documents that started after the new top document', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
    s.ingest(batch('sub', [created(1)], { docStart: 2500, top: false, frameId: 3 }));
    s.ingest(batch('top', [], { docStart: 2000 }));
    expect([...s.sockets.keys()]).toEqual(['sub:1']);
  });

  it('clear frees events and closed sockets, keeps open sockets, and ignores replays of cleared events', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
    s.ingest(batch('d', [created(1, 1), created(2, 2), msg(3, 1), closed(4, 2)]));
    s.clear();
    expect(s.events).toEqual([]);
    expect([...s.sockets.keys()]).toEqual(['d:1']);
    expect(s.sockets.get('d:1')!.sent.count).toBe(0);
    s.ingest(batch('d', [msg(3, 1), msg(5, 1)]));
    expect(s.events.map((e) => e.event.seq)).toEqual([5]);
  });

  describe('partial payloads', () => {
    const partial = (seq: number): CaptureEvent => ({ kind: 'message', seq, socket: 1, time: seq, dir: 'received', opcode: 2, size: 3000, data: new Uint8Array(3), partial: true });
    const whole = (seq: number): CaptureEvent => ({ kind: 'message', seq, socket: 1, time: seq, dir: 'received', opcode: 2, size: 3000, data: new Uint8Array(3000).fill(66) });

    it('completes partial messages in place from a fill, and counts the fill', () => {
      const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
      s.ingest(batch('d', [created(1), partial(2), msg(3), partial(4)]));
      expect(s.fill('d', [whole(4), whole(3)])).toBe(true);
      const [, second, third, fourth] = s.events.map((r) => r.event as Extract<CaptureEvent, { kind: 'message' }>);
      expect(fourth).toMatchObject({ data: new Uint8Array(3000).fill(66), partial: undefined });
      expect(third.data).toBe('x');
      expect(second.partial).toBe(true);
      expect(s.fills).toBe(1);
      expect(s.fill('d', [whole(4)])).toBe(false);
    });

    it('marks as truncated what the relay no longer holds', () => {
      const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
      s.ingest(batch('d', [created(1), partial(2)]));
      expect(s.fill('d', [], [2])).toBe(true);
      expect(s.events[1].event).toMatchObject({ data: new Uint8Array(3), partial: undefined, truncated: true });
    });

    it('ignores fills for other documents and forgets what it cleared', () => {
      const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
      s.ingest(batch('d', [created(1), partial(2)]));
      expect(s.fill('other', [whole(2)])).toBe(false);
      s.clear();
      expect(s.fill('d', [whole(2)])).toBe(false);
      expect(s.partial.size).toBe(0);
    });
  });

  it('names the workers of the current page\'s documents, each once, and forgets them at a navigation', () => {
    const s = new CaptureStore({ maxEvents: 100, maxBytes: 1e9 });
    const w = { kind: 'worker' as const, url: 'http://h/w.js' };
    s.ingest(batch('d', [], { workers: [w] }));
    s.ingest(batch('f', [], { top: false, frameId: 3, docStart: 1001, workers: [w, { kind: 'shared-worker', url: 'http://h/s.js' }, { kind: 'bogus', url: 'x' } as never] }));
    expect(s.pageWorkers()).toEqual({ workers: [w, { kind: 'shared-worker', url: 'http://h/s.js' }], more: 0 });
    // A later list replaces the document's.
    s.ingest(batch('f', [], { top: false, frameId: 3, docStart: 1001, workers: [] }));
    expect(s.pageWorkers()).toEqual({ workers: [w], more: 0 });
    // Many frames' workers: the first 32 named, the rest counted.
    for (let f = 0; f < 3; f++) s.ingest(batch(`g${f}`, [], { top: false, frameId: 10 + f, docStart: 1002, workers: Array.from({ length: 32 }, (_, i) => ({ kind: 'worker' as const, url: `http://h/${f}-${i}.js` })) }));
    expect(s.pageWorkers().workers.length).toBe(32);
    expect(s.pageWorkers().more).toBe(1 + 3 * 32 - 32);
    s.ingest(batch('next', [], { docStart: 2000 }));
    expect(s.pageWorkers()).toEqual({ workers: [], more: 0 });
  });
});
