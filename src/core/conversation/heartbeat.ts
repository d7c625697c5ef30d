import type { FieldValue } from '../decoders/types';

/** Each protocol's keep-alives, recognised from its decoder's fields. */
const HEARTBEATS: Record<string, ((f: Record<string, FieldValue>) => boolean) | undefined> = {
  // Engine.IO ping/pong, the upgrade's probes included.
  'socket.io': (f) => f.eio === 'ping' || f.eio === 'pong',
  'socket.io-v3': (f) => f.eio === 'ping' || f.eio === 'pong',
  // SockJS `h` frames, and STOMP heart-beats carried in its `a` frames.
  sockjs: (f) => f.frame === 'h' || f.type === 'heartbeat',
  // STOMP heart-beats: a payload of EOLs only.
  stomp: (f) => f.type === 'heartbeat',
  phoenix: (f) => f.topic === 'phoenix' && (f.event === 'heartbeat' || f.event === 'phx_reply'),
  graphql: (f) => f.type === 'ping' || f.type === 'pong' || f.type === 'ka',
  signalr: (f) => f.type === 'Ping',
  mqtt: (f) => f.type === 'PINGREQ' || f.type === 'PINGRESP',
  actioncable: (f) => f.type === 'ping' || f.type === 'welcome' || f.type === 'confirm_subscription',
};

/** Whether a decoded message is its protocol's keep-alive (WAMP over WebSocket has none of its own). */
export function isHeartbeat(decoded: { decoder: string; fields: Record<string, FieldValue> } | null | undefined): boolean {
  if (!decoded) return false;
  return HEARTBEATS[decoded.decoder]?.(decoded.fields) ?? false;
}
