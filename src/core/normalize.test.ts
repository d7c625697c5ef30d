import { describe, expect, it } from 'vitest';
import { createRecordGate, normalizeRaw, normalizeWorkerStart } from './normalize';

const opts = { maxPayloadBytes: 16 };
const FRAME = 'https://relay.example/page';
const created = (id: number) => ({ k: 'created', id, t: 1, url: 'ws://a/', protocols: ['p'], binaryType: 'blob', api: 'websocket' });

describe('createRecordGate', () => {
  it('lets a socket\'s records through once it was created', () => {
    const gate = createRecordGate();
    expect(gate(created(1))).toBe(true);
    expect(gate({ k: 'message', id: 1, t: 2, dir: 'sent', data: 'x' })).toBe(true);
    expect(gate({ k: 'closed', id: 1, t: 3, code: 1000, reason: '', wasClean: true })).toBe(true);
  });

  it('drops records for a socket that was never created', () => {
    const gate = createRecordGate();
    expect(gate({ k: 'message', id: 7, t: 2, dir: 'received', data: 'forged' })).toBe(false);
    expect(gate({ k: 'closed', id: 7, t: 2, code: 1000, reason: '', wasClean: true })).toBe(false);
  });

  it('drops a second "created" for an id in use (a forged reset)', () => {
    const gate = createRecordGate();
    expect(gate(created(1))).toBe(true);
    expect(gate({ ...created(1), url: 'ws://forged/' })).toBe(false);
  });

  it('drops what is not a record', () => {
    const gate = createRecordGate();
    for (const junk of [null, undefined, 0, 'x', [], {}, { k: 'created' }, { k: 'created', id: -1 }, { k: 'created', id: 1.5 }, { k: 'created', id: 2 ** 60 }, { k: 'created', id: '1' }]) {
      expect(gate(junk)).toBe(false);
    }
  });

  it('keeps documents apart: each gate knows only its own sockets', () => {
    const a = createRecordGate();
    const b = createRecordGate();
    expect(a(created(1))).toBe(true);
    expect(b({ k: 'message', id: 1, t: 2, dir: 'sent', data: 'x' })).toBe(false);
  });
});

describe('normalizeRaw on untrusted input', () => {
  it('rejects garbage without throwing', () => {
    const junk: unknown[] = [null, undefined, 1, 'x', [], {}, { k: 'nope', id: 1, t: 1 }, { k: 'message', id: 1, t: 1, dir: 'sideways', data: 'x' },
      { k: 'message', id: 1, t: 1, dir: 'sent', data: { not: 'a payload' } }, { k: 'created', id: 1, t: 1, url: 5 }, { k: 'open', id: 1, t: Infinity },
      { k: 'closed', id: 1, t: 1, code: 'x', reason: '', wasClean: true }, { k: 'created', id: 1, t: 1, url: 'u', frameUrl: 'f', binaryType: 'blob', protocols: 'p' }];
    for (const raw of junk) expect(normalizeRaw(raw, 0, opts, FRAME)).toBeNull();
  });

  it('rejects records at times no Date can hold (far future, before 1970)', () => {
    for (const t of [1e19, 1e16 * 1000, 8.64e15 + 1, -1, 1e300]) {
      expect(normalizeRaw({ k: 'message', id: 1, t, dir: 'sent', data: 'x' }, 0, opts, FRAME)).toBeNull();
      expect(normalizeRaw({ ...created(1), t }, 0, opts, FRAME)).toBeNull();
    }
    expect(normalizeRaw({ k: 'message', id: 1, t: 8.64e15, dir: 'sent', data: 'x' }, 0, opts, FRAME)).not.toBeNull();
  });

  it('copies only the known fields and bounds their size', () => {
    const e = normalizeRaw({ ...created(3), extra: 'dropped', url: 'ws://a/' + 'x'.repeat(1 << 15), protocols: Array(100).fill('p'.repeat(1000)) }, 5, opts, FRAME)!;
    expect(e).not.toHaveProperty('extra');
    expect(e.kind === 'created' && e.url.length).toBe(1 << 14);
    expect(e.kind === 'created' && e.urlTruncated).toBe(true);
    expect(normalizeRaw(created(4), 6, opts, FRAME)).not.toHaveProperty('urlTruncated');
    expect(e.kind === 'created' && [e.protocols.length, e.protocols[0].length]).toEqual([64, 256]);
  });

  it('keeps the real size of a payload but only the allowed bytes', () => {
    const e = normalizeRaw({ k: 'message', id: 1, t: 1, dir: 'received', data: new Uint8Array(40).buffer }, 0, opts, FRAME)!;
    expect(e.kind === 'message' && [e.size, e.truncated, e.opcode]).toEqual([40, true, 2]);
  });

  it('takes the frame from the relay, never from the record', () => {
    const e = normalizeRaw({ ...created(1), frameUrl: 'https://bank.example/' }, 0, opts, FRAME)!;
    expect(e.kind === 'created' && e.frameUrl).toBe(FRAME);
  });

  it('treats an unknown api as a plain WebSocket', () => {
    const e = normalizeRaw({ ...created(1), api: 'something-else' }, 0, opts, FRAME)!;
    expect(e.kind === 'created' && e.api).toBe('websocket');
    const s = normalizeRaw({ ...created(1), api: 'websocketstream' }, 0, opts, FRAME)!;
    expect(s.kind === 'created' && s.api).toBe('websocketstream');
  });
});

describe('binary payloads kept as bytes', () => {
  it('keeps the transferred buffer itself in the relay', () => {
    const buffer = new Uint8Array([0, 1, 2, 250, 255]).buffer;
    const stored = normalizeRaw({ k: 'message', id: 1, t: 5, dir: 'received', data: buffer }, 7, { maxPayloadBytes: 100 }, FRAME);
    expect(stored).toMatchObject({ kind: 'message', seq: 7, opcode: 2, size: 5 });
    expect((stored as { data: unknown }).data).toBe(buffer);
  });

  it('cuts a kept payload at the limit and says so, with its real size', () => {
    const stored = normalizeRaw({ k: 'message', id: 1, t: 5, dir: 'sent', data: new Uint8Array(10).fill(7).buffer }, 1, { maxPayloadBytes: 4 }, FRAME);
    expect(stored).toMatchObject({ size: 10, truncated: true });
    expect([...new Uint8Array((stored as { data: ArrayBuffer }).data)]).toEqual([7, 7, 7, 7]);
  });
});

describe('normalizeRaw of an initiator record', () => {
  it('parses the page\'s stack into frames, without extension frames', () => {
    const raw = { k: 'initiator', id: 1, t: 1_800_000_000_000, stack: 'Error\n    at x (chrome-extension://id/hook.js:1:2)\n    at open (http://h/app.js:4:7)', extra: 1 };
    expect(normalizeRaw(raw, 5, { maxPayloadBytes: 10 }, 'http://h/')).toEqual({ kind: 'initiator', seq: 5, socket: 1, time: 1_800_000_000_000, frames: [{ functionName: 'open', url: 'http://h/app.js', line: 4, column: 7 }] });
    expect(normalizeRaw({ ...raw, stack: 5 }, 5, { maxPayloadBytes: 10 }, 'http://h/')).toBeNull();
  });
});

describe('normalizeWorkerStart', () => {
  it('resolves the script URL against the document\'s base and keeps only the kind and URL', () => {
    expect(normalizeWorkerStart({ k: 'worker-started', t: 1, kind: 'worker', url: 'w.js?x', extra: 'forged' }, 'https://a.example/dir/page')).toEqual({ kind: 'worker', url: 'https://a.example/dir/w.js?x' });
    expect(normalizeWorkerStart({ k: 'worker-started', t: 1, kind: 'shared-worker', url: 'blob:https://a.example/1234' }, FRAME)).toEqual({ kind: 'shared-worker', url: 'blob:https://a.example/1234' });
  });

  it('keeps a URL the hook could not read as empty, and one that does not parse as given', () => {
    expect(normalizeWorkerStart({ k: 'worker-started', t: 1, kind: 'worker', url: '' }, FRAME)).toEqual({ kind: 'worker', url: '' });
    expect(normalizeWorkerStart({ k: 'worker-started', t: 1, kind: 'worker', url: 'http://exa mple/' }, FRAME)).toEqual({ kind: 'worker', url: 'http://exa mple/' });
  });

  it('refuses other kinds (a page cannot name a service worker this way), non-string URLs and other records', () => {
    expect(normalizeWorkerStart({ k: 'worker-started', t: 1, kind: 'service-worker', url: 'sw.js' }, FRAME)).toBeNull();
    expect(normalizeWorkerStart({ k: 'worker-started', t: 1, kind: 'worker', url: 5 }, FRAME)).toBeNull();
    expect(normalizeWorkerStart(created(1), FRAME)).toBeNull();
  });
});
