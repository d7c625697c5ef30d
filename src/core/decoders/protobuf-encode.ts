/**
 * A message written as JSON (proto3's JSON mapping: field names as declared or in lowerCamelCase,
 * enums by name or number, 64-bit integers as numbers or strings, bytes as base64) encoded with
 * its type from a schema, by walking the reflected type (no generated code).
 */
import protobuf from 'protobufjs';
import { base64ToBytes } from '../encoding';
import { utf8Encode } from './payload';

class Out {
  private parts: number[] = [];
  varint(v: bigint): void {
    let x = BigInt.asUintN(64, v);
    while (x >= 0x80n) {
      this.parts.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.parts.push(Number(x));
  }
  fixed(v: bigint, size: 4 | 8): void {
    let x = BigInt.asUintN(size * 8, v);
    for (let i = 0; i < size; i++, x >>= 8n) this.parts.push(Number(x & 0xffn));
  }
  raw(b: Uint8Array): void {
    for (const x of b) this.parts.push(x);
  }
  tag(no: number, wire: number): void {
    this.varint(BigInt(no * 8 + wire));
  }
  delimited(no: number, b: Uint8Array): void {
    this.tag(no, 2);
    this.varint(BigInt(b.length));
    this.raw(b);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

const WIRE: Record<string, number> = {
  int32: 0, int64: 0, uint32: 0, uint64: 0, sint32: 0, sint64: 0, bool: 0,
  fixed32: 5, sfixed32: 5, float: 5, fixed64: 1, sfixed64: 1, double: 1,
};

function integer(v: unknown, where: string): bigint {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return BigInt(v.trim());
  throw new Error(`${where}: ${JSON.stringify(v)} is not an integer`);
}

function number(v: unknown, where: string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new Error(`${where}: ${JSON.stringify(v)} is not a number`);
}

const floatBits = (v: number, size: 4 | 8): bigint => {
  const dv = new DataView(new ArrayBuffer(8));
  if (size === 4) {
    dv.setFloat32(0, v, true);
    return BigInt(dv.getUint32(0, true));
  }
  dv.setFloat64(0, v, true);
  return dv.getBigUint64(0, true);
};

function enumValue(e: protobuf.Enum, v: unknown, where: string): bigint {
  if (typeof v === 'string' && v in e.values) return BigInt(e.values[v]);
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw new Error(`${where}: ${JSON.stringify(v)} is not a value of ${e.fullName.slice(1)}`);
}

/** Writes one value of a scalar or enum type without its tag. */
function writeScalar(out: Out, type: string, resolved: protobuf.ReflectionObject | null, v: unknown, where: string): void {
  if (resolved instanceof protobuf.Enum) return out.varint(enumValue(resolved, v, where));
  switch (type) {
    case 'bool':
      if (typeof v !== 'boolean') throw new Error(`${where}: ${JSON.stringify(v)} is not a boolean`);
      return out.varint(v ? 1n : 0n);
    case 'sint32': case 'sint64': {
      const n = integer(v, where);
      return out.varint(n >= 0n ? n << 1n : (-n << 1n) - 1n);
    }
    case 'int32': case 'int64': case 'uint32': case 'uint64':
      return out.varint(integer(v, where));
    case 'fixed32': case 'sfixed32': return out.fixed(integer(v, where), 4);
    case 'fixed64': case 'sfixed64': return out.fixed(integer(v, where), 8);
    case 'float': return out.fixed(floatBits(number(v, where), 4), 4);
    case 'double': return out.fixed(floatBits(number(v, where), 8), 8);
  }
  throw new Error(`${where}: unsupported type ${type}`);
}

function fieldOf(type: protobuf.Type, key: string): protobuf.Field | undefined {
  return type.fields[key] ?? type.fieldsArray.find((f) => f.name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) === key);
}

function writeValue(out: Out, type: string, resolved: protobuf.ReflectionObject | null, v: unknown, no: number, where: string): void {
  if (resolved instanceof protobuf.Type) return out.delimited(no, encodeMessage(resolved, v, where));
  if (type === 'string') {
    if (typeof v !== 'string') throw new Error(`${where}: ${JSON.stringify(v)} is not a string`);
    return out.delimited(no, utf8Encode(v));
  }
  if (type === 'bytes') {
    if (typeof v !== 'string') throw new Error(`${where}: bytes are written as base64`);
    return out.delimited(no, base64ToBytes(v));
  }
  out.tag(no, resolved instanceof protobuf.Enum ? 0 : WIRE[type]);
  writeScalar(out, type, resolved, v, where);
}

function encodeMessage(type: protobuf.Type, json: unknown, path: string): Uint8Array {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${path || type.name}: a ${type.fullName.slice(1)} is written as a JSON object`);
  const out = new Out();
  for (const [key, v] of Object.entries(json)) {
    const where = path ? `${path}.${key}` : key;
    const f = fieldOf(type, key);
    if (!f) throw new Error(`${where}: ${type.fullName.slice(1)} has no field ${key}`);
    if (v === null) continue;
    f.resolve();
    if (f instanceof protobuf.MapField) {
      if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`${where}: a map is written as a JSON object`);
      for (const [k, x] of Object.entries(v as object)) {
        const entry = new Out();
        const key = f.keyType === 'string' ? k : f.keyType === 'bool' ? k === 'true' : k;
        writeValue(entry, f.keyType, null, key, 1, `${where}.${k}`);
        writeValue(entry, f.type, f.resolvedType, x, 2, `${where}.${k}`);
        out.delimited(f.id, entry.bytes());
      }
    } else if (f.repeated) {
      if (!Array.isArray(v)) throw new Error(`${where}: a repeated field is written as a JSON array`);
      const scalar = f.resolvedType instanceof protobuf.Enum || f.type in WIRE;
      if (scalar && f.packed) {
        const run = new Out();
        v.forEach((x, i) => writeScalar(run, f.type, f.resolvedType, x, `${where}[${i}]`));
        out.delimited(f.id, run.bytes());
      } else v.forEach((x, i) => writeValue(out, f.type, f.resolvedType, x, f.id, `${where}[${i}]`));
    } else writeValue(out, f.type, f.resolvedType, v, f.id, where);
  }
  return out.bytes();
}

/** Encodes `json` as a `typeName` message; throws an Error naming the offending path. */
export function encodeJson(root: protobuf.Root, typeName: string, json: unknown): Uint8Array {
  let type: protobuf.Type;
  try {
    type = root.lookupType(typeName);
  } catch {
    throw new Error(`no message type ${typeName} in the schema`);
  }
  return encodeMessage(type, json, '');
}
