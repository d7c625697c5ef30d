import { FRAMINGS, frameRanges, type Framing } from './protobuf-framing';
import { flatFields, rawMessage, summaryOf, type PbMessage } from './protobuf-tree';
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

/** What the user set for a socket: a schema and its directions' types, and how messages are framed. */
export interface ProtobufSetup {
  root?: Root;
  types: DirectionTypes;
  framing?: Framing;
}

const SUMMARY_MAX = 120;
const cut = (s: string) => (s.length > SUMMARY_MAX ? s.slice(0, SUMMARY_MAX - 1) + '…' : s);

/** Filterable fields of several messages: a path found in more than one has their values joined by ", ". */
function mergedFields(all: Record<string, string | number | boolean>[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const fields of all) for (const [k, v] of Object.entries(fields)) out[k] = k in out ? `${out[k]}, ${v}` : v;
  return out;
}

/** The Protobuf decoder of a socket set up with types from a schema and/or length-prefixed framing. */
export function configuredDecoder({ root, types, framing }: ProtobufSetup): DecodeFn {
  return (p, dir) => {
    if (p.opcode !== 2 || !p.bytes) return null;
    const bytes = p.bytes;
    const mapping = root ? types[dir] : undefined;
    const read = (start: number, end: number) => (mapping ? typedMessage(root!, mapping, bytes, start, end) : rawMessage(bytes, undefined, start, end));
    const what = mapping ? `a ${mapping.type} message` : 'a Protobuf message';
    const label = mapping ? (m: PbMessage) => m.type! : () => 'Protobuf';
    const prefix = mapping ? '' : 'pb.';
    if (!framing) {
      const m = read(0, bytes.length);
      if (!m) throw new Error(`not ${what}`);
      return { decoder: 'protobuf', summary: `${label(m)} ${summaryOf(m)}`, value: m, fields: flatFields(m, prefix) };
    }
    const ranges = frameRanges(bytes, framing);
    if (!ranges) throw new Error(`not messages each after a ${FRAMINGS[framing]}`);
    const frames = ranges.map(([, start, end], i) => {
      const m = read(start, end);
      if (!m) throw new Error(`message ${i + 1}: not ${what}`);
      return m;
    });
    const value: PbMessage = {
      fields: frames.map((m, i) => ({ no: i + 1, name: `message ${i + 1}`, type: m.type ?? 'message', at: [ranges[i][0], ranges[i][2]], fields: m.fields })),
    };
    const summary = cut(`${label(frames[0])} ×${frames.length} ${frames.map((m) => summaryOf(m, 40)).join(' | ')}`);
    return { decoder: 'protobuf', summary, value, fields: mergedFields(frames.map((m) => flatFields(m, prefix))) };
  };
}
