import { payloadText, utf8Decode } from './payload';
import type { Decoded, DecodeFn, DecoderDef, Direction, Payload } from './types';
import { binaryValue, isRecord, preview, str, tryJson } from './values';

interface PhxMessage {
  join_ref?: string | null;
  ref?: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

const KINDS = ['push', 'reply', 'broadcast'];

/**
 * Phoenix's V2 binary frames: a kind byte, the sizes of the string fields, the strings, then the payload.
 * A client push carries join_ref, ref, topic, event; a server push join_ref, topic, event; a reply
 * join_ref, ref, topic, status; a broadcast topic, event.
 */
function decodeBinary(b: Uint8Array, dir: Direction): PhxMessage & { kind: string } {
  const kind = b[0];
  const names =
    kind === 0 ? (dir === 'sent' ? ['join_ref', 'ref', 'topic', 'event'] : ['join_ref', 'topic', 'event']) :
    kind === 1 ? ['join_ref', 'ref', 'topic', 'status'] :
    kind === 2 ? ['topic', 'event'] : undefined;
  if (!names) throw new Error(`unknown Phoenix binary frame kind ${kind}`);
  let offset = 1 + names.length;
  if (b.length < offset) throw new Error('Phoenix binary frame too short');
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    const size = b[1 + i];
    if (offset + size > b.length) throw new Error('Phoenix binary frame field runs past the end');
    out[name] = utf8Decode(b.subarray(offset, offset + size));
    offset += size;
  });
  const data = binaryValue(b.subarray(offset));
  const base = { kind: KINDS[kind], join_ref: out.join_ref ?? null, ref: out.ref ?? null, topic: out.topic };
  if (kind === 1) return { ...base, event: 'phx_reply', payload: { status: out.status, response: data } };
  return { ...base, event: out.event, payload: data };
}

function decodeText(text: string): PhxMessage & { vsn: string } {
  const m = JSON.parse(text) as unknown;
  if (Array.isArray(m) && m.length === 5) {
    const [join_ref, ref, topic, event, payload] = m as [string | null, string | null, unknown, unknown, unknown];
    if (typeof topic !== 'string' || typeof event !== 'string') throw new Error('Phoenix v2 message without topic/event');
    return { vsn: '2', join_ref, ref, topic, event, payload };
  }
  if (isRecord(m) && typeof m.topic === 'string' && typeof m.event === 'string') {
    return { vsn: '1', join_ref: (m.join_ref as string | null | undefined) ?? null, ref: (m.ref as string | null) ?? null, topic: m.topic, event: m.event, payload: m.payload };
  }
  throw new Error('not a Phoenix message ([join_ref, ref, topic, event, payload] or {topic, event, payload, ref})');
}

function decodePhoenix(p: Payload, dir: Direction): Decoded {
  const msg = p.opcode === 2 ? decodeBinary(p.bytes ?? new Uint8Array(0), dir) : decodeText(payloadText(p));
  const reply = msg.event === 'phx_reply' && isRecord(msg.payload) ? msg.payload : undefined;
  const status = reply ? str(reply.status) : undefined;
  let summary = `Phoenix ${msg.event} ${msg.topic}`;
  if (msg.ref != null) summary += ` ref=${msg.ref}`;
  if (msg.join_ref != null && msg.join_ref !== msg.ref) summary += ` join_ref=${msg.join_ref}`;
  if (status) summary += ` ${status}`;
  const shown = reply ? reply.response : msg.payload;
  if (shown !== undefined && !(isRecord(shown) && Object.keys(shown).length === 0)) summary += ' ' + preview(shown, 60);
  return {
    decoder: 'phoenix',
    summary,
    value: msg,
    fields: { topic: msg.topic, event: msg.event, type: msg.event, ref: msg.ref ?? undefined, joinRef: msg.join_ref ?? undefined, status },
  };
}

export const phoenix: DecoderDef = {
  id: 'phoenix',
  label: 'Phoenix Channels (v1, v2)',
  create: (): DecodeFn => decodePhoenix,
  sniff: (p) => {
    const m = p.opcode === 1 && /^\s*[[{]/.test(p.text ?? '') ? tryJson(p.text ?? '') : undefined;
    if (Array.isArray(m)) return m.length === 5 && typeof m[2] === 'string' && typeof m[3] === 'string' && /^phx_|^heartbeat$/.test(m[3]);
    return isRecord(m) && typeof m.topic === 'string' && typeof m.event === 'string' && 'ref' in m && 'payload' in m;
  },
};
