import { readVarint } from './protobuf-wire';

/** How several messages share one WebSocket message: each after its length, as a varint or as 4 bytes big-endian. */
export type Framing = 'varint' | 'uint32';

export const FRAMINGS: Record<Framing, string> = { varint: 'varint length prefix', uint32: '4-byte big-endian length prefix' };

/** Where each message is, its prefix included ([start, valueStart, end)); undefined when the prefixes do not fill the payload exactly. */
export function frameRanges(bytes: Uint8Array, framing: Framing): [number, number, number][] | undefined {
  const out: [number, number, number][] = [];
  for (let pos = 0; pos < bytes.length; ) {
    let length: number;
    let start: number;
    if (framing === 'varint') {
      const v = readVarint(bytes, pos);
      if (!v) return undefined;
      length = Number(v.value);
      start = v.next;
    } else {
      if (pos + 4 > bytes.length) return undefined;
      length = ((bytes[pos] << 24) | (bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3]) >>> 0;
      start = pos + 4;
    }
    if (start + length > bytes.length) return undefined;
    out.push([pos, start, start + length]);
    pos = start + length;
  }
  return out.length ? out : undefined;
}
