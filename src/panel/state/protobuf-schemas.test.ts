import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import protobufFx from '../../core/decoders/fixtures/protobuf.json';
import { messagePayloadOf, type Fixture } from '../../core/decoders/test-helpers';
import type { CaptureEvent, Direction } from '../../core/model';
import { createCaptureState } from './capture';
import { createComposerStore } from './composer';
import { createDecodeState } from './decode';
import { createProtobufSchemas } from './protobuf-schemas';

vi.stubGlobal('requestIdleCallback', () => 0);

const PROTO_DIR = join(__dirname, '../../../scripts/fixtures/proto');
const files = ['chat/common.proto', 'chat/messages.proto'].map((name) => ({ name, text: readFileSync(join(PROTO_DIR, name), 'utf8') }));

function memoryStorage(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, structuredClone(data[k])])),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
    remove: async (key: string) => void delete data[key],
  };
}

function panelWith(fx: Fixture, storage = memoryStorage()) {
  const capture = createCaptureState();
  const events: CaptureEvent[] = [
    { kind: 'created', seq: 1, socket: 1, time: 1, url: fx.url, protocols: [], binaryType: 'blob', frameUrl: 'http://h/', api: 'websocket' },
    { kind: 'open', seq: 2, socket: 1, time: 2, protocol: fx.protocol, extensions: '' },
    ...fx.frames.map((f, i): CaptureEvent => ({
      kind: 'message', seq: i + 3, socket: 1, time: i + 3, dir: f.dir as Direction, ...messagePayloadOf(f),
    })),
  ];
  capture.store.ingest({ type: 'batch', doc: 'd', docStart: 0, docUrl: 'http://h/', top: true, frameId: 0, firstSeq: 1, dropped: 0, events });
  const schemas = createProtobufSchemas(storage);
  return { rows: capture.store.events.filter((r) => r.event.kind === 'message'), decode: createDecodeState(capture, schemas), schemas, storage };
}

describe('Protobuf schemas in the panel', () => {
  it('decodes a socket with the types its URL is mapped to, once mapped, and keeps both in storage', async () => {
    const { rows, decode, schemas, storage } = panelWith(protobufFx as Fixture);
    await schemas.ready;
    expect(decode.decode(rows[0])?.fields).toMatchObject({ 'pb.1': 'alice' });
    await schemas.add(files);
    await schemas.map('ws://127.0.0.1/pb', 'received', { type: 'chat.User' });
    decode.redecode();
    expect(decode.decode(rows[0])?.fields).toMatchObject({ name: 'alice', 'address.city': 'Paris', role: 'ADMIN' });
    expect(decode.detail(rows[0])?.value).toMatchObject({ type: 'chat.User' });
    // The sent Chat row has no type for its direction: read without a schema.
    expect(decode.decode(rows[4])?.fields).toMatchObject({ 'pb.1': 'lobby' });

    const again = panelWith(protobufFx as Fixture, memoryStorage(storage.data));
    await again.schemas.ready;
    expect(again.schemas.files.value.map((f) => f.name)).toEqual(['chat/common.proto', 'chat/messages.proto']);
    expect(again.decode.decode(again.rows[0])?.fields).toMatchObject({ name: 'alice' });
  });

  it('says why a schema does not parse, and decodes without it meanwhile', async () => {
    const { rows, decode, schemas } = panelWith(protobufFx as Fixture);
    await schemas.add([files[1]]);
    await schemas.map('ws://127.0.0.1/pb', 'received', { type: 'chat.User' });
    expect(schemas.schema.value).toEqual({ ok: false, error: 'chat/messages.proto: import "chat/common.proto" is not among the imported files' });
    decode.redecode();
    expect(decode.decode(rows[0])?.fields).toMatchObject({ 'pb.1': 'alice' });
  });

  it('lets the composer encode a JSON message as a type of the schema', async () => {
    const storage = memoryStorage();
    const schemas = createProtobufSchemas(storage);
    await schemas.add(files);
    const composer = createComposerStore(createCaptureState(), () => {}, 1, storage, schemas);
    expect(composer.protobufTypes?.value).toContain('chat.User');
    composer.format.value = 'json';
    composer.text.value = '{"name":"alice","role":"ADMIN"}';
    expect(composer.parsed.value).toMatchObject({ ok: true, binary: false });
    composer.protobufType.value = 'chat.User';
    expect(composer.parsed.value).toEqual({ ok: true, payload: { base64: 'CgVhbGljZSAB' }, size: 9, binary: true });
    composer.text.value = '{"nmae":"alice"}';
    expect(composer.parsed.value).toEqual({ ok: false, error: 'Not a chat.User: nmae: chat.User has no field nmae' });
  });
});
