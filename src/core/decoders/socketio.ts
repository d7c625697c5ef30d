import { binaryPacket, textPackets, type Eio, type EioPacket } from './engineio';
import { fillPlaceholders, isValidSioPacket, parseSioPacket, sioTypeName, type SioPacket } from './socketio-packet';
import type { Decoded, DecodeFn, DecoderDef, Direction, FieldValue, Payload } from './types';
import { binaryValue, isRecord, preview } from './values';
import { formatBytes } from '../units';

interface Pending {
  packet: SioPacket;
  buffers: unknown[];
}

interface Part {
  summary: string;
  value: unknown;
  fields: Record<string, FieldValue>;
  note?: string;
  contextual?: true;
}

/** `eio` is in the literal because a property added afterwards costs the object a second backing store. */
function sioFields(p: SioPacket, eio?: 'message'): Record<string, FieldValue> {
  const event = (p.type === 2 || p.type === 5) && Array.isArray(p.data) ? p.data[0] : undefined;
  return {
    eio,
    type: sioTypeName(p.type),
    ns: p.nsp,
    event: typeof event === 'string' || typeof event === 'number' ? String(event) : undefined,
    ack: p.id,
  };
}

function sioSummary(p: SioPacket): string {
  const f = sioFields(p);
  let s = `socket.io ${f.type}`;
  if (f.event !== undefined) s += ` ${JSON.stringify(f.event)}`;
  s += ` ns=${p.nsp}`;
  if (p.id !== undefined) s += ` ack=${p.id}`;
  const rest = f.event !== undefined && Array.isArray(p.data) ? p.data.slice(1) : p.data;
  if (rest !== undefined && !(Array.isArray(rest) && rest.length === 0)) s += ' ' + preview(rest, 60);
  return s;
}

/** What the detail tree shows: an event's name and its payload first, then only the fields the packet has. */
function sioValue(p: SioPacket, data: unknown = p.data): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  const event = sioFields(p).event;
  if (event !== undefined && Array.isArray(data)) {
    v.event = data[0];
    const args = data.slice(1);
    v.data = args.length === 1 ? args[0] : args;
  } else if (data !== undefined) v.data = data;
  v.type = sioTypeName(p.type);
  v.nsp = p.nsp;
  if (p.id !== undefined) v.ack = p.id;
  if (p.attachments !== undefined) v.attachments = p.attachments;
  return v;
}

function createSocketIoDecoder(eio: Eio, id: string): DecodeFn {
  const pending: Record<Direction, Pending | undefined> = { sent: undefined, received: undefined };

  function message(text: string, dir: Direction): Part {
    const p = parseSioPacket(text);
    const part: Part = { summary: sioSummary(p), value: sioValue(p), fields: sioFields(p, 'message') };
    if (p.attachments !== undefined) {
      pending[dir] = p.attachments > 0 ? { packet: p, buffers: [] } : undefined;
      const n = p.attachments;
      part.note = `awaiting ${n} binary attachment${n === 1 ? '' : 's'}`;
    } else if (!isValidSioPacket(p)) {
      part.note = 'socket.io-parser would reject this packet';
    }
    return part;
  }

  function attachment(bytes: Uint8Array, dir: Direction, pend: Pending): Part {
    pend.buffers.push(binaryValue(bytes));
    const p = pend.packet;
    const total = p.attachments ?? 0;
    const label = sioTypeName(p.type) + (sioFields(p).event !== undefined ? ` ${JSON.stringify(sioFields(p).event)}` : '');
    const part: Part = {
      summary: `socket.io attachment ${pend.buffers.length}/${total} of ${label} (${formatBytes(bytes.length)})`,
      value: binaryValue(bytes),
      fields: { ...sioFields(p), attachment: pend.buffers.length },
      contextual: true,
    };
    if (pend.buffers.length >= total) {
      pending[dir] = undefined;
      part.value = sioValue(p, fillPlaceholders(p.data, pend.buffers));
      part.note = `completes ${label}`;
    }
    return part;
  }

  function eioPart(packet: EioPacket, dir: Direction, fromBinaryFrame: boolean): Part {
    const { type, data } = packet;
    if (type === 'message' && typeof data === 'string') {
      return message(data, dir);
    }
    if (type === 'message' && data instanceof Uint8Array) {
      const pend = pending[dir];
      if (pend) return attachment(data, dir, pend);
      return {
        summary: `engine.io MESSAGE binary (${formatBytes(data.length)})`,
        value: binaryValue(data),
        fields: { eio: 'message', binary: true },
        note: fromBinaryFrame ? 'binary frame without a pending socket.io binary packet' : undefined,
      };
    }
    if (type === 'error') throw new Error(`not an engine.io v${eio} packet`);
    return eioControl(type, data);
  }

  function eioControl(type: string, data: string | Uint8Array | undefined): Part {
    const fields: Record<string, FieldValue> = { eio: type, type: type.toUpperCase() };
    let summary = `engine.io ${type.toUpperCase()}`;
    let value: unknown = data instanceof Uint8Array ? binaryValue(data) : data;
    if (type === 'open' && typeof data === 'string') {
      const hs = JSON.parse(data) as unknown;
      value = hs;
      if (isRecord(hs)) {
        fields.sid = typeof hs.sid === 'string' ? hs.sid : undefined;
        summary += ` sid=${String(hs.sid)}`;
        if (hs.pingInterval !== undefined) summary += ` pingInterval=${String(hs.pingInterval)}`;
        if (Array.isArray(hs.upgrades) && hs.upgrades.length) summary += ` upgrades=${hs.upgrades.join(',')}`;
      }
    } else if (typeof data === 'string' && data !== '') summary += ` ${data}`;
    return { summary, value: { engineio: type, data: value }, fields };
  }

  return (p: Payload, dir: Direction): Decoded => {
    const packets = p.opcode === 2 ? [binaryPacket(p.bytes ?? new Uint8Array(0), eio)] : textPackets(p.text ?? '', eio);
    const parts = packets.map((pk) => eioPart(pk, dir, p.opcode === 2));
    if (parts.length === 1) return { decoder: id, ...parts[0] };
    return {
      decoder: id,
      summary: `${parts.length} packets: ${parts.map((x) => x.summary).join(' | ')}`,
      value: parts.map((x) => x.value),
      fields: parts.find((x) => x.fields.eio === 'message')?.fields ?? parts[0].fields,
      note: parts.map((x) => x.note).filter(Boolean).join('; ') || undefined,
      ...(parts.some((x) => x.contextual) ? { contextual: true as const } : {}),
    };
  };
}

const SNIFF = /^(0\{"sid":|2probe$|3probe$|4[0-6]|40$)/;

function sniff(p: Payload): boolean {
  return p.opcode === 1 && SNIFF.test(p.text ?? '');
}

export const socketIo: DecoderDef = {
  id: 'socket.io',
  label: 'Socket.IO / Engine.IO v4',
  create: () => createSocketIoDecoder(4, 'socket.io'),
  sniff,
};

export const socketIoV3: DecoderDef = {
  id: 'socket.io-v3',
  label: 'Socket.IO v2 / Engine.IO v3',
  create: () => createSocketIoDecoder(3, 'socket.io-v3'),
};
