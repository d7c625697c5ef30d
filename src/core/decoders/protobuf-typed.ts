/**
 * A Protobuf message read with its type from a schema: the same wire fields and byte ranges as
 * without one (protobuf-wire.ts), named and read as their declared types. Fields the type does not
 * declare, or whose wire type does not fit the declaration, keep their schema-less reading.
 */
import protobuf from 'protobufjs';
import { utf8Decode } from './payload';
import { hexOf, rawNode, type PbMessage, type PbNode } from './protobuf-tree';
import { asDouble, asFloat, asInt32, asInt64, jsonFloat, jsonInt, readMessage, readPackedVarints, zigzag, type WireField } from './protobuf-wire';

type Json = string | number | boolean | null;

/** What a field declares: its name, its type's name and, for messages and enums, the type itself. */
interface FieldDecl {
  name: string;
  type: string;
  resolved: protobuf.Type | protobuf.Enum | null;
  map?: { keyType: string };
}

/** The envelope pattern: `typeField` (a string) names the type of the message in `payloadField` (bytes). */
export interface Envelope {
  typeField: string;
  payloadField: string;
}

export interface TypeMapping {
  type: string;
  envelope?: Envelope;
}

const MAX_DEPTH = 32;
const VARINT_TYPES = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'bool']);
const WIRE_OF: Record<string, number> = { fixed32: 5, sfixed32: 5, float: 5, fixed64: 1, sfixed64: 1, double: 1, string: 2, bytes: 2 };

function scalar(type: string, v: bigint): Json {
  switch (type) {
    case 'int32': case 'sfixed32': return jsonInt(asInt32(v));
    case 'int64': case 'sfixed64': return jsonInt(asInt64(v));
    case 'uint32': case 'fixed32': return jsonInt(v & 0xffffffffn);
    case 'sint32': case 'sint64': return jsonInt(zigzag(v));
    case 'bool': return v !== 0n;
    case 'float': return jsonFloat(asFloat(v));
    case 'double': return jsonFloat(asDouble(v));
    default: return jsonInt(v);
  }
}

const enumName = (e: protobuf.Enum, n: number): Json => e.valuesById[n] ?? n;

function wireOf(d: FieldDecl): number {
  if (d.map || d.resolved instanceof protobuf.Type) return 2;
  if (d.resolved instanceof protobuf.Enum || VARINT_TYPES.has(d.type)) return 0;
  return WIRE_OF[d.type] ?? -1;
}

/** A packed run of a numeric type in `[start, end)`, or undefined when the bytes are not one. */
function packed(bytes: Uint8Array, d: FieldDecl, start: number, end: number): Json[] | undefined {
  const wire = wireOf(d);
  if (wire === 0) {
    const vs = readPackedVarints(bytes, start, end);
    return vs?.map((v) => (d.resolved instanceof protobuf.Enum ? enumName(d.resolved, Number(asInt32(v))) : scalar(d.type, v)));
  }
  const size = wire === 5 ? 4 : wire === 1 ? 8 : 0;
  if (!size || (end - start) % size !== 0) return undefined;
  const out: Json[] = [];
  for (let pos = start; pos < end; pos += size) {
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[pos + i]);
    out.push(scalar(d.type, v));
  }
  return out;
}

function declOf(type: protobuf.Type, no: number): FieldDecl | undefined {
  const f = type.fieldsById[no];
  if (!f) return undefined;
  f.resolve();
  return { name: f.name, type: f.type, resolved: f.resolvedType, map: f instanceof protobuf.MapField ? { keyType: f.keyType } : undefined };
}

/** A map entry's own fields: key (1) and value (2). */
const entryDecl = (map: FieldDecl, no: number): FieldDecl | undefined =>
  no === 1 ? { name: 'key', type: map.map!.keyType, resolved: null } : no === 2 ? { name: 'value', type: map.type, resolved: map.resolved } : undefined;

class Reader {
  constructor(private bytes: Uint8Array, private root: protobuf.Root) {}

  message(fields: WireField[], decl: (no: number) => FieldDecl | undefined, depth: number): PbNode[] {
    return fields.map((f) => {
      const d = decl(f.no);
      return d ? this.field(f, d, depth) : rawNode(this.bytes, f, depth);
    });
  }

  field(f: WireField, d: FieldDecl, depth: number): PbNode {
    const { bytes } = this;
    const at: [number, number] = [f.start, f.end];
    const base = { no: f.no, name: d.name, at };
    const wire = wireOf(d);
    if (f.wire === 2 && wire !== 2) {
      const items = packed(bytes, d, f.valueStart!, f.end);
      if (items) return { ...base, type: `repeated ${this.typeName(d)}`, value: items };
    }
    if (f.wire !== wire) return { ...rawNode(bytes, f, depth), name: d.name };
    if (f.wire !== 2) {
      const value = d.resolved instanceof protobuf.Enum ? enumName(d.resolved, Number(asInt32(f.int!))) : scalar(d.type, f.int!);
      return { ...base, type: this.typeName(d), value };
    }
    const content = bytes.subarray(f.valueStart!, f.end);
    if (d.type === 'string') return { ...base, type: 'string', value: utf8Decode(content) };
    if (d.type === 'bytes') return { ...base, type: 'bytes', value: hexOf(content) };
    const inner = depth < MAX_DEPTH ? readMessage(bytes, f.valueStart, f.end) : undefined;
    if (!inner) return { ...rawNode(bytes, f, depth), name: d.name };
    if (d.map) return { ...base, type: `map<${d.map.keyType}, ${this.typeName(d)}>`, fields: this.message(inner, (no) => entryDecl(d, no), depth + 1) };
    const type = d.resolved as protobuf.Type;
    const fields = this.message(inner, (no) => declOf(type, no), depth + 1);
    if (type.fullName === '.google.protobuf.Any') this.unwrap(fields, { typeField: 'type_url', payloadField: 'value' }, depth);
    return { ...base, type: type.fullName.slice(1), fields };
  }

  /** Reads an envelope's payload as the type its type field names (`pkg.T`, or a type URL ending in it). */
  unwrap(fields: PbNode[], e: Envelope, depth: number): void {
    const named = fields.find((n) => n.name === e.typeField);
    const payload = fields.find((n) => n.name === e.payloadField);
    if (typeof named?.value !== 'string' || !payload) return;
    const type = this.lookup(named.value.slice(named.value.lastIndexOf('/') + 1));
    const f = readMessage(this.bytes, payload.at[0], payload.at[1])?.[0];
    if (!type || !f || f.wire !== 2) return;
    const inner = readMessage(this.bytes, f.valueStart, f.end);
    if (!inner) return;
    payload.type = type.fullName.slice(1);
    payload.fields = this.message(inner, (no) => declOf(type, no), depth + 1);
    delete payload.value;
    delete payload.readings;
  }

  lookup(name: string): protobuf.Type | undefined {
    try {
      return this.root.lookupType(name);
    } catch {
      return undefined;
    }
  }

  typeName(d: FieldDecl): string {
    return d.resolved ? d.resolved.fullName.slice(1) : d.type;
  }
}

/**
 * Reads `bytes[start, end)` as the mapped type (and, for an envelope, its payload as the type it
 * names); undefined when they are not such a message.
 */
export function typedMessage(root: protobuf.Root, mapping: TypeMapping, bytes: Uint8Array, start = 0, end = bytes.length): PbMessage | undefined {
  const reader = new Reader(bytes, root);
  const type = reader.lookup(mapping.type);
  const wire = readMessage(bytes, start, end);
  if (!type || !wire) return undefined;
  const fields = reader.message(wire, (no) => declOf(type, no), 0);
  if (mapping.envelope) reader.unwrap(fields, mapping.envelope, 0);
  return { type: type.fullName.slice(1), fields };
}
