import { PacketType, isPacketValid } from 'socket.io-parser';

/** A socket.io packet as written on the wire (protocol v4 and v5: `<type>[<attachments>-][<nsp>,][<id>][<json>]`). */
export interface SioPacket {
  type: number;
  nsp: string;
  id?: number;
  attachments?: number;
  data?: unknown;
}

export const sioTypeName = (t: number): string => PacketType[t] ?? `TYPE${t}`;

/** Parses a socket.io packet leniently (reserved event names and odd payloads are kept, not rejected). */
export function parseSioPacket(s: string): SioPacket {
  const type = s.charCodeAt(0) - 48;
  if (!(type >= 0 && type <= 6)) throw new Error(`unknown socket.io packet type ${JSON.stringify(s.charAt(0))}`);
  const p: SioPacket = { type, nsp: '/' };
  let i = 1;
  if (type === PacketType.BINARY_EVENT || type === PacketType.BINARY_ACK) {
    const dash = s.indexOf('-', i);
    const n = Number(s.slice(i, dash));
    if (dash < 0 || !Number.isInteger(n) || n < 0) throw new Error('illegal attachments count');
    p.attachments = n;
    i = dash + 1;
  }
  if (s.charAt(i) === '/') {
    const comma = s.indexOf(',', i);
    const end = comma < 0 ? s.length : comma;
    p.nsp = s.slice(i, end);
    i = comma < 0 ? end : end + 1;
  }
  const idMatch = /^\d+/.exec(s.slice(i));
  if (idMatch) {
    p.id = Number(idMatch[0]);
    i += idMatch[0].length;
  }
  if (i < s.length) p.data = JSON.parse(s.slice(i));
  return p;
}

/** Whether socket.io-parser itself would accept the (non-binary) packet. */
export function isValidSioPacket(p: SioPacket): boolean {
  if (p.type === PacketType.BINARY_EVENT || p.type === PacketType.BINARY_ACK) {
    return Array.isArray(p.data) && (p.attachments ?? 0) > 0;
  }
  return isPacketValid(p as Parameters<typeof isPacketValid>[0]);
}

/** Replaces `{_placeholder: true, num}` objects with the attachment bytes' JSON-able form. */
export function fillPlaceholders(data: unknown, attachments: unknown[]): unknown {
  if (Array.isArray(data)) return data.map((x) => fillPlaceholders(x, attachments));
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    if (o._placeholder === true && typeof o.num === 'number') return attachments[o.num] ?? o;
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fillPlaceholders(v, attachments)]));
  }
  return data;
}
