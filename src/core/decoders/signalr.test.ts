import { describe, expect, it } from 'vitest';
import { createSocketDecoder } from './index';
import jsonFx from './fixtures/signalr-json.json';
import msgpackFx from './fixtures/signalr-msgpack.json';
import { decodeFixture, labelled, type Fixture } from './test-helpers';

for (const [name, fx, protocol] of [['JSON', jsonFx, 'json'], ['MessagePack', msgpackFx, 'messagepack']] as const) {
  describe(`SignalR ${name} (@microsoft/signalr HubConnection + hub protocol writeMessage)`, () => {
    const r = decodeFixture('signalr', fx as Fixture);

    it('decodes the handshake', () => {
      expect(labelled(r, 'handshake request').summary).toBe(`SignalR handshake protocol=${protocol} v1`);
      expect(labelled(r, 'handshake request').fields).toEqual({ type: 'Handshake', protocol });
      expect(labelled(r, 'handshake response').summary).toBe('SignalR handshake ok');
    });

    it('decodes invocations with their target, completions, streams and pings', () => {
      expect(labelled(r, 'invocation').summary).toBe('SignalR Invocation SendMessage id=0 ["alice","hello"]');
      expect(labelled(r, 'invocation').fields).toEqual({ type: 'Invocation', target: 'SendMessage', invocationId: '0' });
      expect(labelled(r, 'completion result').summary).toBe('SignalR Completion id=0 result="delivered"');
      expect(labelled(r, 'send (no invocation id)').summary).toBe('SignalR Invocation Typing ["alice"]');
      expect(labelled(r, 'server invocation').fields).toEqual({ type: 'Invocation', target: 'ReceiveMessage', invocationId: undefined });
      expect(labelled(r, 'stream invocation').summary).toBe('SignalR StreamInvocation Counter id=1 [3,10]');
      expect(labelled(r, 'stream item').summary).toBe('SignalR StreamItem id=1 0');
      expect(labelled(r, 'cancel invocation').summary).toBe('SignalR CancelInvocation id=1');
      expect(labelled(r, 'completion error').summary).toBe('SignalR Completion id=2 error="Boom"');
      expect(labelled(r, 'ping').summary).toBe('SignalR Ping');
      expect(labelled(r, 'close').fields.type).toBe('Close');
    });
  });
}

describe('SignalR framing', () => {
  it('splits several JSON records in one frame', () => {
    const d = createSocketDecoder('signalr').decode({ opcode: 1, text: '{"type":6}\x1e{"type":1,"target":"A","arguments":[]}\x1e' }, 'received');
    expect(d?.summary).toBe('2 messages: SignalR Ping | SignalR Invocation A');
    expect(d?.fields.target).toBe('A');
  });

  it('decodes a binary handshake response followed by MessagePack messages in one frame', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{}\x1e'), 0x02, 0x91, 0x06]);
    expect(createSocketDecoder('signalr').decode({ opcode: 2, bytes }, 'received')?.summary).toBe('2 messages: SignalR handshake ok | SignalR Ping');
  });
});
