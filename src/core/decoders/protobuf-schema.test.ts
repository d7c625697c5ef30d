import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import protobufFx from './fixtures/protobuf.json';
import { envelopeCandidates, parseSchema, type ProtoFile } from './protobuf-schema';
import { flatFields, type PbNode } from './protobuf-tree';
import { typedMessage } from './protobuf-typed';
import { payloadOf, type Fixture } from './test-helpers';

const PROTO_DIR = join(__dirname, '../../../scripts/fixtures/proto');
const files: ProtoFile[] = ['chat/messages.proto', 'chat/common.proto'].map((name) => ({ name, text: readFileSync(join(PROTO_DIR, name), 'utf8') }));
const bytesOf = (label: string) => payloadOf((protobufFx as Fixture).frames.find((f) => f.label === label)!).bytes!;
const schema = parseSchema(files);
const root = () => {
  if (!schema.ok) throw new Error(schema.error);
  return schema.root;
};
const strip = (nodes: PbNode[]): unknown[] => nodes.map((n) => (n.fields ? { [n.name ?? n.no]: strip(n.fields) } : { [n.name ?? n.no]: n.value }));

describe('Protobuf with a schema', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('parses several .proto files with imports and lists their message types', () => {
    expect(schema.ok && schema.types).toEqual(['chat.Address', 'chat.Blob', 'chat.Chat', 'chat.Envelope', 'chat.Event', 'chat.Numbers', 'chat.Scores', 'chat.User']);
    expect(parseSchema([files[0]])).toEqual({ ok: false, error: 'chat/messages.proto: import "chat/common.proto" is not among the imported files' });
    expect(parseSchema([{ name: 'bad.proto', text: 'message {' }])).toMatchObject({ ok: false, error: expect.stringMatching(/^bad\.proto: illegal/) });
    expect(parseSchema([{ name: 'wkt.proto', text: 'syntax = "proto3"; import "google/protobuf/any.proto"; message M { google.protobuf.Any a = 1; }' }]).ok).toBe(true);
  });

  it('names fields, reads enums and imported types, filterable by dotted path', () => {
    const m = typedMessage(root(), { type: 'chat.User' }, bytesOf('nested'))!;
    expect(m.type).toBe('chat.User');
    expect(strip(m.fields)).toEqual([{ name: 'alice' }, { id: 150 }, { address: [{ city: 'Paris' }, { zip: 75001 }] }, { role: 'ADMIN' }, { tags: 'a' }, { tags: 'b' }]);
    expect(m.fields[2]).toMatchObject({ no: 3, name: 'address', type: 'chat.Address', at: [10, 23] });
    expect(flatFields(m)).toEqual({ name: 'alice', id: 150, 'address.city': 'Paris', 'address.zip': 75001, role: 'ADMIN', tags: 'a, b' });
  });

  it('reads each scalar type as declared: negative varints, zigzag, floats, packed repeated, bytes, maps', () => {
    expect(strip(typedMessage(root(), { type: 'chat.Numbers' }, bytesOf('numbers'))!.fields)).toEqual([
      { i32: -1 }, { s32: -2 }, { i64: -3 }, { s64: -4 }, { f: 1.5 }, { d: -0.25 }, { fx32: 7 }, { sfx64: -5 }, { ok: true },
    ]);
    const scores = typedMessage(root(), { type: 'chat.Scores' }, bytesOf('packed'))!;
    expect(scores.fields.map((n) => [n.name, n.type, n.value])).toEqual([['values', 'repeated int32', [1, 2, 300, 70000]], ['weights', 'repeated float', [0.5, -2]]]);
    expect(strip(typedMessage(root(), { type: 'chat.Blob' }, bytesOf('bytes'))!.fields)).toEqual([{ raw: 'ff 00 80 10' }, { label: 'raw' }]);
    const chat = typedMessage(root(), { type: 'chat.Chat' }, bytesOf('chat'))!;
    expect(chat.fields[3]).toMatchObject({ name: 'counts', type: 'map<string, int32>' });
    expect(strip(chat.fields[3].fields!)).toEqual([{ key: 'likes' }, { value: 3 }]);
  });

  it('offers the types that look like envelopes', () => {
    expect(envelopeCandidates(root())).toEqual([{ type: 'chat.Envelope', typeField: 'type', payloadField: 'payload' }]);
  });

  it('reads an envelope whose field names the inner type, and a oneof', () => {
    const env = typedMessage(root(), { type: 'chat.Envelope', envelope: { typeField: 'type', payloadField: 'payload' } }, bytesOf('envelope'))!;
    expect(env.fields[1]).toMatchObject({ name: 'payload', type: 'chat.Chat' });
    expect(flatFields(env)).toMatchObject({ type: 'chat.Chat', 'payload.room': 'lobby', 'payload.from.name': 'bob', seq: 9 });
    const plain = typedMessage(root(), { type: 'chat.Envelope' }, bytesOf('envelope'))!;
    expect(plain.fields[1]).toMatchObject({ name: 'payload', type: 'bytes' });
    expect(flatFields(typedMessage(root(), { type: 'chat.Event' }, bytesOf('oneof'))!)).toMatchObject({ 'join.name': 'alice', 'join.address.city': 'Paris' });
  });

  it('keeps the schema-less reading of fields the type does not declare or declares with another wire type', () => {
    const asBlob = typedMessage(root(), { type: 'chat.Blob' }, bytesOf('nested'))!;
    expect(asBlob.fields[0]).toMatchObject({ no: 1, name: 'raw', type: 'bytes' });
    expect(asBlob.fields[1]).toMatchObject({ no: 2, name: 'label', type: 'varint', value: 150 });
    expect(asBlob.fields[2]).toMatchObject({ no: 3, type: 'message' });
    expect(asBlob.fields[2].name).toBeUndefined();
    expect(typedMessage(root(), { type: 'chat.Nope' }, bytesOf('nested'))).toBeUndefined();
  });

  it('never generates code (extension pages forbid eval and new Function)', () => {
    const forbidden = () => {
      throw new EvalError('code generation is forbidden here');
    };
    vi.stubGlobal('Function', new Proxy(Function, { apply: forbidden, construct: forbidden }));
    vi.stubGlobal('eval', forbidden);
    const again = parseSchema(files);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(flatFields(typedMessage(again.root, { type: 'chat.User' }, bytesOf('nested'))!)).toMatchObject({ name: 'alice' });
  });
});

describe('a socket decoder with a type per direction', () => {
  it('reads the mapped direction with its type and the other without a schema', async () => {
    const { configuredDecoder } = await import('./protobuf');
    const decode = configuredDecoder({ root: root(), types: { received: { type: 'chat.User' } } });
    const named = decode({ opcode: 2, bytes: bytesOf('nested') }, 'received')!;
    expect(named.summary).toBe('chat.User name:"alice" id:150 address:{city:"Paris" zip:75001} role:"ADMIN" tags:"a" tags…');
    expect(named.fields).toMatchObject({ 'address.city': 'Paris' });
    expect(decode({ opcode: 2, bytes: bytesOf('nested') }, 'sent')!.fields).toMatchObject({ 'pb.3.1': 'Paris' });
    expect(() => decode({ opcode: 2, bytes: Uint8Array.from([0xff]) }, 'received')).toThrow('not a chat.User message');
  });
});

describe('length-prefixed framing', () => {
  it('reads each message after its varint length (protobufjs encodeDelimited), with or without a type', async () => {
    const { configuredDecoder } = await import('./protobuf');
    const typed = configuredDecoder({ root: root(), types: { received: { type: 'chat.User' } }, framing: 'varint' })({ opcode: 2, bytes: bytesOf('varint-delimited') }, 'received')!;
    expect(typed.summary).toBe('chat.User ×2 name:"alice" id:150 address:{city:"Pari… | name:"bob" id:2');
    expect(typed.fields).toMatchObject({ name: 'alice, bob', id: '150, 2', 'address.city': 'Paris' });
    const frames = (typed.value as { fields: PbNode[] }).fields;
    expect(frames.map((f) => [f.name, f.type, f.at])).toEqual([['message 1', 'chat.User', [0, 32]], ['message 2', 'chat.User', [32, 40]]]);
    const raw = configuredDecoder({ types: {}, framing: 'varint' })({ opcode: 2, bytes: bytesOf('varint-delimited') }, 'received')!;
    expect(raw.fields).toMatchObject({ 'pb.1': 'alice, bob' });
  });

  it('reads each message after its 4-byte big-endian length, and refuses a payload the prefixes do not fill', async () => {
    const { configuredDecoder } = await import('./protobuf');
    const decode = configuredDecoder({ root: root(), types: {}, framing: 'uint32' });
    expect(decode({ opcode: 2, bytes: bytesOf('uint32-delimited') }, 'received')!.fields).toMatchObject({ 'pb.1': 'lobby, alice' });
    expect(() => decode({ opcode: 2, bytes: bytesOf('uint32-delimited').subarray(0, 20) }, 'received')).toThrow('not messages each after a 4-byte big-endian length prefix');
    expect(() => configuredDecoder({ types: {}, framing: 'varint' })({ opcode: 2, bytes: Uint8Array.from([2, 0xff, 0xff]) }, 'received')).toThrow('message 1: not a Protobuf message');
  });
});
