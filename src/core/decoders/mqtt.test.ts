import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../encoding';
import { createSocketDecoder } from './index';
import v4Fx from './fixtures/mqtt-3.1.1.json';
import v5Fx from './fixtures/mqtt-5.json';
import { decodeFixture, labelled, type Fixture, type FixtureFrame } from './test-helpers';

type MqttFrame = FixtureFrame & { packet: Record<string, unknown> };

/** The fields mqtt-packet was given, compared with what the hand-written parser read back. */
function expectSamePacket(value: Record<string, unknown>, packet: Record<string, unknown>): void {
  for (const key of ['cmd', 'topic', 'qos', 'messageId', 'retain', 'dup', 'clientId', 'keepalive', 'clean', 'username', 'protocolVersion', 'sessionPresent', 'returnCode', 'reasonCode', 'granted', 'unsubscriptions']) {
    if (packet[key] !== undefined && !(key === 'topic' && packet[key] === '')) expect(value[key], key).toEqual(packet[key]);
  }
  if (packet.subscriptions) expect(value.subscriptions).toMatchObject(packet.subscriptions as object[]);
  const props = packet.properties as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(props ?? {})) {
    const got = (value.properties as Record<string, unknown>)[k];
    if (typeof v === 'boolean') expect(got, k).toBe(v ? 1 : 0);
    else if (v && typeof v === 'object' && '$bytes' in v) expect((got as { base64: string }).base64, k).toBe(v.$bytes);
    else expect(got, k).toEqual(v);
  }
  if (packet.payload) {
    const bytes = base64ToBytes((packet.payload as { $bytes: string }).$bytes);
    expect(value.payloadSize).toBe(bytes.length);
  }
}

for (const [name, fx] of [['3.1.1', v4Fx], ['5', v5Fx]] as const) {
  describe(`MQTT ${name} (mqtt-packet generate)`, () => {
    const r = decodeFixture('mqtt', fx as Fixture);

    it('reads back every packet mqtt-packet wrote', () => {
      for (const { frame, decoded } of r) {
        const f = frame as MqttFrame;
        if (!f.packet) continue;
        expect(decoded?.note, f.label).toBeUndefined();
        expectSamePacket(decoded?.value as Record<string, unknown>, f.packet);
      }
    });

    it('summarises CONNECT, SUBSCRIBE and PUBLISH with topic, qos, packet id and payload', () => {
      expect(labelled(r, 'connect').summary).toBe(`MQTT CONNECT "sensor-1" v${name} keepalive=60 clean user=user`);
      expect(labelled(r, 'connect').value).toMatchObject({ will: { topic: 'status/sensor-1', qos: 1, retain: true, payload: { text: 'offline' } } });
      expect(labelled(r, 'subscribe').summary).toBe('MQTT SUBSCRIBE id=1 "sensors/+/temp" qos=1, "alerts/#" qos=0');
      expect(labelled(r, 'subscribe').fields).toMatchObject({ type: 'SUBSCRIBE', topic: 'sensors/+/temp,alerts/#', packetId: 1 });
      expect(labelled(r, 'publish qos0').summary).toBe('MQTT PUBLISH "sensors/1/temp" qos=0: {"c":21.5}');
      expect(labelled(r, 'publish qos0').value).toMatchObject({ payload: { c: 21.5 }, payloadSize: 10 });
      expect(labelled(r, 'publish qos1').summary).toBe('MQTT PUBLISH "sensors/1/temp" qos=1 id=10 retain: 22.0');
      expect(labelled(r, 'publish qos1').fields).toEqual({
        type: 'PUBLISH', topic: 'sensors/1/temp', qos: 1, packetId: 10, clientId: undefined, retain: true,
      });
      expect(labelled(r, 'publish qos2 binary').summary).toBe('MQTT PUBLISH "alerts/fire" qos=2 id=11 dup: (4 B binary)');
      expect(labelled(r, 'pingreq').summary).toBe('MQTT PINGREQ');
      expect(labelled(r, 'two packets').summary).toBe(`2 packets: MQTT PINGREQ | MQTT PUBACK id=12${name === '5' ? ' reason=0' : ''}`);
    });
  });
}

describe('MQTT 5 specifics', () => {
  const r = decodeFixture('mqtt', v5Fx as Fixture);

  it('resolves topic aliases from earlier PUBLISH packets', () => {
    const d = labelled(r, 'publish by alias');
    expect(d.summary).toBe('MQTT PUBLISH "sensors/1/temp" qos=0: 23.1');
    expect(d.value).toMatchObject({ topic: 'sensors/1/temp', topicFromAlias: 3 });
  });

  it('reads properties and reason codes', () => {
    expect(labelled(r, 'connack').summary).toBe('MQTT CONNACK reason=0');
    expect(labelled(r, 'connack').value).toMatchObject({ properties: { topicAliasMaximum: 10, assignedClientIdentifier: 'srv-1' } });
    expect(labelled(r, 'publish qos2 binary').value).toMatchObject({ properties: { userProperties: { a: '1' }, correlationData: { text: 'c1' } } });
  });
});

describe('MQTT edge cases', () => {
  it('shows the header of a PUBLISH cut by the capture limit', () => {
    const frame = (v4Fx.frames as MqttFrame[]).find((f) => f.label === 'publish qos0')!;
    const bytes = base64ToBytes(frame.data).subarray(0, 20);
    const d = createSocketDecoder('mqtt').decode({ opcode: 2, bytes }, 'sent');
    expect(d?.summary).toBe('MQTT PUBLISH "sensors/1/temp" qos=0: {"');
    expect(d?.note).toBe('incomplete packet: 8 more byte(s) expected');
  });

  it('reports a reserved packet type as a decode error', () => {
    const d = createSocketDecoder('mqtt').decode({ opcode: 2, bytes: new Uint8Array([0x00, 0x00]) }, 'sent');
    expect(d?.note).toBe('decode error: reserved MQTT packet type 0x0');
  });
});
