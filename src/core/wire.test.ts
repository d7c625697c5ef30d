import { describe, expect, it } from 'vitest';
import { normalizeRaw, type StoredEvent } from './normalize';
import { packEvents, PARTIAL_PREFIX_BYTES, unpackEvents, unpackInline, type BinaryTransport } from './wire';

const opts = { maxPayloadBytes: 4 };
const binary = (seq: number, bytes: number[]) => normalizeRaw({ k: 'message', id: 1, t: seq, dir: 'received', data: new Uint8Array(bytes).buffer }, seq, opts, 'https://a/')!;
const text = (seq: number, data: string, extra = {}) => normalizeRaw({ k: 'message', id: 2, t: seq + 0.5, dir: 'sent', data, ...extra }, seq, opts, 'https://a/')!;
const opened = (seq: number) => normalizeRaw({ k: 'open', id: 1, t: seq, protocol: 'p', extensions: '' }, seq, opts, 'https://a/')!;
const closed = (seq: number) => normalizeRaw({ k: 'closed', id: 1, t: seq, code: 1000, reason: '', wasClean: true }, seq, opts, 'https://a/')!;

const events = (): StoredEvent[] => [
  opened(1), binary(2, [0, 1, 2, 250]), text(3, 'hé', { bufferedAmount: 12 }), opened(4), binary(5, []),
  binary(6, [9, 8, 7, 6, 5, 4]), text(7, 'simulated!', { origin: 'simulated' }), binary(8, [1]), closed(9),
];
const expected = [
  { kind: 'open', seq: 1, protocol: 'p' },
  { kind: 'message', seq: 2, socket: 1, time: 2, dir: 'received', opcode: 2, size: 4, data: new Uint8Array([0, 1, 2, 250]) },
  { kind: 'message', seq: 3, socket: 2, time: 3.5, dir: 'sent', opcode: 1, size: 3, data: 'hé', bufferedAmount: 12 },
  { kind: 'open', seq: 4 },
  { kind: 'message', seq: 5, opcode: 2, size: 0, data: new Uint8Array(0) },
  { kind: 'message', seq: 6, opcode: 2, size: 6, data: new Uint8Array([9, 8, 7, 6]), truncated: true },
  { kind: 'message', seq: 7, opcode: 1, size: 10, data: 'simu', truncated: true, origin: 'simulated' },
  { kind: 'message', seq: 8, opcode: 2, size: 1, data: new Uint8Array([1]) },
  { kind: 'closed', seq: 9, code: 1000 },
];

describe('batches across extension messaging', () => {
  for (const transport of ['blob', 'clone', 'base64'] as BinaryTransport[]) {
    it(`arrive in the panel as the relay's events, in order, binary as bytes, over the ${transport} transport`, async () => {
      const packed = packEvents(events(), transport, { blobMin: 0 });
      const crossed = transport === 'base64' ? JSON.parse(JSON.stringify(packed)) : structuredClone(packed);
      const unpacked = await unpackEvents(crossed);
      expect(unpacked).toMatchObject(expected);
      expect(unpacked).toHaveLength(expected.length);
      expect(unpacked[1]).not.toHaveProperty('truncated');
      expect(unpacked[1]).not.toHaveProperty('origin');
      expect(unpacked[1]).not.toHaveProperty('bufferedAmount');
    });
  }

  it('hands an edited message its original as bytes, whichever transport carried it', async () => {
    const edited = normalizeRaw({ k: 'message', id: 1, t: 3, dir: 'sent', data: 'new', intercept: 'edited', original: new Uint8Array([7, 8]).buffer }, 3, opts, 'https://a/')!;
    for (const transport of ['blob', 'clone', 'base64'] as BinaryTransport[]) {
      const packed = packEvents([edited], transport, { blobMin: 0 });
      const crossed = transport === 'base64' ? JSON.parse(JSON.stringify(packed)) : structuredClone(packed);
      expect((await unpackEvents(crossed))[0]).toMatchObject({ data: 'new', intercept: 'edited', original: { opcode: 2, size: 2, data: new Uint8Array([7, 8]) } });
    }
  });

  it('gives unpacked messages the relay\'s own event shape (same keys in the same order)', async () => {
    const unpacked = await unpackEvents(structuredClone(packEvents(events(), 'blob', { blobMin: 0 })));
    const original = events();
    for (const i of [2, 6]) expect(Object.keys(unpacked[i])).toEqual(Object.keys(original[i]));
  });

  it('puts every binary payload of a batch in one Blob, in order, and sends messages as columns', () => {
    const body = packEvents(events(), 'blob', { blobMin: 0 });
    expect(body.payloads?.size).toBe(4 + 0 + 4 + 1);
    expect(body.events.map((e) => e.seq)).toEqual([1, 4, 9]);
    expect(body.messages?.seq).toEqual([2, 3, 5, 6, 7, 8]);
    expect(body.messages?.blobAt).toEqual([0, -1, 4, 4, -1, 8]);
    expect(body.messages?.data[1]).toBe('hé');
  });

  it('keeps binary payloads inline, without a Blob, while the batch holds fewer bytes than a Blob is worth', async () => {
    const small = packEvents(events(), 'blob', { blobMin: 10 });
    expect(small.payloads).toBeUndefined();
    expect(small.messages?.blobAt).toBeUndefined();
    expect(unpackInline(structuredClone(small))).toMatchObject(expected);
    expect(packEvents(events(), 'blob', { blobMin: 9 }).payloads?.size).toBe(9);
  });

  it('sends no Blob and no columns when there is nothing to put in them', () => {
    expect(packEvents([opened(1), text(2, 'x')], 'blob').payloads).toBeUndefined();
    expect(packEvents([opened(1)], 'blob').messages).toBeUndefined();
  });

  it('unpacks batches without a Blob synchronously', () => {
    expect(unpackInline(packEvents(events(), 'base64'))).toMatchObject(expected);
    expect(unpackInline(structuredClone(packEvents(events(), 'clone')))).toMatchObject(expected);
  });

  for (const transport of ['blob', 'clone', 'base64'] as BinaryTransport[]) {
    it(`sends the messages it is told to with their first bytes only, marked partial (${transport})`, async () => {
      const big = normalizeRaw({ k: 'message', id: 1, t: 10, dir: 'received', data: new Uint8Array(PARTIAL_PREFIX_BYTES + 5).fill(7).buffer }, 10, { maxPayloadBytes: 1 << 20 }, 'https://a/')!;
      const history = [...events(), big];
      const packed = packEvents(history, transport, { blobMin: 0, prefixOnly: (e) => e.seq === 10 });
      const crossed = transport === 'base64' ? JSON.parse(JSON.stringify(packed)) : structuredClone(packed);
      const unpacked = await unpackEvents(crossed);
      expect(unpacked.at(-1)).toMatchObject({ seq: 10, size: PARTIAL_PREFIX_BYTES + 5, partial: true, data: new Uint8Array(PARTIAL_PREFIX_BYTES).fill(7) });
      expect(unpacked.slice(0, -1)).toMatchObject(expected);
      expect(unpacked[1]).not.toHaveProperty('partial');
      expect((history.at(-1) as { data: ArrayBuffer }).data.byteLength).toBe(PARTIAL_PREFIX_BYTES + 5);
    });
  }
});
