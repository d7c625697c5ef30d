import { generic, specific } from './registry';
import type { Payload } from './types';

/** Negotiated subprotocol (Sec-WebSocket-Protocol) to decoder. */
const BY_PROTOCOL: [RegExp, string][] = [
  [/^wamp\.2\./i, 'wamp'],
  [/^(graphql-transport-ws|graphql-ws)$/i, 'graphql'],
  [/^actioncable-/i, 'actioncable'],
  [/^mqtt/i, 'mqtt'],
  [/^(v1[0-2]\.)?stomp$/i, 'stomp'],
  [/^(x-)?(msgpack|messagepack)$/i, 'msgpack'],
  [/^cbor$/i, 'cbor'],
];

/** URL patterns of the libraries' default endpoints. */
const BY_URL: [RegExp, string][] = [
  [/[?&]EIO=3(&|$)/, 'socket.io-v3'],
  [/\/socket\.io\/|[?&]EIO=\d/, 'socket.io'],
  [/\/sockjs\/|\/\d{3}\/[^/?#]{4,}\/websocket([?#]|$)/i, 'sockjs'],
  [/[?&]vsn=[12]\.\d\.\d|\/(socket|live)\/websocket([?#]|$)/, 'phoenix'],
  [/\/cable([/?#]|$)/, 'actioncable'],
  [/\/mqtt([/?#]|$)/i, 'mqtt'],
];

const SNIFF_COUNT = 8;

/** Picks a decoder: negotiated protocol first, then URL hints, then sniffing the first payloads. null = none. */
export function detectDecoder(info: { protocol: string; url: string }, firstPayloads: Payload[]): string | null {
  for (const [re, id] of BY_PROTOCOL) if (re.test(info.protocol ?? '')) return id;
  for (const [re, id] of BY_URL) if (re.test(info.url ?? '')) return id;
  const sample = firstPayloads.slice(0, SNIFF_COUNT);
  for (const list of [specific, generic]) {
    for (const p of sample) {
      for (const d of list) {
        try {
          if (d.sniff?.(p, undefined)) return d.id;
        } catch {
          // a sniffer that chokes on odd input simply does not match
        }
      }
    }
  }
  return null;
}
