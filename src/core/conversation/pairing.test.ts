import { describe, expect, it } from 'vitest';
import graphqlLegacy from '../decoders/fixtures/graphql-legacy.json';
import graphqlTransport from '../decoders/fixtures/graphql-transport-ws.json';
import mqtt311 from '../decoders/fixtures/mqtt-3.1.1.json';
import mqtt5 from '../decoders/fixtures/mqtt-5.json';
import phoenixV1 from '../decoders/fixtures/phoenix-v1.json';
import phoenixV2 from '../decoders/fixtures/phoenix-v2.json';
import signalrJson from '../decoders/fixtures/signalr-json.json';
import signalrMsgpack from '../decoders/fixtures/signalr-msgpack.json';
import socketIoV3 from '../decoders/fixtures/socketio-v3.json';
import socketIoUpgrade from '../decoders/fixtures/socketio-v4-upgrade.json';
import socketIoWebsocket from '../decoders/fixtures/socketio-v4-websocket.json';
import stomp from '../decoders/fixtures/stomp.json';
import wampCbor from '../decoders/fixtures/wamp-cbor.json';
import wampJson from '../decoders/fixtures/wamp-json.json';
import wampMsgpack from '../decoders/fixtures/wamp-msgpack.json';
import type { Fixture } from '../decoders/test-helpers';
import jsonRpc from './fixtures/jsonrpc.json';
import { createPairing, percentile, UNANSWERED_AFTER_MS } from './pairing';
import { pairFixture, STEP_MS } from './test-helpers';

const fx = (f: unknown) => f as Fixture;

describe('JSON-RPC 2.0 (json-rpc-2.0 on both ends, recorded)', () => {
  const { pairing, pairs } = pairFixture(fx(jsonRpc));

  it('pairs calls with their results by id, out of order, errors, batches and server-to-client calls', () => {
    // 0 slow (answered 3rd), 1 add (answered 2nd), 4 fail → error, 7 batch → batch, 9 the server's call → the client's result
    expect(pairs()).toEqual([[0, 3], [1, 2], [4, 5], [7, 8], [9, 10]]);
    expect(pairing.info(3)).toMatchObject({ role: 'response', pair: 0, latency: 3 * STEP_MS });
    expect(pairing.info(0)).toMatchObject({ role: 'request', pair: 3, latency: 3 * STEP_MS });
  });

  it('leaves notifications (no id) out', () => {
    expect(pairing.info(6)).toBeUndefined();
  });

  it('gives p50, p95 and max over the answered requests', () => {
    expect(pairing.stats()).toEqual({ count: 5, p50: STEP_MS, p95: 3 * STEP_MS, max: 3 * STEP_MS });
  });

  it('flags a request unanswered only once the timeout has passed without a response', () => {
    const p = createPairing<number>();
    const call = { dir: 'sent' as const, time: 1000, decoded: null, text: jsonRpc.frames[0].data };
    p.add(0, call);
    expect(p.unanswered(0, 1000 + UNANSWERED_AFTER_MS - 1)).toBe(false);
    expect(p.unanswered(0, 1000 + UNANSWERED_AFTER_MS)).toBe(true);
    p.add(1, { dir: 'received', time: 1500, decoded: null, text: jsonRpc.frames[3].data });
    expect(p.unanswered(0, 1000 + UNANSWERED_AFTER_MS)).toBe(false);
    expect(p.info(0)?.latency).toBe(500);
  });

  it('tells when the next waiting request turns unanswered', () => {
    const p = createPairing<number>();
    expect(p.nextDeadline(0)).toBeNull();
    p.add(0, { dir: 'sent', time: 100, decoded: null, text: jsonRpc.frames[0].data });
    p.add(1, { dir: 'sent', time: 200, decoded: null, text: jsonRpc.frames[1].data });
    expect(p.nextDeadline(150)).toBe(100 + UNANSWERED_AFTER_MS);
    expect(p.nextDeadline(100 + UNANSWERED_AFTER_MS)).toBe(200 + UNANSWERED_AFTER_MS);
    p.add(2, { dir: 'received', time: 300, decoded: null, text: jsonRpc.frames[2].data });
    expect(p.nextDeadline(100 + UNANSWERED_AFTER_MS)).toBeNull();
  });

  it('does not parse payloads over 1 MiB for an id', () => {
    const p = createPairing<number>();
    p.add(0, { dir: 'sent', time: 0, decoded: null, text: `{"jsonrpc":"2.0","id":1,"method":"big","params":"${'x'.repeat(1 << 20)}"}` });
    expect(p.info(0)).toBeUndefined();
  });

  it('does not take a result in the direction that asked as the answer', () => {
    const p = createPairing<number>();
    p.add(0, { dir: 'sent', time: 0, decoded: null, text: jsonRpc.frames[0].data });
    p.add(1, { dir: 'sent', time: 5, decoded: null, text: jsonRpc.frames[3].data });
    expect(p.info(0)?.pair).toBeUndefined();
  });
});

describe('GraphQL over WebSocket', () => {
  it('graphql-transport-ws: subscribe → first next, complete, error; init → ack; ping → pong; a cancelled subscription is not unanswered', () => {
    const { pairing, pairs } = pairFixture(fx(graphqlTransport));
    expect(pairs()).toEqual([[0, 1], [2, 3], [5, 6], [9, 10], [11, 12], [13, 14], [15, 16], [18, 19]]);
    expect(pairing.info(4)).toMatchObject({ role: 'response', pair: 2 }); // complete of id 1
    expect(pairing.info(8)).toMatchObject({ role: 'response', pair: 5, latency: 3 * STEP_MS }); // complete of id 2
    // id 4: the client completed it; the server's late next has no open request left
    expect(pairing.info(20)).toBeUndefined();
    expect(pairing.unanswered(15, 1e12)).toBe(false);
  });

  it('subscriptions-transport-ws: start → data…complete, init → ack; stop cancels', () => {
    const { pairing, pairs } = pairFixture(fx(graphqlLegacy));
    expect(pairs()).toEqual([[0, 2], [1, 4], [6, 7], [11, 12]]);
    expect(pairing.info(9)).toMatchObject({ pair: 6 });
    expect(pairing.info(15)).toBeUndefined(); // data after stop
  });
});

describe('Socket.IO', () => {
  it('v4 over an upgrade: an event with an ack id → its ACK (binary too); the probe ping → pong; server pings → client pongs', () => {
    const { pairs } = pairFixture(fx(socketIoUpgrade));
    expect(pairs()).toEqual([[0, 1], [3, 4], [5, 7], [13, 14], [15, 16], [17, 18]]);
  });

  it('v4 WebSocket only: a namespace CONNECT → the server CONNECT', () => {
    const { pairs } = pairFixture(fx(socketIoWebsocket));
    expect(pairs()).toEqual([[1, 2], [5, 6], [7, 8]]);
  });

  it('v3: ack ids within the namespace; binary attachments are not requests', () => {
    const { pairing, at } = pairFixture(fx(socketIoV3));
    expect(pairing.info(at('event with ack'))).toMatchObject({ pair: at('ack') });
    expect(pairing.info(at('ping'))).toMatchObject({ pair: at('pong') });
    expect(pairing.info(at('binary event attachment 1'))).toBeUndefined();
  });
});

describe('STOMP (@stomp/stompjs)', () => {
  const { pairing, at, pairs } = pairFixture(fx(stomp));

  it('pairs receipt → RECEIPT, CONNECT → CONNECTED, SUBSCRIBE → its first MESSAGE', () => {
    expect(pairing.info(at('connect'))).toMatchObject({ pair: at('connected') });
    expect(pairing.info(at('send with receipt'))).toMatchObject({ pair: at('receipt') });
    expect(pairing.info(at('subscribe'))).toMatchObject({ pair: at('message json') });
  });

  it('takes every MESSAGE of the subscription as an answer to it', () => {
    for (const label of ['message binary', 'two frames']) expect(pairing.info(at(label))).toMatchObject({ role: 'response', pair: at('subscribe') });
  });

  it('leaves the DISCONNECT receipt unanswered in a recording that ends before it', () => {
    expect(pairs().at(-1)).toEqual([13, null]);
    expect(pairing.unanswered(13, 13 * STEP_MS + UNANSWERED_AFTER_MS)).toBe(true);
  });
});

describe('SignalR', () => {
  for (const [name, f] of [['JSON', signalrJson], ['MessagePack', signalrMsgpack]] as const) {
    it(`${name}: invocationId → Completion, stream invocation → its first item; handshake → response`, () => {
      const { pairing, at } = pairFixture(fx(f));
      expect(pairing.info(at('handshake request'))).toMatchObject({ pair: at('handshake response') });
      expect(pairing.info(at('invocation'))).toMatchObject({ pair: at('completion result') });
      expect(pairing.info(at('failing invocation'))).toMatchObject({ pair: at('completion error') });
      expect(pairing.info(at('stream invocation'))).toMatchObject({ pair: at('stream item') });
      expect(pairing.info(at('send (no invocation id)'))).toBeUndefined();
      expect(pairing.info(at('server invocation'))).toBeUndefined();
    });
  }
});

describe('WAMP (wampy)', () => {
  for (const [name, f] of [['JSON', wampJson], ['MessagePack', wampMsgpack], ['CBOR', wampCbor]] as const) {
    it(`${name}: HELLO → WELCOME, SUBSCRIBE → SUBSCRIBED, PUBLISH → PUBLISHED, CALL → RESULT/ERROR, REGISTER → REGISTERED, INVOCATION → YIELD, GOODBYE → GOODBYE`, () => {
      const { pairing, at } = pairFixture(fx(f));
      const expected: [string, string][] = [
        ['hello', 'welcome'], ['subscribe', 'subscribed'], ['publish', 'published'], ['call', 'result'],
        ['call failing', 'error'], ['register', 'registered'], ['invocation', 'yield'], ['goodbye', 'goodbye reply'],
      ];
      for (const [req, res] of expected) expect(pairing.info(at(req)), req).toMatchObject({ role: 'request', pair: at(res) });
      expect(pairing.info(at('event'))).toBeUndefined();
    });
  }
});

describe('Phoenix', () => {
  for (const [name, f] of [['v1', phoenixV1], ['v2', phoenixV2]] as const) {
    it(`${name}: a push's ref → the phx_reply with that ref on its topic (join, push, heartbeat)`, () => {
      const { pairing, at } = pairFixture(fx(f));
      expect(pairing.info(at('join'))).toMatchObject({ pair: at('join reply') });
      expect(pairing.info(at('push'))).toMatchObject({ pair: at('push reply') });
      expect(pairing.info(at('heartbeat reply'))).toMatchObject({ role: 'response', pair: at('heartbeat reply') - 1, heartbeat: true });
      expect(pairing.info(at('broadcast'))).toBeUndefined();
    });
  }

  it('keeps heartbeats out of the latency figures', () => {
    const { pairing } = pairFixture(fx(phoenixV1));
    expect(pairing.stats()?.count).toBe(2);
  });
});

describe('MQTT (mqtt-packet)', () => {
  for (const [name, f] of [['3.1.1', mqtt311], ['5', mqtt5]] as const) {
    it(`${name}: CONNECT → CONNACK, SUBSCRIBE → SUBACK, QoS 1 → PUBACK, QoS 2 → PUBREC and PUBREL → PUBCOMP, UNSUBSCRIBE → UNSUBACK, PINGREQ → PINGRESP`, () => {
      const { pairing, at } = pairFixture(fx(f));
      const expected: [string, string][] = [
        ['connect', 'connack'], ['subscribe', 'suback'], ['publish qos1', 'puback'], ['publish qos2 binary', 'pubrec'],
        ['pubrel', 'pubcomp'], ['unsubscribe', 'unsuback'], ['pingreq', 'pingresp'],
      ];
      for (const [req, res] of expected) expect(pairing.info(at(req)), req).toMatchObject({ role: 'request', pair: at(res) });
      expect(pairing.info(at('publish qos0'))).toBeUndefined();
    });
  }
});

describe('custom JSON paths', () => {
  const messages = [
    { dir: 'sent' as const, text: '{"requestId":"a","op":"get"}' },
    { dir: 'sent' as const, text: '{"requestId":"b","op":"get"}' },
    { dir: 'received' as const, text: '{"re":{"requestId":"b"},"ok":true}' },
    { dir: 'received' as const, text: '{"re":{"requestId":"a"},"ok":true}' },
    { dir: 'received' as const, text: '{"event":"tick"}' },
  ];

  it('pairs by the request path on one side and the response path on the other', () => {
    const p = createPairing<number>({ request: 'requestId', response: 're.requestId' });
    messages.forEach((m, i) => p.add(i, { ...m, time: i * 100, decoded: null }));
    expect(p.info(0)).toMatchObject({ pair: 3, latency: 300 });
    expect(p.info(1)).toMatchObject({ pair: 2, latency: 100 });
    expect(p.info(4)).toBeUndefined();
  });

  it('with the same path on both sides, the first message with an id asks and the other direction answers', () => {
    const p = createPairing<number>({ request: 'id', response: 'id' });
    p.add(0, { dir: 'sent', time: 0, decoded: null, text: '{"id":7,"q":1}' });
    p.add(1, { dir: 'sent', time: 1, decoded: null, text: '{"id":8,"q":2}' });
    p.add(2, { dir: 'received', time: 9, decoded: null, text: '{"id":7,"a":1}' });
    expect(p.info(0)).toMatchObject({ pair: 2, latency: 9 });
    expect(p.info(1)?.pair).toBeUndefined();
  });

  it('reads array indices in a path and keeps string and number ids apart', () => {
    const p = createPairing<number>({ request: 'meta.0.rid', response: 'rid' });
    p.add(0, { dir: 'sent', time: 0, decoded: null, text: '{"meta":[{"rid":1}]}' });
    p.add(1, { dir: 'received', time: 2, decoded: null, text: '{"rid":"1"}' });
    p.add(2, { dir: 'received', time: 3, decoded: null, text: '{"rid":1}' });
    expect(p.info(0)?.pair).toBe(2);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 50), percentile(v, 95), percentile(v, 100)]).toEqual([50, 95, 100]);
    expect(percentile([42], 95)).toBe(42);
  });
});
