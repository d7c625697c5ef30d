import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decoders, detectDecoder } from './index';
import { detectFixture, type Fixture } from './test-helpers';

const fixtures = Object.fromEntries(
  readdirSync(join(__dirname, 'fixtures')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(__dirname, 'fixtures', f), 'utf8')) as Fixture]),
);

/** fixture → [decoder from its protocol/URL/payloads, decoder from its payloads alone] */
const EXPECTED: Record<string, [string, string]> = {
  'socketio-v4-upgrade': ['socket.io', 'socket.io'],
  'socketio-v4-websocket': ['socket.io', 'socket.io'],
  'socketio-v3': ['socket.io-v3', 'socket.io'],
  sockjs: ['sockjs', 'sockjs'],
  stomp: ['stomp', 'stomp'],
  'mqtt-3.1.1': ['mqtt', 'mqtt'],
  'mqtt-5': ['mqtt', 'mqtt'],
  'graphql-transport-ws': ['graphql', 'graphql'],
  'graphql-legacy': ['graphql', 'graphql'],
  'signalr-json': ['signalr', 'signalr'],
  'signalr-msgpack': ['signalr', 'signalr'],
  'wamp-json': ['wamp', 'wamp'],
  'wamp-msgpack': ['wamp', 'wamp'],
  'wamp-cbor': ['wamp', 'wamp'],
  actioncable: ['actioncable', 'actioncable'],
  'phoenix-v1': ['phoenix', 'phoenix'],
  'phoenix-v2': ['phoenix', 'phoenix'],
  msgpack: ['msgpack', 'msgpack'],
  cbor: ['cbor', 'cbor'],
  json: ['json', 'json'],
  protobuf: ['protobuf', 'protobuf'],
};

describe('detectDecoder', () => {
  it('has an expectation for every fixture', () => {
    expect(Object.keys(fixtures).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, [byInfo, bySniffing]] of Object.entries(EXPECTED)) {
    it(`detects ${name}`, () => {
      expect(detectFixture(fixtures[name])).toEqual({ byInfo, bySniffing });
    });
  }

  it('prefers the negotiated protocol, then the URL', () => {
    const none = [{ opcode: 1 as const, text: 'o' }];
    expect(detectDecoder({ protocol: 'wamp.2.msgpack.batched', url: 'ws://h/socket.io/?EIO=4' }, none)).toBe('wamp');
    expect(detectDecoder({ protocol: 'v12.stomp', url: 'ws://h/ws' }, [])).toBe('stomp');
    expect(detectDecoder({ protocol: 'mqttv3.1', url: '' }, [])).toBe('mqtt');
    expect(detectDecoder({ protocol: 'graphql-ws', url: '' }, [])).toBe('graphql');
    expect(detectDecoder({ protocol: '', url: 'wss://h/socket.io/?EIO=4&transport=websocket' }, none)).toBe('socket.io');
    expect(detectDecoder({ protocol: '', url: 'wss://h/socket.io/?EIO=3&transport=websocket' }, [])).toBe('socket.io-v3');
    expect(detectDecoder({ protocol: '', url: 'wss://h/stomp/123/abcdefgh/websocket' }, [])).toBe('sockjs');
    expect(detectDecoder({ protocol: '', url: 'wss://h/live/websocket?_csrf_token=x&vsn=2.0.0' }, [])).toBe('phoenix');
    expect(detectDecoder({ protocol: '', url: 'wss://h/cable' }, [])).toBe('actioncable');
  });

  it('returns null for unrecognisable traffic', () => {
    expect(detectDecoder({ protocol: '', url: 'wss://h/ws' }, [])).toBeNull();
    expect(detectDecoder({ protocol: 'chat', url: 'wss://h/ws' }, [{ opcode: 1, text: 'hello there' }, { opcode: 2, bytes: new Uint8Array([0xff, 0xfe, 0x00]) }])).toBeNull();
  });

  it('sniffs generic binary formats only when the bytes decode fully into a container', () => {
    expect(detectDecoder({ protocol: '', url: '' }, [{ opcode: 2, bytes: new Uint8Array([0x82, 0xa1, 0x61, 0x01, 0xa1, 0x62, 0x02]) }])).toBe('msgpack');
    expect(detectDecoder({ protocol: '', url: '' }, [{ opcode: 2, bytes: new Uint8Array([0x82, 0xa1, 0x61, 0x01, 0xa1, 0x62]) }])).toBeNull();
    expect(detectDecoder({ protocol: '', url: '' }, [{ opcode: 2, bytes: new Uint8Array([0x05, 0x06]) }])).toBeNull();
  });

  it('lists every decoder for the override menu', () => {
    expect(decoders.map((d) => d.id)).toEqual([
      'socket.io', 'socket.io-v3', 'sockjs', 'stomp', 'mqtt', 'signalr', 'graphql', 'actioncable', 'phoenix', 'wamp', 'msgpack', 'cbor', 'protobuf', 'json',
    ]);
    expect(decoders.every((d) => d.label.length > 0)).toBe(true);
  });
});
