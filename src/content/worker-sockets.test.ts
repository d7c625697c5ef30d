import { describe, expect, it } from 'vitest';
import { WorkerSockets } from './worker-sockets';
import type { WorkerRecords } from '../core/protocol';

const message = (session: string, payload: unknown, kind: 'worker' | 'service-worker' = 'worker'): WorkerRecords =>
  ({ type: 'worker', session, context: { kind, url: `https://a.test/${session}.js` }, payload: JSON.stringify(payload) });

describe('WorkerSockets', () => {
  it('gives each worker socket an id of its own, beyond the page hook\'s', () => {
    const w = new WorkerSockets();
    const a = w.read(message('A', { r: [{ k: 'created', id: 1, t: 1, url: 'ws://x' }, { k: 'open', id: 1, t: 2 }] }));
    const b = w.read(message('B', { r: [{ k: 'created', id: 1, t: 3, url: 'ws://y' }] }, 'service-worker'));
    const [ca, oa] = (a as { records: { id: number }[] }).records;
    const [cb] = (b as { records: { id: number }[] }).records;
    expect(ca.id).toBe(oa.id);
    expect(cb.id).not.toBe(ca.id);
    expect(ca.id).toBeGreaterThanOrEqual(1_000_000_000);
    expect(w.contexts.get(cb.id)).toEqual({ kind: 'service-worker', url: 'https://a.test/B.js' });
    expect(w.owner(cb.id)).toEqual({ session: 'B', socket: 1 });
    expect(w.owner(1)).toBeUndefined();
  });

  it('drops records of sockets never created, a second created, and what is not JSON', () => {
    const w = new WorkerSockets();
    expect(w.read(message('A', { r: [{ k: 'open', id: 5, t: 1 }] }))).toEqual({ records: [] });
    w.read(message('A', { r: [{ k: 'created', id: 1, t: 1, url: 'ws://x' }] }));
    expect(w.read(message('A', { r: [{ k: 'created', id: 1, t: 2, url: 'ws://forged' }] }))).toEqual({ records: [] });
    expect(w.read({ ...message('A', {}), payload: '{nope' })).toBeNull();
  });

  it('turns base64 payloads back into bytes, and maps a hold request to the relay id', () => {
    const w = new WorkerSockets();
    const created = w.read(message('A', { r: [{ k: 'created', id: 2, t: 1, url: 'ws://x' }] })) as { records: { id: number }[] };
    const id = created.records[0].id;
    const read = w.read(message('A', { r: [{ k: 'message', id: 2, t: 2, dir: 'sent', data: { b64: 'AQID' } }] })) as { records: { data: ArrayBuffer }[] };
    expect(Array.from(new Uint8Array(read.records[0].data))).toEqual([1, 2, 3]);
    expect(w.read(message('A', { h: { k: 'hold', socket: 2, hold: 1, t: 3, dir: 'received', data: 'x' } }))).toEqual({ hold: { k: 'hold', socket: id, hold: 1, t: 3, dir: 'received', data: 'x' } });
  });

  it('writes a command for the worker with bytes as base64', () => {
    const r = WorkerSockets.request('A', { k: 'send', id: 4, socket: 2, data: new Uint8Array([255, 0]).buffer });
    expect(r.type).toBe('worker-command');
    expect(JSON.parse(r.command)).toEqual({ k: 'send', id: 4, socket: 2, data: { b64: '/wA=' } });
  });
});

describe('WorkerSockets, a listener that joined late', () => {
  it('takes the live sockets told again, and a relay that knew them takes nothing twice', () => {
    const early = new WorkerSockets();
    early.read(message('S', { r: [{ k: 'created', id: 1, t: 1, url: 'ws://x' }, { k: 'open', id: 1, t: 2 }] }));
    const again = message('S', { again: true, r: [{ k: 'created', id: 1, t: 1, url: 'ws://x' }, { k: 'open', id: 1, t: 2 }] });
    expect(early.read(again)).toEqual({ records: [] });
    const late = new WorkerSockets();
    const read = late.read(again) as { records: { k: string }[] };
    expect(read.records.map((r) => r.k)).toEqual(['created', 'open']);
    // What comes after is for both.
    const next = message('S', { r: [{ k: 'message', id: 1, t: 3, dir: 'received', data: 'x' }] });
    expect((early.read(next) as { records: unknown[] }).records).toHaveLength(1);
    expect((late.read(next) as { records: unknown[] }).records).toHaveLength(1);
  });
});

describe('WorkerSockets, numbered reports (Chrome)', () => {
  const created = (s: number) => message('A', { s, r: [{ k: 'created', id: s, t: s, url: `ws://x/${s}` }] });
  it('a relay that joins a shared worker takes its live sockets once: the reports they tell are dropped', () => {
    const w = new WorkerSockets();
    const joined = w.read(message('S', { s: 4, again: true, r: [{ k: 'created', id: 1, t: 1, url: 'ws://x' }, { k: 'open', id: 1, t: 2 }] }));
    expect((joined as { records: { k: string }[] }).records.map((r) => r.k)).toEqual(['created', 'open']);
    expect(w.read(message('S', { s: 4, r: [{ k: 'open', id: 1, t: 2 }] }))).toBeNull();
    expect((w.read(message('S', { s: 5, r: [{ k: 'message', id: 1, t: 3 }] })) as { records: unknown[] }).records).toHaveLength(1);
    // Told again while it already takes them (its tab joined again): nothing twice, and report 6 still counts.
    expect(w.read(message('S', { s: 6, again: true, r: [{ k: 'created', id: 1, t: 1, url: 'ws://x' }, { k: 'open', id: 1, t: 2 }] }))).toEqual({ records: [] });
    expect((w.read(message('S', { s: 6, r: [{ k: 'message', id: 1, t: 4 }] })) as { records: unknown[] }).records).toHaveLength(1);
  });

  it('a report that overtook the live sockets told to a joining relay does not hide them', () => {
    const w = new WorkerSockets();
    expect(w.read(message('S', { s: 4, r: [{ k: 'message', id: 1, t: 3 }] }))).toEqual({ records: [] });
    const joined = w.read(message('S', { s: 4, again: true, r: [{ k: 'created', id: 1, t: 1, url: 'ws://x' }, { k: 'open', id: 1, t: 2 }] }));
    expect((joined as { records: { k: string }[] }).records.map((r) => r.k)).toEqual(['created', 'open']);
    expect((w.read(message('S', { s: 5, r: [{ k: 'message', id: 1, t: 5 }] })) as { records: unknown[] }).records).toHaveLength(1);
  });

  it('takes each report once, in turn; past a gap it asks for what is missing, once a second, and takes the resent ones', () => {
    let now = 0;
    const w = new WorkerSockets(() => now);
    expect(w.read(created(1))).toMatchObject({ records: [{ k: 'created' }] });
    expect(w.read(created(1))).toBeNull();
    expect(w.read(created(3))).toEqual({ resend: 1 });
    expect(w.read(created(4))).toBeNull();
    now = 1500;
    expect(w.read(created(5))).toEqual({ resend: 1 });
    for (const s of [2, 3, 4, 5]) expect(w.read(created(s))).toMatchObject({ records: [{ url: `ws://x/${s}` }] });
    expect(w.read(created(6))).toMatchObject({ records: [{ url: 'ws://x/6' }] });
  });

  it('goes on past reports that are gone (a skip), and past a gap it asked about five times in vain', () => {
    let now = 0;
    const w = new WorkerSockets(() => now);
    w.read(created(1));
    expect(w.read(message('A', { s: 9, skip: true }))).toBeNull();
    expect(w.read(created(10))).toMatchObject({ records: [{ url: 'ws://x/10' }] });
    for (let i = 0; i < 5; i++) {
      expect(w.read(created(20))).toEqual({ resend: 10 });
      now += 1000;
    }
    expect(w.read(created(20))).toMatchObject({ records: [{ url: 'ws://x/20' }] });
  });
});
