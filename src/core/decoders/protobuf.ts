import { flatFields, rawMessage, summaryOf } from './protobuf-tree';
import type { Root } from 'protobufjs';
import { typedMessage, type TypeMapping } from './protobuf-typed';
import type { DecodeFn, DecoderDef, Direction } from './types';

/**
 * Sniffing is strict, as a few random bytes often read as some message: at least 4 bytes, field
 * numbers that fit a one- or two-byte tag (as hand-written schemas use), and not only fixed-width
 * fields (which any bytes of the right length make).
 */
const SNIFF_MIN_BYTES = 4;
const SNIFF_MAX_FIELD = 2047;

function sniff(bytes: Uint8Array): boolean {
  if (bytes.length < SNIFF_MIN_BYTES) return false;
  const m = rawMessage(bytes, SNIFF_MAX_FIELD);
  return m !== undefined && m.fields.some((f) => f.type !== 'i32' && f.type !== 'i64');
}

const decodeRaw: DecodeFn = (p) => {
  if (p.opcode !== 2 || !p.bytes) return null;
  const m = rawMessage(p.bytes);
  if (!m) throw new Error('not a Protobuf message');
  return { decoder: 'protobuf', summary: `Protobuf ${summaryOf(m)}`, value: m, fields: flatFields(m, 'pb.') };
};

/** Protobuf read without a schema: field numbers, wire types and every plausible reading. */
export const protobuf: DecoderDef = {
  id: 'protobuf',
  label: 'Protobuf',
  create: () => decodeRaw,
  sniff: (p) => p.opcode === 2 && p.bytes !== undefined && sniff(p.bytes),
};

/** Each direction's message type from a schema; a direction without one reads as without a schema. */
export type DirectionTypes = Partial<Record<Direction, TypeMapping>>;

/** The Protobuf decoder of a socket whose directions are mapped to types of a schema. */
export function schemaDecoder(root: Root, types: DirectionTypes): DecodeFn {
  return (p, dir) => {
    const mapping = types[dir];
    if (!mapping) return decodeRaw(p, dir);
    if (p.opcode !== 2 || !p.bytes) return null;
    const m = typedMessage(root, mapping, p.bytes);
    if (!m) throw new Error(`not a ${mapping.type} message`);
    return { decoder: 'protobuf', summary: `${m.type} ${summaryOf(m)}`, value: m, fields: flatFields(m) };
  };
}
