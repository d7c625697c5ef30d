import type { Reader } from './mqtt-reader';
import { binaryValue } from './values';

type Kind = 'byte' | 'u16' | 'u32' | 'varint' | 'str' | 'bin' | 'pair';

/** MQTT 5 property identifiers, named as mqtt-packet names them. */
const PROPERTIES: Record<number, [string, Kind]> = {
  0x01: ['payloadFormatIndicator', 'byte'],
  0x02: ['messageExpiryInterval', 'u32'],
  0x03: ['contentType', 'str'],
  0x08: ['responseTopic', 'str'],
  0x09: ['correlationData', 'bin'],
  0x0b: ['subscriptionIdentifier', 'varint'],
  0x11: ['sessionExpiryInterval', 'u32'],
  0x12: ['assignedClientIdentifier', 'str'],
  0x13: ['serverKeepAlive', 'u16'],
  0x15: ['authenticationMethod', 'str'],
  0x16: ['authenticationData', 'bin'],
  0x17: ['requestProblemInformation', 'byte'],
  0x18: ['willDelayInterval', 'u32'],
  0x19: ['requestResponseInformation', 'byte'],
  0x1a: ['responseInformation', 'str'],
  0x1c: ['serverReference', 'str'],
  0x1f: ['reasonString', 'str'],
  0x21: ['receiveMaximum', 'u16'],
  0x22: ['topicAliasMaximum', 'u16'],
  0x23: ['topicAlias', 'u16'],
  0x24: ['maximumQoS', 'byte'],
  0x25: ['retainAvailable', 'byte'],
  0x26: ['userProperties', 'pair'],
  0x27: ['maximumPacketSize', 'u32'],
  0x28: ['wildcardSubscriptionAvailable', 'byte'],
  0x29: ['subscriptionIdentifiersAvailable', 'byte'],
  0x2a: ['sharedSubscriptionAvailable', 'byte'],
};

function readValue(r: Reader, kind: Kind): unknown {
  switch (kind) {
    case 'byte':
      return r.u8();
    case 'u16':
      return r.u16();
    case 'u32':
      return r.u32();
    case 'varint':
      return r.varint();
    case 'str':
      return r.str();
    case 'bin':
      return binaryValue(r.bin());
    case 'pair':
      return [r.str(), r.str()];
  }
}

/** Reads an MQTT 5 property block (length-prefixed); repeatable properties become arrays / objects. */
export function readProperties(r: Reader): Record<string, unknown> | undefined {
  const length = r.varint();
  const end = r.pos + length;
  if (end > r.end) throw new Error('MQTT properties run past the packet');
  const props: Record<string, unknown> = {};
  while (r.pos < end) {
    const id = r.varint();
    const def = PROPERTIES[id];
    if (!def) throw new Error(`unknown MQTT property 0x${id.toString(16)}`);
    const [name, kind] = def;
    const v = readValue(r, kind);
    if (kind === 'pair') {
      const [k, val] = v as [string, string];
      const up = (props.userProperties ??= {}) as Record<string, string | string[]>;
      const prev = up[k];
      up[k] = prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val];
    } else if (name === 'subscriptionIdentifier' && props[name] !== undefined) {
      props[name] = ([] as unknown[]).concat(props[name], v);
    } else props[name] = v;
  }
  return length ? props : undefined;
}
