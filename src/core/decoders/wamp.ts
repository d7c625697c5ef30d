import { arrayEncoding, decodeCbor, decodeMsgpack } from './binary-formats';
import { payloadBytes } from './payload';
import type { Decoded, DecodeFn, DecoderDef, Direction, FieldValue, Payload } from './types';
import { isRecord, preview, str, tryJson } from './values';

const NAMES: Record<number, string> = {
  1: 'HELLO', 2: 'WELCOME', 3: 'ABORT', 4: 'CHALLENGE', 5: 'AUTHENTICATE', 6: 'GOODBYE', 8: 'ERROR',
  16: 'PUBLISH', 17: 'PUBLISHED', 32: 'SUBSCRIBE', 33: 'SUBSCRIBED', 34: 'UNSUBSCRIBE', 35: 'UNSUBSCRIBED', 36: 'EVENT',
  48: 'CALL', 49: 'CANCEL', 50: 'RESULT', 64: 'REGISTER', 65: 'REGISTERED', 66: 'UNREGISTER', 67: 'UNREGISTERED',
  68: 'INVOCATION', 69: 'INTERRUPT', 70: 'YIELD',
};

/** Per message type: where the URI, request id and arguments sit in the array (-1 = absent). */
const LAYOUT: Record<number, { uri: number; request: number; args: number }> = {
  1: { uri: -1, request: -1, args: -1 },
  3: { uri: 2, request: -1, args: -1 },
  6: { uri: 2, request: -1, args: -1 },
  8: { uri: 4, request: 2, args: 5 },
  16: { uri: 3, request: 1, args: 4 },
  17: { uri: -1, request: 1, args: -1 },
  32: { uri: 3, request: 1, args: -1 },
  33: { uri: -1, request: 1, args: -1 },
  34: { uri: -1, request: 1, args: -1 },
  35: { uri: -1, request: 1, args: -1 },
  36: { uri: -1, request: -1, args: 4 },
  48: { uri: 3, request: 1, args: 4 },
  49: { uri: -1, request: 1, args: -1 },
  50: { uri: -1, request: 1, args: 3 },
  64: { uri: 3, request: 1, args: -1 },
  65: { uri: -1, request: 1, args: -1 },
  66: { uri: -1, request: 1, args: -1 },
  67: { uri: -1, request: 1, args: -1 },
  68: { uri: -1, request: 1, args: 4 },
  69: { uri: -1, request: 1, args: -1 },
  70: { uri: -1, request: 1, args: 3 },
};

function parse(p: Payload): { msg: unknown[]; serializer: string } {
  if (p.opcode === 1) return { msg: JSON.parse(p.text ?? '') as unknown[], serializer: 'json' };
  const bytes = payloadBytes(p);
  const enc = arrayEncoding(bytes) ?? 'msgpack';
  return { msg: (enc === 'cbor' ? decodeCbor(bytes) : decodeMsgpack(bytes)) as unknown[], serializer: enc };
}

function createWampDecoder(): DecodeFn {
  // URIs learnt from requests, so that replies, events and invocations can show them.
  const requestUri = new Map<string, string>();
  const subscriptions = new Map<string, string>();
  const registrations = new Map<string, string>();

  function learn(code: number, m: unknown[], dir: Direction): string | undefined {
    const req = String(m[1]);
    switch (code) {
      case 16:
      case 32:
      case 48:
      case 64:
        if (typeof m[3] === 'string') requestUri.set(`${dir}:${req}`, m[3]);
        return undefined;
      case 33:
      case 65: {
        const uri = requestUri.get(`${other(dir)}:${req}`);
        if (uri) (code === 33 ? subscriptions : registrations).set(String(m[2]), uri);
        return uri;
      }
      case 36:
        return subscriptions.get(String(m[1]));
      case 68: {
        const uri = registrations.get(String(m[2]));
        if (uri) requestUri.set(`${dir}:${req}`, uri);
        return uri;
      }
      case 8:
        return requestUri.get(`${other(dir)}:${String(m[2])}`);
      default:
        return requestUri.get(`${other(dir)}:${req}`) ?? requestUri.get(`${dir}:${req}`);
    }
  }

  return (p: Payload, dir: Direction): Decoded => {
    const { msg, serializer } = parse(p);
    if (!Array.isArray(msg) || typeof msg[0] !== 'number') throw new Error('not a WAMP message (an array starting with its type code)');
    const code = msg[0];
    const type = NAMES[code] ?? `TYPE${code}`;
    const layout = LAYOUT[code] ?? { uri: -1, request: -1, args: -1 };
    const own = layout.uri >= 0 ? str(msg[layout.uri]) : undefined;
    const learnt = learn(code, msg, dir);
    const uri = own ?? learnt;
    const request = layout.request >= 0 ? (msg[layout.request] as number) : undefined;
    const fields: Record<string, FieldValue> = { type, uri, request, serializer, realm: code === 1 ? str(msg[1]) : undefined };
    let summary = `WAMP ${type}`;
    if (code === 1) summary += ` realm=${String(msg[1])}`;
    else if (uri) summary += ` ${uri}`;
    if (code === 2) summary += ` session=${String(msg[1])}`;
    if (request !== undefined) summary += ` req=${String(request)}`;
    if (code === 33 || code === 36) summary += ` sub=${String(code === 33 ? msg[2] : msg[1])}`;
    if (code === 65 || code === 68) summary += ` reg=${String(msg[2])}`;
    const args = layout.args >= 0 ? msg.slice(layout.args).filter((x) => x !== undefined) : [];
    if (args.length) summary += ' ' + preview(args.length === 1 ? args[0] : args, 60);
    const contextual = own === undefined && learnt !== undefined;
    return { decoder: 'wamp', summary, value: { type, message: msg }, fields, ...(contextual ? { contextual: true as const } : {}) };
  };
}

const other = (d: Direction): Direction => (d === 'sent' ? 'received' : 'sent');

export const wamp: DecoderDef = {
  id: 'wamp',
  label: 'WAMP (JSON, MessagePack, CBOR)',
  create: createWampDecoder,
  sniff: (p) => {
    let m: unknown;
    try {
      m = p.opcode === 1 ? (/^\s*\[\s*[12]\s*,/.test(p.text ?? '') ? tryJson(p.text ?? '') : undefined) : parse(p).msg;
    } catch {
      return false;
    }
    // HELLO [1, realm, details] or WELCOME [2, session, details]; both details must carry `roles`.
    return (
      Array.isArray(m) && m.length === 3 && isRecord(m[2]) && isRecord(m[2].roles) &&
      ((m[0] === 1 && typeof m[1] === 'string') || (m[0] === 2 && typeof m[1] === 'number'))
    );
  },
};
