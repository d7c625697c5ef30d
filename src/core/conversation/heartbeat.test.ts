import { describe, expect, it } from 'vitest';
import actionCable from '../decoders/fixtures/actioncable.json';
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
import sockjs from '../decoders/fixtures/sockjs.json';
import stomp from '../decoders/fixtures/stomp.json';
import wampJson from '../decoders/fixtures/wamp-json.json';
import { createSocketDecoder, detectDecoder } from '../decoders';
import { payloadOf, type Fixture } from '../decoders/test-helpers';
import type { Direction } from '../decoders/types';
import { isHeartbeat } from './heartbeat';

/** The payloads of a fixture's frames that are heartbeats, decoded in order with its detected decoder. */
function heartbeats(f: unknown): string[] {
  const fx = f as Fixture;
  const payloads = fx.frames.map(payloadOf);
  const decoder = createSocketDecoder(detectDecoder({ protocol: fx.protocol, url: fx.url }, payloads) ?? 'none');
  return fx.frames.filter((frame, i) => isHeartbeat(decoder.decode(payloads[i], frame.dir as Direction))).map((frame) => frame.label || frame.data);
}

describe('heartbeats, recognised per protocol on the libraries’ own traffic', () => {
  it('Engine.IO ping and pong (the upgrade probes too), v4 and v3', () => {
    expect(heartbeats(socketIoUpgrade)).toEqual(['2probe', '3probe', '2', '3', '2', '3']);
    expect(heartbeats(socketIoV3)).toEqual(['ping probe', 'pong probe', 'ping', 'pong']);
  });

  it('Phoenix heartbeat and its reply on the phoenix topic', () => {
    const v1 = '{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"5"}';
    expect(heartbeats(phoenixV1)).toEqual([v1, 'heartbeat reply']);
    expect(heartbeats(phoenixV2)).toEqual(['[null,"5","phoenix","heartbeat",{}]', 'heartbeat reply']);
  });

  it('GraphQL ping/pong (graphql-transport-ws) and ka (subscriptions-transport-ws)', () => {
    expect(heartbeats(graphqlTransport)).toEqual(Array(3).fill(['{"type":"ping"}', '{"type":"pong"}']).flat());
    expect(heartbeats(graphqlLegacy)).toEqual(['{"type":"ka"}', '{"type":"ka"}', '{"type":"ka"}']);
  });

  it('STOMP heart-beat EOLs', () => {
    expect(heartbeats(stomp)).toEqual(['\n']);
  });

  it('SignalR ping (type 6), JSON and MessagePack', () => {
    expect(heartbeats(signalrJson)).toEqual(['{"type":6}\u001e', 'ping', '{"type":6}\u001e']);
    expect(heartbeats(signalrMsgpack)).toEqual(['ApEG', 'ping', 'ApEG']);
  });

  it('MQTT PINGREQ and PINGRESP', () => {
    expect(heartbeats(mqtt311)).toEqual(['pingreq', 'pingresp', 'two packets']);
    expect(heartbeats(mqtt5)).toEqual(['pingreq', 'pingresp', 'two packets']);
  });

  it('Action Cable ping, welcome and confirm_subscription', () => {
    expect(heartbeats(actionCable)).toEqual(['welcome', 'ping', 'confirm_subscription']);
  });

  it('SockJS h frames; nothing in traffic without keep-alives of its own', () => {
    expect(heartbeats(sockjs)).toEqual([]);
    expect(isHeartbeat({ decoder: 'sockjs', fields: { frame: 'h', type: 'heartbeat' } })).toBe(true);
    expect(heartbeats(wampJson)).toEqual([]);
  });
});
