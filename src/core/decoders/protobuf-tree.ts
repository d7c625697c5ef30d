import { printableText } from './values';
import { asDouble, asFloat, asInt32, asInt64, jsonFloat, jsonInt, readMessage, readPackedVarints, zigzag, type WireField } from './protobuf-wire';
import { bytesToHex } from '../encoding';

type Json = string | number | boolean | null;

/** One field of a decoded Protobuf message, as the detail tree shows it. */
export interface PbNode {
  no: number;
  /** With a schema: the field's name. */
  name?: string;
  /** Without a schema, what the wire says ('varint', 'i64', 'i32', 'message', 'string', 'bytes'); with one, the field's type. */
  type: string;
  /** The field's bytes in the payload, tag included: [start, end). */
  at: [number, number];
  value?: Json | Json[];
  /** Other readings of the same bits, e.g. {signed: -1, zigzag: …}. */
  readings?: Record<string, Json | Json[]>;
  fields?: PbNode[];
}

/** A decoded message: its type when a schema named it, and its fields. */
export interface PbMessage {
  type?: string;
  fields: PbNode[];
}

const MAX_DEPTH = 32;
const MAX_LIST = 64;
const HEX_SHOWN = 64;

export const hexOf = (b: Uint8Array): string => bytesToHex(b.subarray(0, HEX_SHOWN), ' ') + (b.length > HEX_SHOWN ? ' …' : '');

const list = <T>(xs: T[], f: (x: T) => Json): Json[] => xs.slice(0, MAX_LIST).map(f);

function intReadings(v: bigint, signed: bigint, extra: Record<string, Json>): Record<string, Json> {
  const r: Record<string, Json> = {};
  if (signed !== v) r.signed = jsonInt(signed);
  return { ...r, ...extra };
}

/** The bytes of a length-delimited field read as a message when they are one, and not just text. */
function nestedOf(bytes: Uint8Array, f: WireField, depth: number): WireField[] | undefined {
  if (depth >= MAX_DEPTH || f.end === f.valueStart) return undefined;
  const value = bytes.subarray(f.valueStart!, f.end);
  if (printableText(value) !== undefined) return undefined;
  return readMessage(bytes, f.valueStart, f.end);
}

/** A field read without a schema: every plausible reading of its bits. */
export function rawNode(bytes: Uint8Array, f: WireField, depth: number): PbNode {
  const at: [number, number] = [f.start, f.end];
  const v = f.int!;
  switch (f.wire) {
    case 0:
      return { no: f.no, type: 'varint', at, value: jsonInt(v), readings: intReadings(v, asInt64(v), v === 0n ? {} : { zigzag: jsonInt(zigzag(v)) }) };
    case 5:
      return { no: f.no, type: 'i32', at, value: jsonInt(v), readings: intReadings(v, asInt32(v), { float: jsonFloat(asFloat(v)) }) };
    case 1:
      return { no: f.no, type: 'i64', at, value: jsonInt(v), readings: intReadings(v, asInt64(v), { double: jsonFloat(asDouble(v)) }) };
  }
  const nested = nestedOf(bytes, f, depth);
  if (nested) return { no: f.no, type: 'message', at, fields: nested.map((x) => rawNode(bytes, x, depth + 1)) };
  const value = bytes.subarray(f.valueStart!, f.end);
  const text = printableText(value);
  if (text !== undefined) return { no: f.no, type: 'string', at, value: text };
  return { no: f.no, type: 'bytes', at, value: hexOf(value), readings: packedReadings(value) };
}

/** What a packed repeated field of each numeric kind would hold in these bytes. */
function packedReadings(value: Uint8Array): Record<string, Json[]> | undefined {
  const r: Record<string, Json[]> = {};
  const varints = readPackedVarints(value, 0, value.length);
  if (varints) r['packed varint'] = list(varints, jsonInt);
  const dv = new DataView(value.buffer, value.byteOffset, value.byteLength);
  if (value.length > 0 && value.length % 4 === 0) r['packed float'] = list(Array.from({ length: value.length / 4 }, (_, i) => dv.getFloat32(i * 4, true)), jsonFloat);
  if (value.length > 0 && value.length % 8 === 0) r['packed double'] = list(Array.from({ length: value.length / 8 }, (_, i) => dv.getFloat64(i * 8, true)), jsonFloat);
  return Object.keys(r).length ? r : undefined;
}

/** `bytes[start, end)` read as a message without a schema, or undefined when it is not one. */
export function rawMessage(bytes: Uint8Array, maxField?: number, start = 0, end = bytes.length): PbMessage | undefined {
  const fields = readMessage(bytes, start, end, maxField);
  if (!fields || fields.length === 0) return undefined;
  return { fields: fields.map((f) => rawNode(bytes, f, 0)) };
}

const MAX_FIELDS = 64;
const MAX_FIELD_TEXT = 256;

/**
 * The message's scalar values as filterable fields, keyed by dotted path (`user.name`, or field
 * numbers after `prefix`: `pb.2.1`); a repeated field's values joined by ", ".
 */
export function flatFields(m: PbMessage, prefix = ''): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  let count = 0;
  const walk = (nodes: PbNode[], path: string) => {
    for (const n of nodes) {
      const key = `${path}${n.name ?? n.no}`;
      if (n.fields) walk(n.fields, `${key}.`);
      else if (n.value !== undefined && n.value !== null && n.type !== 'bytes') {
        const v = Array.isArray(n.value) ? n.value.join(', ') : n.value;
        if (key in out) out[key] = `${out[key]}, ${v}`.slice(0, MAX_FIELD_TEXT);
        else if (count++ < MAX_FIELDS) out[key] = typeof v === 'string' ? v.slice(0, MAX_FIELD_TEXT) : v;
      }
    }
  };
  walk(m.fields, prefix);
  return out;
}

/** One line for the grid: `1:"alice" 2:150 3:{1:5}`, cut at `max`. */
export function summaryOf(m: PbMessage, max = 80): string {
  let s = '';
  const walk = (nodes: PbNode[]) => {
    for (const [i, n] of nodes.entries()) {
      if (s.length > max) return;
      if (i > 0) s += ' ';
      s += `${n.name ?? n.no}:`;
      if (n.fields) {
        s += '{';
        walk(n.fields);
        s += '}';
      } else s += n.type === 'bytes' ? `<${n.value}>` : JSON.stringify(n.value);
    }
  };
  walk(m.fields);
  s = s.replace(/\s+/g, ' ');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** The message as plain data, keyed by name (or number): a field that repeats becomes an array. For comparing messages. */
export function plainOf(m: PbMessage): Record<string, unknown> {
  const walk = (nodes: PbNode[]) => {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const n of nodes) {
      const key = n.name ?? String(n.no);
      const v = n.fields ? walk(n.fields) : n.value;
      if (!(key in out)) out[key] = v;
      else {
        if (!seen.has(key)) out[key] = [out[key]];
        seen.add(key);
        (out[key] as unknown[]).push(v);
      }
    }
    return out;
  };
  return walk(m.fields);
}
