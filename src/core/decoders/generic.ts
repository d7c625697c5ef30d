import { decodeCbor, decodeMsgpack, isContainer } from './binary-formats';
import type { Decoded, DecodeFn, DecoderDef, Payload } from './types';
import { isRecord, preview, tryJson } from './values';

function fieldsOf(v: unknown): Record<string, string | number | boolean | undefined> {
  if (!isRecord(v)) return {};
  const pick = (k: string) => (typeof v[k] === 'string' || typeof v[k] === 'number' || typeof v[k] === 'boolean' ? (v[k] as string | number | boolean) : undefined);
  return { type: pick('type') ?? pick('event') ?? pick('op') ?? pick('action'), id: pick('id') };
}

function binaryDecoder(id: string, label: string, decode: (b: Uint8Array) => unknown): DecoderDef {
  const fn: DecodeFn = (p: Payload): Decoded | null => {
    if (p.opcode !== 2 || !p.bytes) return null;
    const value = decode(p.bytes);
    return { decoder: id, summary: `${label} ${preview(value)}`, value, fields: fieldsOf(value) };
  };
  return {
    id,
    label,
    create: () => fn,
    sniff: (p) => {
      if (p.opcode !== 2 || !p.bytes || p.bytes.length < 2) return false;
      try {
        return isContainer(decode(p.bytes));
      } catch {
        return false;
      }
    },
  };
}

export const msgpack = binaryDecoder('msgpack', 'MessagePack', decodeMsgpack);
export const cbor = binaryDecoder('cbor', 'CBOR', decodeCbor);

const decodeJson: DecodeFn = (p) => {
  if (p.opcode !== 1) return null;
  const value = JSON.parse(p.text ?? '') as unknown;
  return { decoder: 'json', summary: `JSON ${preview(value)}`, value, fields: fieldsOf(value) };
};

export const json: DecoderDef = {
  id: 'json',
  label: 'JSON',
  create: () => decodeJson,
  sniff: (p) => p.opcode === 1 && /^\s*[[{]/.test(p.text ?? '') && tryJson(p.text ?? '') !== undefined,
};
