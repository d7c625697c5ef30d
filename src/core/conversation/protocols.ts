import type { Direction, FieldValue } from '../decoders/types';
import { cancel, request, response, type Correlation } from './correlation';

type Fields = Record<string, FieldValue>;
type Rule = (f: Fields, dir: Direction) => Correlation[];

const none: Correlation[] = [];
const id = (v: FieldValue): string | undefined => (v === undefined || v === '' ? undefined : String(v));

/** Socket.IO: an event with an ack id ↔ the ACK of that id in its namespace; CONNECT ↔ the server's CONNECT or CONNECT_ERROR; Engine.IO ping ↔ pong. */
const socketIo: Rule = (f, dir) => {
  if (f.eio === 'ping') return [request('eio:ping')];
  if (f.eio === 'pong') return [response('eio:ping')];
  if (f.eio !== 'message' || f.attachment !== undefined) return none;
  const ack = id(f.ack);
  const ns = String(f.ns ?? '/');
  switch (f.type) {
    case 'EVENT':
    case 'BINARY_EVENT':
      return ack === undefined ? none : [request(`sio:${ns}#${ack}`)];
    case 'ACK':
    case 'BINARY_ACK':
      return ack === undefined ? none : [response(`sio:${ns}#${ack}`)];
    case 'CONNECT':
      return [dir === 'sent' ? request(`sio:connect:${ns}`) : response(`sio:connect:${ns}`)];
    case 'CONNECT_ERROR':
      return dir === 'received' ? [response(`sio:connect:${ns}`)] : none;
    default:
      return none;
  }
};

/** GraphQL over WebSocket (both protocols): subscribe/start ↔ next/data…, then complete/error; init ↔ ack; ping ↔ pong. */
const graphql: Rule = (f, dir) => {
  const op = id(f.id);
  switch (f.type) {
    case 'connection_init':
      return [request('gql:init')];
    case 'connection_ack':
    case 'connection_error':
      return [response('gql:init')];
    case 'ping':
      return [request('gql:ping')];
    case 'pong':
      return [response('gql:ping')];
    case 'subscribe':
    case 'start':
      return op === undefined ? none : [request(`gql:${op}`)];
    case 'next':
    case 'data':
      return op === undefined ? none : [response(`gql:${op}`, false)];
    case 'error':
      return op === undefined ? none : [response(`gql:${op}`)];
    case 'complete':
      // The client's complete ends its own subscription; the server's answers it.
      return op === undefined ? none : [dir === 'sent' ? cancel(`gql:${op}`) : response(`gql:${op}`)];
    case 'stop':
      return op === undefined ? none : [cancel(`gql:${op}`)];
    default:
      return none;
  }
};

/** STOMP: a frame's `receipt` ↔ RECEIPT (or ERROR) with that `receipt-id`; SUBSCRIBE ↔ its MESSAGEs; CONNECT ↔ CONNECTED. */
const stomp: Rule = (f) => {
  const out: Correlation[] = [];
  const receipt = id(f.receipt);
  const receiptId = id(f['receipt-id']);
  const sub = id(f.subscription);
  if (receipt !== undefined) out.push(request(`stomp:receipt:${receipt}`));
  if (receiptId !== undefined) out.push(response(`stomp:receipt:${receiptId}`));
  switch (f.command) {
    case 'CONNECT':
    case 'STOMP':
      out.push(request('stomp:connect'));
      break;
    case 'CONNECTED':
      out.push(response('stomp:connect'));
      break;
    case 'SUBSCRIBE':
      if (sub !== undefined) out.push(request(`stomp:sub:${sub}`));
      break;
    case 'MESSAGE':
      if (sub !== undefined) out.push(response(`stomp:sub:${sub}`, false));
      break;
    case 'UNSUBSCRIBE':
      if (sub !== undefined) out.push(cancel(`stomp:sub:${sub}`));
      break;
  }
  return out;
};

/** SignalR: an invocation's `invocationId` ↔ its Completion (stream items before it); handshake ↔ its response. */
const signalr: Rule = (f) => {
  const inv = id(f.invocationId);
  switch (f.type) {
    case 'Handshake':
      return [request('signalr:handshake')];
    case 'HandshakeResponse':
      return [response('signalr:handshake')];
    case 'Invocation':
    case 'StreamInvocation':
      return inv === undefined ? none : [request(`signalr:${inv}`)];
    case 'StreamItem':
      return inv === undefined ? none : [response(`signalr:${inv}`, false)];
    case 'Completion':
      return inv === undefined ? none : [response(`signalr:${inv}`)];
    case 'CancelInvocation':
      return inv === undefined ? none : [cancel(`signalr:${inv}`)];
    default:
      return none;
  }
};

const WAMP_REQUESTS = new Set(['PUBLISH', 'SUBSCRIBE', 'UNSUBSCRIBE', 'CALL', 'REGISTER', 'UNREGISTER', 'INVOCATION']);
const WAMP_FINAL = new Set(['PUBLISHED', 'SUBSCRIBED', 'UNSUBSCRIBED', 'REGISTERED', 'UNREGISTERED', 'ERROR']);
/** Progressive results may follow a RESULT or YIELD with the same request id. */
const WAMP_PROGRESSIVE = new Set(['RESULT', 'YIELD']);

/** WAMP: a request id ↔ the reply with that id (CALL→RESULT/ERROR, SUBSCRIBE→SUBSCRIBED, INVOCATION→YIELD, …); HELLO ↔ WELCOME/ABORT. */
const wamp: Rule = (f) => {
  const type = String(f.type);
  if (type === 'HELLO') return [request('wamp:hello')];
  if (type === 'WELCOME' || type === 'ABORT') return [response('wamp:hello')];
  if (type === 'GOODBYE') return [{ key: 'wamp:goodbye', role: 'either', final: true }];
  const req = id(f.request);
  if (req === undefined) return none;
  const key = `wamp:${req}`;
  if (WAMP_REQUESTS.has(type)) return [request(key)];
  if (WAMP_FINAL.has(type)) return [response(key)];
  if (WAMP_PROGRESSIVE.has(type)) return [response(key, false)];
  if (type === 'CANCEL' || type === 'INTERRUPT') return [cancel(key)];
  return none;
};

/** Phoenix: a client push's `ref` ↔ the server's phx_reply with that ref on the topic (joins and heartbeats too). */
const phoenix: Rule = (f, dir) => {
  const ref = id(f.ref);
  if (ref === undefined) return none;
  const key = `phx:${String(f.topic)}:${ref}`;
  if (dir === 'sent' && f.event !== 'phx_reply') return [request(key)];
  if (dir === 'received' && f.event === 'phx_reply') return [response(key)];
  return none;
};

/** MQTT packet identifiers: SUBSCRIBE→SUBACK, UNSUBSCRIBE→UNSUBACK, PUBLISH QoS 1→PUBACK, QoS 2→PUBREC and PUBREL→PUBCOMP; CONNECT→CONNACK, PINGREQ→PINGRESP. */
const mqtt: Rule = (f) => {
  const pid = id(f.packetId);
  switch (f.type) {
    case 'CONNECT':
      return [request('mqtt:connect')];
    case 'CONNACK':
      return [response('mqtt:connect')];
    case 'PINGREQ':
      return [request('mqtt:ping')];
    case 'PINGRESP':
      return [response('mqtt:ping')];
  }
  if (pid === undefined) return none;
  switch (f.type) {
    case 'SUBSCRIBE':
      return [request(`mqtt:sub:${pid}`)];
    case 'SUBACK':
      return [response(`mqtt:sub:${pid}`)];
    case 'UNSUBSCRIBE':
      return [request(`mqtt:unsub:${pid}`)];
    case 'UNSUBACK':
      return [response(`mqtt:unsub:${pid}`)];
    case 'PUBLISH':
      return f.qos === 1 ? [request(`mqtt:pub1:${pid}`)] : f.qos === 2 ? [request(`mqtt:pub2:${pid}`)] : none;
    case 'PUBACK':
      return [response(`mqtt:pub1:${pid}`)];
    case 'PUBREC':
      return [response(`mqtt:pub2:${pid}`)];
    case 'PUBREL':
      return [request(`mqtt:rel:${pid}`)];
    case 'PUBCOMP':
      return [response(`mqtt:rel:${pid}`)];
    default:
      return none;
  }
};

/** SockJS frames carry their inner STOMP frame's fields when there is one (STOMP over SockJS). */
const sockjs: Rule = (f, dir) => (f.command !== undefined ? stomp(f, dir) : none);

/** Correlation rules by decoder id, over the decoder's fields. */
export const RULES: Record<string, Rule | undefined> = {
  'socket.io': socketIo,
  'socket.io-v3': socketIo,
  graphql,
  stomp,
  sockjs,
  signalr,
  wamp,
  phoenix,
  mqtt,
};
