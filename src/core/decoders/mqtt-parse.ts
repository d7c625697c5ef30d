import { readProperties } from './mqtt-properties';
import { Reader } from './mqtt-reader';
import { binaryValue } from './values';

export const MQTT_TYPES = [
  'reserved', 'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp',
  'subscribe', 'suback', 'unsubscribe', 'unsuback', 'pingreq', 'pingresp', 'disconnect', 'auth',
];

/** A parsed MQTT control packet; field names follow mqtt-packet's. */
export interface MqttPacket {
  cmd: string;
  length: number;
  [key: string]: unknown;
}

export interface ParseResult {
  packets: MqttPacket[];
  /** Bytes still missing for a packet that continues in a later frame. */
  incomplete?: number;
}

/** Parses every MQTT packet in a WebSocket frame. `version` is 3, 4 (3.1.1) or 5; CONNECT carries its own. */
export function parseMqtt(bytes: Uint8Array, version: number): ParseResult {
  const packets: MqttPacket[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const head = new Reader(bytes, bytes.length);
    head.pos = pos;
    const first = head.u8();
    const length = head.varint();
    if (head.pos + length > bytes.length) {
      // Cut by the capture's payload limit, or continued in the next frame: a PUBLISH still shows its header.
      if (first >> 4 === 3) {
        const partial = parsePartial(first, length, bytes, head.pos, version);
        if (partial) packets.push(partial);
      }
      return { packets, incomplete: head.pos + length - bytes.length };
    }
    const r = new Reader(bytes, head.pos + length);
    r.pos = head.pos;
    const packet = parsePacket(first, length, r, version);
    if (packet.cmd === 'connect' && typeof packet.protocolVersion === 'number') version = packet.protocolVersion;
    packets.push(packet);
    pos = head.pos + length;
  }
  return { packets };
}

function parsePartial(first: number, length: number, bytes: Uint8Array, start: number, version: number): MqttPacket | undefined {
  const r = new Reader(bytes, bytes.length);
  r.pos = start;
  try {
    return { ...parsePacket(first, length, r, version), partial: true };
  } catch {
    return undefined;
  }
}

function parsePacket(first: number, length: number, r: Reader, version: number): MqttPacket {
  const cmd = MQTT_TYPES[first >> 4];
  const flags = first & 0x0f;
  const p: MqttPacket = { cmd, length };
  const v5 = version === 5;
  switch (cmd) {
    case 'connect':
      return connect(p, r);
    case 'connack':
      p.sessionPresent = (r.u8() & 1) === 1;
      if (v5) {
        p.reasonCode = r.u8();
        if (r.left) p.properties = readProperties(r);
      } else p.returnCode = r.u8();
      break;
    case 'publish':
      p.qos = (flags >> 1) & 3;
      p.dup = (flags & 8) !== 0;
      p.retain = (flags & 1) !== 0;
      p.topic = r.str();
      if ((p.qos as number) > 0) p.messageId = r.u16();
      if (v5) p.properties = readProperties(r);
      p.payload = r.rest();
      break;
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
    case 'unsuback':
      p.messageId = r.u16();
      if (cmd === 'unsuback') {
        if (v5) {
          p.properties = readProperties(r);
          p.granted = [...r.rest()];
        }
      } else if (v5) {
        // MQTT 5: an absent reason code means 0x00 (Success).
        p.reasonCode = r.left ? r.u8() : 0;
        if (r.left) p.properties = readProperties(r);
      }
      break;
    case 'subscribe':
      p.messageId = r.u16();
      if (v5) p.properties = readProperties(r);
      p.subscriptions = subscriptions(r, v5);
      break;
    case 'suback':
      p.messageId = r.u16();
      if (v5) p.properties = readProperties(r);
      p.granted = [...r.rest()];
      break;
    case 'unsubscribe':
      p.messageId = r.u16();
      if (v5) p.properties = readProperties(r);
      p.unsubscriptions = [];
      while (r.left) (p.unsubscriptions as string[]).push(r.str());
      break;
    case 'disconnect':
    case 'auth':
      if (v5) p.reasonCode = r.left ? r.u8() : 0;
      if (r.left) p.properties = readProperties(r);
      break;
    case 'pingreq':
    case 'pingresp':
      break;
    default:
      throw new Error(`reserved MQTT packet type 0x${first.toString(16)}`);
  }
  if (r.left) throw new Error(`${r.left} unexpected trailing byte(s) in MQTT ${cmd}`);
  return p;
}

function subscriptions(r: Reader, v5: boolean): unknown[] {
  const subs: unknown[] = [];
  while (r.left) {
    const topic = r.str();
    const o = r.u8();
    const sub: Record<string, unknown> = { topic, qos: o & 3 };
    if (v5) {
      sub.nl = (o & 4) !== 0;
      sub.rap = (o & 8) !== 0;
      sub.rh = (o >> 4) & 3;
    }
    subs.push(sub);
  }
  if (!subs.length) throw new Error('MQTT SUBSCRIBE without topics');
  return subs;
}

function connect(p: MqttPacket, r: Reader): MqttPacket {
  p.protocolId = r.str();
  p.protocolVersion = r.u8();
  if (p.protocolId !== 'MQTT' && p.protocolId !== 'MQIsdp') throw new Error(`not an MQTT CONNECT (protocol ${JSON.stringify(p.protocolId)})`);
  const flags = r.u8();
  const v5 = p.protocolVersion === 5;
  p.clean = (flags & 2) !== 0;
  p.keepalive = r.u16();
  if (v5) p.properties = readProperties(r);
  p.clientId = r.str();
  if (flags & 4) {
    const will: Record<string, unknown> = { qos: (flags >> 3) & 3, retain: (flags & 0x20) !== 0 };
    if (v5) will.properties = readProperties(r);
    will.topic = r.str();
    will.payload = binaryValue(r.bin());
    p.will = will;
  }
  if (flags & 0x80) p.username = r.str();
  if (flags & 0x40) p.password = binaryValue(r.bin());
  if (r.left) throw new Error(`${r.left} unexpected trailing byte(s) in MQTT connect`);
  return p;
}
