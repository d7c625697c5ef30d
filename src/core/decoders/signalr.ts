import { decode } from '@msgpack/msgpack';
import { payloadBytes, utf8Decode } from './payload';
import type { Decoded, DecodeFn, DecoderDef, FieldValue, Payload } from './types';
import { isRecord, preview, str, toJsonable, tryJson } from './values';

const TYPES = ['', 'Invocation', 'StreamItem', 'Completion', 'StreamInvocation', 'CancelInvocation', 'Ping', 'Close', 'Ack', 'Sequence'];
const RS = 0x1e;

interface Part {
  summary: string;
  value: unknown;
  fields: Record<string, FieldValue>;
}

function handshake(msg: Record<string, unknown>): Part {
  if ('protocol' in msg) {
    return {
      summary: `SignalR handshake protocol=${String(msg.protocol)} v${String(msg.version)}`,
      value: msg,
      fields: { type: 'Handshake', protocol: str(msg.protocol) },
    };
  }
  const error = str(msg.error);
  return { summary: error ? `SignalR handshake error ${JSON.stringify(error)}` : 'SignalR handshake ok', value: msg, fields: { type: 'HandshakeResponse', error } };
}

function hubMessage(msg: Record<string, unknown>): Part {
  if (typeof msg.type !== 'number') return handshake(msg);
  const type = TYPES[msg.type] ?? `Type${msg.type}`;
  const target = str(msg.target);
  const id = str(msg.invocationId);
  let s = `SignalR ${type}`;
  if (target !== undefined) s += ` ${target}`;
  if (id !== undefined) s += ` id=${id}`;
  if (Array.isArray(msg.arguments) && msg.arguments.length) s += ' ' + preview(msg.arguments, 60);
  if ('item' in msg) s += ' ' + preview(msg.item, 60);
  if ('result' in msg) s += ` result=${preview(msg.result, 60)}`;
  if (msg.error !== undefined) s += ` error=${JSON.stringify(msg.error)}`;
  if (msg.sequenceId !== undefined) s += ` seq=${String(msg.sequenceId)}`;
  return { summary: s, value: msg, fields: { type, target, invocationId: id } };
}

/** A MessagePack hub message (an array) in the JSON protocol's shape. */
function fromArray(a: unknown[]): Record<string, unknown> {
  const [type] = a;
  const base = { type, headers: a[1], invocationId: a[2] ?? undefined };
  switch (type) {
    case 1:
    case 4:
      return { ...base, target: a[3], arguments: a[4], streamIds: a[5] };
    case 2:
      return { ...base, item: a[3] };
    case 3: {
      const kind = a[3];
      return { ...base, ...(kind === 1 ? { error: a[4] } : kind === 3 ? { result: a[4] } : {}) };
    }
    case 5:
      return base;
    case 6:
      return { type };
    case 7:
      return { type, error: a[1] ?? undefined, allowReconnect: a[2] };
    case 8:
    case 9:
      return { type, sequenceId: a[1] };
    default:
      return { type, fields: a.slice(1) };
  }
}

function textRecords(text: string): Part[] {
  const records = text.split('\x1e').filter((r) => r !== '');
  if (!records.length) throw new Error('empty SignalR message');
  return records.map((r) => {
    const m = JSON.parse(r) as unknown;
    if (!isRecord(m)) throw new Error('SignalR record is not a JSON object');
    return hubMessage(m);
  });
}

function binaryRecords(bytes: Uint8Array): Part[] {
  const parts: Part[] = [];
  let pos = 0;
  if (bytes[0] === 0x7b) {
    // The handshake response precedes MessagePack messages as JSON text ended by 0x1E.
    const end = bytes.indexOf(RS);
    if (end < 0) throw new Error('SignalR handshake without its 0x1E terminator');
    parts.push(...textRecords(utf8Decode(bytes.subarray(0, end))));
    pos = end + 1;
  }
  while (pos < bytes.length) {
    let len = 0;
    let shift = 0;
    let b: number;
    do {
      if (pos >= bytes.length || shift > 28) throw new Error('bad SignalR message length prefix');
      b = bytes[pos++];
      len += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    if (pos + len > bytes.length) throw new Error(`SignalR message cut: ${pos + len - bytes.length} byte(s) missing`);
    const arr = decode(bytes.subarray(pos, pos + len));
    if (!Array.isArray(arr)) throw new Error('SignalR MessagePack message is not an array');
    parts.push(hubMessage(toJsonable(fromArray(arr)) as Record<string, unknown>));
    pos += len;
  }
  return parts;
}

function decodeSignalR(p: Payload): Decoded {
  const parts = p.opcode === 1 ? textRecords(p.text ?? '') : binaryRecords(payloadBytes(p));
  const main = parts.find((x) => x.fields.type !== 'Ping') ?? parts[0];
  return {
    decoder: 'signalr',
    summary: parts.length === 1 ? parts[0].summary : `${parts.length} messages: ${parts.map((x) => x.summary).join(' | ')}`,
    value: parts.length === 1 ? parts[0].value : parts.map((x) => x.value),
    fields: main.fields,
  };
}

export const signalr: DecoderDef = {
  id: 'signalr',
  label: 'SignalR (JSON / MessagePack)',
  create: (): DecodeFn => decodeSignalR,
  sniff: (p) => {
    if (p.opcode !== 1 || !p.text?.endsWith('\x1e')) return false;
    const m = tryJson(p.text.slice(0, p.text.indexOf('\x1e')));
    return isRecord(m) && (typeof m.protocol === 'string' || typeof m.type === 'number' || Object.keys(m).length === 0);
  },
};
