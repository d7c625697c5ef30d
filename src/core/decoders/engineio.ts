import { decodePacket, decodePayload } from 'engine.io-parser';
import { base64ToBytes } from '../encoding';

export type Eio = 3 | 4;
const EIO_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'];

export interface EioPacket {
  type: string;
  data?: string | Uint8Array;
}

/** Engine.IO v3 polling payloads: `<length>:<packet>` repeated, lengths in UTF-16 units. */
function splitV3Payload(text: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const m = /^(\d+):/.exec(text.slice(i, i + 12));
    if (!m) return undefined;
    const len = Number(m[1]);
    const start = i + m[0].length;
    if (len < 1 || start + len > text.length) return undefined;
    out.push(text.slice(start, start + len));
    i = start + len;
  }
  return out.length ? out : undefined;
}

/** The Engine.IO packets of a text frame (v4: one, or several joined by 0x1E; v3: one, or a polling payload). */
export function textPackets(text: string, eio: Eio): EioPacket[] {
  if (eio === 4) {
    const packets = text.includes('\x1e') ? decodePayload(text, 'arraybuffer') : [decodePacket(text, 'arraybuffer')];
    return packets.map((p) => ({ type: p.type, data: p.data instanceof ArrayBuffer ? new Uint8Array(p.data) : (p.data as string | undefined) }));
  }
  const parts = /^\d+:/.test(text) ? splitV3Payload(text) ?? [text] : [text];
  return parts.map(decodeV3Text);
}

function decodeV3Text(s: string): EioPacket {
  if (s.startsWith('b')) {
    const type = EIO_TYPES[Number(s.charAt(1))] ?? 'error';
    return { type, data: base64ToBytes(s.slice(2)) };
  }
  const type = EIO_TYPES[Number(s.charAt(0))];
  if (type === undefined || s === '') return { type: 'error', data: s };
  return s.length > 1 ? { type, data: s.slice(1) } : { type };
}

export function binaryPacket(bytes: Uint8Array, eio: Eio): EioPacket {
  // Engine.IO v3 prefixes every binary WebSocket frame with its packet type byte.
  if (eio === 3) return { type: EIO_TYPES[bytes[0]] ?? 'error', data: bytes.subarray(1) };
  return { type: 'message', data: bytes };
}
