import { describe, expect, it } from 'vitest';
import { normalizeRaw, type StoredEvent } from './normalize';
import { packEvents, unpackEvents, unpackInline, type BinaryTransport } from './wire';

const opts = { maxPayloadBytes: 100, keepBytes: true as const };
const binary = (seq: number, bytes: number[]) => normalizeRaw({ k: 'message', id: 1, t: seq, dir: 'received', data: new Uint8Array(bytes).buffer }, seq, opts)!;
const text = (seq: number, data: string) => normalizeRaw({ k: 'message', id: 1, t: seq, dir: 'sent', data }, seq, opts)!;
const opened = (seq: number) => normalizeRaw({ k: 'open', id: 1, t: seq, protocol: '', extensions: '' }, seq, opts)!;

const events = (): StoredEvent[] => [opened(1), binary(2, [0, 1, 2, 250, 255]), text(3, 'héllo'), binary(4, []), binary(5, [9])];
const expected = [
  { kind: 'open', seq: 1 },
  { seq: 2, opcode: 2, size: 5, data: 'AAEC+v8=' },
  { seq: 3, opcode: 1, size: 6, data: 'héllo' },
  { seq: 4, opcode: 2, size: 0, data: '' },
  { seq: 5, opcode: 2, size: 1, data: 'CQ==' },
];

describe('binary payloads across extension messaging', () => {
  for (const transport of ['blob', 'clone', 'base64'] as BinaryTransport[]) {
    it(`arrive in the panel as the same base64 over the ${transport} transport`, async () => {
      const packed = structuredClone(packEvents(events(), transport));
      const unpacked = await unpackEvents(packed.events, packed.payloads);
      expect(unpacked).toMatchObject(expected);
      expect(unpacked.some((e) => 'blobAt' in e)).toBe(false);
    });
  }

  it('puts every payload of a batch in one Blob, in order, and leaves text in the message', async () => {
    const { events: wire, payloads } = packEvents(events(), 'blob');
    expect(payloads?.size).toBe(6);
    expect(wire.map((e) => ('blobAt' in e ? e.blobAt : null))).toEqual([null, [0, 5], null, [5, 0], [5, 1]]);
    expect(wire[2]).toMatchObject({ data: 'héllo' });
  });

  it('sends no Blob for a batch without binary payloads', () => {
    expect(packEvents([opened(1), text(2, 'x')], 'blob').payloads).toBeUndefined();
  });

  it('unpacks inline batches synchronously', () => {
    expect(unpackInline(packEvents(events(), 'base64').events)).toMatchObject(expected);
    expect(unpackInline(packEvents(events(), 'clone').events)).toMatchObject(expected);
  });
});
