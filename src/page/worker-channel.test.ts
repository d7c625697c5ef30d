import { describe, expect, it } from 'vitest';

import './test-dom-shim';

const { decodeCommand, encodeRecord, openWorkerChannel } = await import('./worker-channel');

const bytes = (b64: string) => Array.from(Buffer.from(b64, 'base64'));

describe('the worker channel', () => {
  it('writes a record field by field, bytes as base64, without the page seeing a toJSON lookup', () => {
    const looked: string[] = [];
    Object.defineProperty(Object.prototype, 'toJSON', { configurable: true, get() { looked.push('toJSON'); return undefined; } });
    try {
      const json = encodeRecord({ k: 'message', id: 3, t: 1.5, dir: 'sent', data: new Uint8Array([0, 1, 2, 250, 251]).buffer, origin: undefined });
      expect(JSON.parse(json)).toEqual({ k: 'message', id: 3, t: 1.5, dir: 'sent', data: { b64: Buffer.from([0, 1, 2, 250, 251]).toString('base64') } });
      expect(looked).toEqual([]);
    } finally {
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
    }
  });

  it('encodes every length of bytes as base64 does', () => {
    for (let n = 0; n < 8; n++) {
      const data = new Uint8Array(Array.from({ length: n }, (_, i) => (i * 97 + 200) & 255));
      const written = JSON.parse(encodeRecord({ k: 'message', data: data.buffer })).data.b64 as string;
      expect(written).toBe(Buffer.from(data).toString('base64'));
      const back = decodeCommand(JSON.stringify({ k: 'send', id: 1, socket: 1, data: { b64: written } })) as { data: ArrayBuffer };
      expect(Array.from(new Uint8Array(back.data))).toEqual(Array.from(data));
    }
    expect(bytes('AAE=')).toEqual([0, 1]);
  });

  it('keeps protocols and strings as they are', () => {
    expect(JSON.parse(encodeRecord({ k: 'created', id: 1, url: 'ws://a/"q"', protocols: ['a', 'b\n'] }))).toEqual({ k: 'created', id: 1, url: 'ws://a/"q"', protocols: ['a', 'b\n'] });
  });

  it('sends records in batches and a hold request at once, after the records before it', async () => {
    const sent: string[] = [];
    const channel = openWorkerChannel((p) => sent.push(p));
    channel.emit({ k: 'open', id: 1, t: 1, protocol: '', extensions: '' });
    channel.emit({ k: 'message', id: 1, t: 2, dir: 'sent', data: 'a' });
    channel.hold({ k: 'hold', socket: 1, hold: 7, t: 3, dir: 'sent', data: 'b' });
    expect(sent.map((s) => JSON.parse(s))).toEqual([
      { r: [{ k: 'open', id: 1, t: 1, protocol: '', extensions: '' }, { k: 'message', id: 1, t: 2, dir: 'sent', data: 'a' }] },
      { h: { k: 'hold', socket: 1, hold: 7, t: 3, dir: 'sent', data: 'b' } },
    ]);
    channel.emit({ k: 'message', id: 1, t: 4, dir: 'received', data: 'c' });
    await new Promise((r) => setTimeout(r, 50));
    expect(JSON.parse(sent[2])).toEqual({ r: [{ k: 'message', id: 1, t: 4, dir: 'received', data: 'c' }] });
  });

  it('numbers its reports when they can be asked for again, and sends those after N again, in order', () => {
    const sent: string[] = [];
    const channel = openWorkerChannel((p) => sent.push(p), true);
    for (let i = 1; i <= 3; i++) channel.hold({ k: 'hold', socket: 1, hold: i, t: i, dir: 'sent', data: String(i) });
    expect(sent.map((s) => JSON.parse(s).s)).toEqual([1, 2, 3]);
    sent.length = 0;
    channel.resend(1);
    expect(sent.map((s) => [JSON.parse(s).s, JSON.parse(s).h.hold])).toEqual([[2, 2], [3, 3]]);
  });

  it('tells a tab that joins the live sockets after what was queued went out, numbered as that report', () => {
    const sent: string[] = [];
    const channel = openWorkerChannel((p) => sent.push(p), true);
    channel.emit({ k: 'created', id: 1, t: 1, url: 'ws://x', protocols: [], binaryType: 'blob', api: 'websocket' });
    channel.emit({ k: 'open', id: 1, t: 2, protocol: '', extensions: '' });
    channel.emit({ k: 'created', id: 2, t: 3, url: 'ws://y', protocols: [], binaryType: 'blob', api: 'websocket' });
    channel.emit({ k: 'closed', id: 2, t: 4, code: 1000, reason: '', wasClean: true });
    expect(sent).toEqual([]);
    const joined = JSON.parse(channel.joined());
    expect(sent.map((p) => JSON.parse(p).s)).toEqual([1]);
    expect(joined).toMatchObject({ s: 1, again: true });
    expect(joined.r.map((r: { k: string; id: number }) => [r.k, r.id])).toEqual([['created', 1], ['open', 1]]);
  });

  it('keeps only the last 512 reports: asked for older ones, it says they are gone first', () => {
    const sent: string[] = [];
    const channel = openWorkerChannel((p) => sent.push(p), true);
    for (let i = 1; i <= 600; i++) channel.hold({ k: 'hold', socket: 1, hold: i, t: i, dir: 'sent', data: 'x' });
    sent.length = 0;
    channel.resend(10);
    expect(JSON.parse(sent[0])).toEqual({ s: 88, skip: true });
    expect(JSON.parse(sent[1]).s).toBe(89);
    expect(JSON.parse(sent.at(-1)!).s).toBe(600);
    expect(sent).toHaveLength(1 + 512);
  });

  it('a binding that throws (the debugger left) never reaches the page', () => {
    const channel = openWorkerChannel(() => {
      throw new Error('detached');
    });
    expect(() => channel.hold({ k: 'hold', socket: 1, hold: 1, t: 1, dir: 'sent', data: 'x' })).not.toThrow();
  });
});

describe('the worker channel, for a listener that joins late', () => {
  it('tells the live sockets\' created, open and binaryType records again, not the closed ones', () => {
    const channel = openWorkerChannel(() => {});
    channel.emit({ k: 'created', id: 1, t: 1, url: 'ws://a', protocols: [], binaryType: 'blob', api: 'websocket' });
    channel.emit({ k: 'open', id: 1, t: 2, protocol: '', extensions: '' });
    channel.emit({ k: 'message', id: 1, t: 3, dir: 'sent', data: 'not again' });
    channel.emit({ k: 'binary-type', id: 1, t: 4, binaryType: 'arraybuffer' });
    channel.emit({ k: 'created', id: 2, t: 5, url: 'ws://b', protocols: [], binaryType: 'blob', api: 'websocket' });
    channel.emit({ k: 'closed', id: 2, t: 6, code: 1000, reason: '', wasClean: true });
    const again = JSON.parse(channel.identities()!);
    expect(again.again).toBe(true);
    expect(again.r.map((r: { k: string; id: number }) => `${r.k} ${r.id}`)).toEqual(['created 1', 'open 1', 'binary-type 1']);
    channel.emit({ k: 'closed', id: 1, t: 7, code: 1000, reason: '', wasClean: true });
    expect(channel.identities()).toBeUndefined();
  });
});
