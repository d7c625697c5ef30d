import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import protobufFx from './fixtures/protobuf.json';
import { encodeJson } from './protobuf-encode';
import { parseSchema } from './protobuf-schema';
import { payloadOf, type Fixture } from './test-helpers';

const PROTO_DIR = join(__dirname, '../../../scripts/fixtures/proto');
const schema = parseSchema(['chat/common.proto', 'chat/messages.proto'].map((name) => ({ name, text: readFileSync(join(PROTO_DIR, name), 'utf8') })));
if (!schema.ok) throw new Error(schema.error);
const { root } = schema;
const bytesOf = (label: string) => payloadOf((protobufFx as Fixture).frames.find((f) => f.label === label)!).bytes!;

describe('Protobuf from JSON with a schema', () => {
  it('encodes as protobufjs does (the fixtures are its encodings of the same values)', () => {
    const user = { name: 'alice', id: 150, address: { city: 'Paris', zip: 75001 }, role: 'ADMIN', tags: ['a', 'b'] };
    expect(encodeJson(root, 'chat.User', user)).toEqual(bytesOf('nested'));
    expect(encodeJson(root, 'chat.Scores', { values: [1, 2, 300, 70000], weights: [0.5, -2] })).toEqual(bytesOf('packed'));
    expect(encodeJson(root, 'chat.Numbers', { i32: -1, s32: -2, i64: '-3', s64: -4, f: 1.5, d: -0.25, fx32: 7, sfx64: '-5', ok: true })).toEqual(bytesOf('numbers'));
    expect(encodeJson(root, 'chat.Blob', { raw: '/wCAEA==', label: 'raw' })).toEqual(bytesOf('bytes'));
    expect(encodeJson(root, 'chat.Chat', { room: 'lobby', text: 'hi there', from: { name: 'bob', id: 2 }, counts: { likes: 3 } })).toEqual(bytesOf('chat'));
    expect(encodeJson(root, 'chat.Event', { join: user })).toEqual(bytesOf('oneof'));
  });

  it('takes lowerCamelCase names, enum numbers and null as absent', () => {
    expect(encodeJson(root, 'chat.User', { name: 'x', role: 1, address: null })).toEqual(encodeJson(root, 'chat.User', { name: 'x', role: 'ADMIN' }));
  });

  it('says which path is wrong', () => {
    expect(() => encodeJson(root, 'chat.User', { nmae: 'x' })).toThrow('nmae: chat.User has no field nmae');
    expect(() => encodeJson(root, 'chat.User', { address: { zip: 'x' } })).toThrow('address.zip: "x" is not an integer');
    expect(() => encodeJson(root, 'chat.User', { role: 'OWNER' })).toThrow('role: "OWNER" is not a value of chat.Role');
    expect(() => encodeJson(root, 'chat.User', { tags: 'a' })).toThrow('tags: a repeated field is written as a JSON array');
    expect(() => encodeJson(root, 'chat.User', [1])).toThrow('a chat.User is written as a JSON object');
    expect(() => encodeJson(root, 'chat.Nope', {})).toThrow('no message type chat.Nope in the schema');
  });
});
