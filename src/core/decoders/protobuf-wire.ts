/**
 * The Protobuf wire format read without a schema: each field's number, wire type, raw value and
 * byte range. Strict, so that arbitrary binary rarely reads as a message: every byte consumed,
 * field numbers in range (and outside the reserved 19000-19999), no groups (deprecated wire types
 * 3 and 4), varints of at most 10 bytes and without redundant trailing zero bytes.
 */

export type WireType = 0 | 1 | 2 | 5;

export interface WireField {
  no: number;
  wire: WireType;
  /** The field's bytes, tag included: [start, end). */
  start: number;
  end: number;
  /** Wire type 0: the varint; 1 and 5: the little-endian integer. */
  int?: bigint;
  /** Wire type 2: where the value's bytes start (after the length). */
  valueStart?: number;
}

const MAX_FIELD = 2 ** 29 - 1;

/** Reads a varint at `pos`; undefined when it is cut short, too long or not minimal. */
export function readVarint(b: Uint8Array, pos: number): { value: bigint; next: number } | undefined {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= b.length) return undefined;
    const byte = b[pos + i];
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if (byte < 0x80) {
      if (i > 0 && byte === 0) return undefined;
      if (i === 9 && byte > 1) return undefined;
      return { value, next: pos + i + 1 };
    }
  }
  return undefined;
}

function readFixed(b: Uint8Array, pos: number, size: 4 | 8): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[pos + i]);
  return v;
}

/**
 * The fields of `bytes[start, end)` read as one message, or undefined when they are not one.
 * `maxField` bounds field numbers (sniffing asks for small ones).
 */
export function readMessage(bytes: Uint8Array, start = 0, end = bytes.length, maxField = MAX_FIELD): WireField[] | undefined {
  const fields: WireField[] = [];
  let pos = start;
  while (pos < end) {
    const tag = readVarint(bytes, pos);
    if (!tag || tag.next > end || tag.value > BigInt(MAX_FIELD) << 3n) return undefined;
    const no = Number(tag.value >> 3n);
    const wire = Number(tag.value & 7n);
    if (no < 1 || no > maxField || (no >= 19000 && no <= 19999)) return undefined;
    const at = pos;
    pos = tag.next;
    if (wire === 0) {
      const v = readVarint(bytes, pos);
      if (!v || v.next > end) return undefined;
      fields.push({ no, wire, start: at, end: v.next, int: v.value });
      pos = v.next;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > end) return undefined;
      fields.push({ no, wire, start: at, end: pos + size, int: readFixed(bytes, pos, size) });
      pos += size;
    } else if (wire === 2) {
      const len = readVarint(bytes, pos);
      if (!len || len.next > end || len.value > BigInt(end - len.next)) return undefined;
      const valueEnd = len.next + Number(len.value);
      fields.push({ no, wire, start: at, end: valueEnd, valueStart: len.next });
      pos = valueEnd;
    } else return undefined;
  }
  return fields;
}

/** A packed run of varints filling `bytes[start, end)` exactly, or undefined. */
export function readPackedVarints(bytes: Uint8Array, start: number, end: number): bigint[] | undefined {
  const out: bigint[] = [];
  for (let pos = start; pos < end; ) {
    const v = readVarint(bytes, pos);
    if (!v || v.next > end) return undefined;
    out.push(v.value);
    pos = v.next;
  }
  return out.length ? out : undefined;
}

// Readings of the same bits as each Protobuf scalar type sees them.
export const asInt64 = (v: bigint): bigint => BigInt.asIntN(64, v);
export const asInt32 = (v: bigint): bigint => BigInt.asIntN(32, v);
export const zigzag = (v: bigint): bigint => (v >> 1n) ^ -(v & 1n);

const view = new DataView(new ArrayBuffer(8));
export function asFloat(v: bigint): number {
  view.setUint32(0, Number(v & 0xffffffffn), true);
  return view.getFloat32(0, true);
}
export function asDouble(v: bigint): number {
  view.setBigUint64(0, v, true);
  return view.getFloat64(0, true);
}

/** A bigint as a number when it is exact, else as its decimal string (JSON-able either way). */
export const jsonInt = (v: bigint): number | string => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString());

/** A float as JSON data: NaN and the infinities as strings, and -0 kept. */
export const jsonFloat = (v: number): number | string => (Number.isFinite(v) ? v : String(v));
