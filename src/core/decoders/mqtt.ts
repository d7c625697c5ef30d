import { MQTT_TYPES, parseMqtt, type MqttPacket } from './mqtt-parse';
import { payloadBytes } from './payload';
import type { Decoded, DecodeFn, DecoderDef, Direction, FieldValue, Payload } from './types';
import { binaryValue, preview, printableText, textPreview, tryJson } from './values';
import { formatBytes } from '../units';

function payloadValue(bytes: Uint8Array): unknown {
  const text = printableText(bytes);
  if (text === undefined) return binaryValue(bytes);
  const json = /^\s*[[{"]/.test(text) ? tryJson(text) : undefined;
  return json !== undefined ? json : text;
}

function payloadPreview(bytes: Uint8Array): string {
  if (bytes.length === 0) return '(empty)';
  const text = printableText(bytes);
  return text === undefined ? `(${formatBytes(bytes.length)} binary)` : textPreview(text, 60);
}

interface Sub {
  topic: string;
  qos: number;
}

function summary(p: MqttPacket, payload: Uint8Array | undefined): string {
  const type = p.cmd.toUpperCase();
  const id = p.messageId !== undefined ? ` id=${String(p.messageId)}` : '';
  switch (p.cmd) {
    case 'connect': {
      const v = p.protocolVersion === 5 ? '5' : p.protocolVersion === 4 ? '3.1.1' : '3.1';
      return `MQTT CONNECT ${JSON.stringify(p.clientId)} v${v} keepalive=${String(p.keepalive)}${p.clean ? ' clean' : ''}${p.username !== undefined ? ` user=${String(p.username)}` : ''}`;
    }
    case 'connack':
      return `MQTT CONNACK ${p.reasonCode !== undefined ? `reason=${String(p.reasonCode)}` : `rc=${String(p.returnCode)}`}${p.sessionPresent ? ' session-present' : ''}`;
    case 'publish': {
      const flags = `${p.retain ? ' retain' : ''}${p.dup ? ' dup' : ''}`;
      return `MQTT PUBLISH ${JSON.stringify(p.topic)} qos=${String(p.qos)}${id}${flags}: ${payloadPreview(payload ?? new Uint8Array())}`;
    }
    case 'subscribe':
      return `MQTT SUBSCRIBE${id} ${(p.subscriptions as Sub[]).map((s) => `${JSON.stringify(s.topic)} qos=${s.qos}`).join(', ')}`;
    case 'suback':
    case 'unsuback':
      return `MQTT ${type}${id}${p.granted ? ` granted=${preview(p.granted)}` : ''}`;
    case 'unsubscribe':
      return `MQTT UNSUBSCRIBE${id} ${(p.unsubscriptions as string[]).map((t) => JSON.stringify(t)).join(', ')}`;
    default:
      return `MQTT ${type}${id}${p.reasonCode !== undefined ? ` reason=${String(p.reasonCode)}` : ''}`;
  }
}

function fields(p: MqttPacket): Record<string, FieldValue> {
  const topics =
    p.cmd === 'publish' ? (p.topic as string) :
    p.cmd === 'subscribe' ? (p.subscriptions as Sub[]).map((s) => s.topic).join(',') :
    p.cmd === 'unsubscribe' ? (p.unsubscriptions as string[]).join(',') : undefined;
  return {
    type: p.cmd.toUpperCase(),
    topic: topics,
    qos: p.qos as number | undefined,
    packetId: p.messageId as number | undefined,
    clientId: p.clientId as string | undefined,
    retain: p.retain as boolean | undefined,
  };
}

/** The protocol version a decoder assumes until it sees a CONNECT. */
const DEFAULT_VERSION = 4;

function createMqttDecoder(): DecodeFn {
  let version = DEFAULT_VERSION;
  const aliases: Record<Direction, Map<number, string>> = { sent: new Map(), received: new Map() };

  function resolveAlias(p: MqttPacket, dir: Direction): void {
    const alias = (p.properties as Record<string, unknown> | undefined)?.topicAlias;
    if (typeof alias !== 'number') return;
    if (p.topic) aliases[dir].set(alias, p.topic as string);
    else if (aliases[dir].has(alias)) {
      p.topic = aliases[dir].get(alias);
      p.topicFromAlias = alias;
    }
  }

  return (pl: Payload, dir: Direction): Decoded => {
    const bytes = payloadBytes(pl);
    const parsedAs = version;
    const { packets, incomplete } = parseMqtt(bytes, parsedAs);
    const connect = packets.find((p) => p.cmd === 'connect');
    if (connect && typeof connect.protocolVersion === 'number') version = connect.protocolVersion;
    const parts = packets.map((p) => {
      resolveAlias(p, dir);
      const payload = p.payload instanceof Uint8Array ? p.payload : undefined;
      const value = payload ? { ...p, payload: payloadValue(payload), payloadSize: payload.length } : p;
      return { summary: summary(p, payload), value, fields: fields(p) };
    });
    const note = incomplete ? `incomplete packet: ${incomplete} more byte(s) expected` : undefined;
    const contextual = parsedAs !== DEFAULT_VERSION || packets.some((p) => p.topicFromAlias !== undefined) ? { contextual: true as const } : {};
    if (!parts.length) {
      const type = MQTT_TYPES[bytes[0] >> 4]?.toUpperCase() ?? '?';
      return { decoder: 'mqtt', summary: `MQTT ${type} (incomplete)`, value: null, fields: { type }, note, ...contextual };
    }
    return {
      decoder: 'mqtt',
      summary: parts.length === 1 ? parts[0].summary : `${parts.length} packets: ${parts.map((x) => x.summary).join(' | ')}`,
      value: parts.length === 1 ? parts[0].value : parts.map((x) => x.value),
      fields: parts[0].fields,
      note,
      ...contextual,
    };
  };
}

/** A CONNECT packet: type 1, then the protocol name 'MQTT' (or 'MQIsdp' for 3.1) after the length. */
function sniffConnect(p: Payload): boolean {
  const b = p.bytes;
  if (p.opcode !== 2 || !b || b[0] !== 0x10) return false;
  let i = 1;
  while (i < 5 && b[i] & 0x80) i++;
  const name = String.fromCharCode(...b.subarray(i + 3, i + 3 + b[i + 2]));
  return b[i + 1] === 0 && (name === 'MQTT' || name === 'MQIsdp');
}

export const mqtt: DecoderDef = {
  id: 'mqtt',
  label: 'MQTT 3.1.1 / 5',
  create: createMqttDecoder,
  sniff: sniffConnect,
};
