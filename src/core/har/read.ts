import { isWorkerContext } from '../protocol';
import { INTERCEPT_MARKS, type Direction, type HttpHeader, type InterceptMark, type MessageOrigin, type Opcode, type SocketState, type StackFrame } from '../model';
import type { Handshake } from '../session';
import { base64ByteLength, utf8Length } from './bytes';
import type { HarDropped, HarSocketsEvent, HarSocketsExtras } from './types';
import { isEpochMs } from '../time';

/** Readers for untrusted HAR JSON: each returns a fresh, fully typed copy, or null. */

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isCount = (v: unknown): v is number => isInt(v) && v >= 0;
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const STATES: readonly unknown[] = ['connecting', 'open', 'closing', 'closed'] satisfies SocketState[];

export interface ReadMessage {
  kind: 'message';
  dir: Direction;
  /** Epoch milliseconds. */
  time: number;
  opcode: Opcode;
  data: string;
  size: number;
  seq?: number;
  truncated?: true;
  origin?: Exclude<MessageOrigin, 'page'>;
  bufferedAmount?: number;
  intercept?: InterceptMark;
  original?: { opcode: Opcode; size: number; data: string };
  delay?: number;
}

/** Chrome writes failed frames as `type: "error"` with the error text as data; only the time is kept. */
export interface ReadError {
  kind: 'error';
  time: number;
}

/** One `_webSocketMessages` item; null for what Chrome's own importer would skip, or bad base64. */
function readMessage(v: unknown): ReadMessage | ReadError | null {
  if (!isObj(v) || !isNum(v.time) || v.opcode === undefined || !isStr(v.data)) return null;
  const time = v.time * 1000;
  if (!isEpochMs(time)) return null;
  if (v.type === 'error') return { kind: 'error', time };
  if ((v.type !== 'send' && v.type !== 'receive') || (v.opcode !== 1 && v.opcode !== 2)) return null;
  const computed = v.opcode === 1 ? utf8Length(v.data) : base64ByteLength(v.data);
  if (computed === null) return null;
  return {
    kind: 'message',
    dir: v.type === 'send' ? 'sent' : 'received',
    time,
    opcode: v.opcode,
    data: v.data,
    size: isCount(v._size) ? v._size : computed,
    ...(isInt(v._seq) ? { seq: v._seq } : {}),
    ...(v._truncated === true ? { truncated: true as const } : {}),
    ...(v._origin === 'devtools' || v._origin === 'simulated' ? { origin: v._origin } : {}),
    ...(isNum(v._bufferedAmount) ? { bufferedAmount: v._bufferedAmount } : {}),
    ...(INTERCEPT_MARKS.includes(v._intercept as InterceptMark) ? { intercept: v._intercept as InterceptMark } : {}),
    ...(isObj(v._original) && (v._original.opcode === 1 || v._original.opcode === 2) && isCount(v._original.size) && isStr(v._original.data)
      ? { original: { opcode: v._original.opcode, size: v._original.size, data: v._original.data } }
      : {}),
    ...(isNum(v._delay) && v._delay >= 0 ? { delay: v._delay } : {}),
  };
}

const isSide = (v: unknown): v is { count: number; bytes: number } => isObj(v) && isCount(v.count) && isCount(v.bytes);

function readDropped(v: unknown): HarDropped | null {
  return isObj(v) && isInt(v.seq) && isEpochMs(v.time) && isCount(v.count) ? { seq: v.seq, time: v.time, count: v.count } : null;
}

const BAD = Symbol('bad');
/** undefined stays undefined (absent), anything else goes through `read`. */
const opt = <T>(v: unknown, read: (v: unknown) => T | null): T | undefined | typeof BAD =>
  v === undefined ? undefined : (read(v) ?? BAD);

const readClose = (v: unknown) =>
  isObj(v) && isInt(v.code) && isStr(v.reason) && typeof v.wasClean === 'boolean'
    ? { code: v.code, reason: v.reason, wasClean: v.wasClean }
    : null;

function readCloseCalled(v: unknown): { code?: number; reason?: string } | null {
  if (!isObj(v) || (v.code !== undefined && !isNum(v.code)) || (v.reason !== undefined && !isStr(v.reason))) return null;
  return { ...(v.code !== undefined ? { code: v.code } : {}), ...(v.reason !== undefined ? { reason: v.reason } : {}) };
}

function readDroppedList(v: unknown): HarDropped[] | null {
  if (!Array.isArray(v)) return null;
  const list = v.map(readDropped);
  return list.every((d) => d !== null) ? (list as HarDropped[]) : null;
}

export function readSocketsExtras(v: unknown): HarSocketsExtras | null {
  if (!isObj(v)) return null;
  const { doc, frameId, socket, frameUrl, api, protocols, protocol, extensions, binaryType, state } = v;
  const { createdAt, openedAt, closedAt, errors, sent, received } = v;
  if (!isStr(doc) || !isInt(frameId) || !isCount(socket) || !isStr(frameUrl)) return null;
  if ((api !== 'websocket' && api !== 'websocketstream') || !isStrList(protocols)) return null;
  if (!isStr(protocol) || !isStr(extensions) || !isStr(binaryType) || !STATES.includes(state)) return null;
  if (!isEpochMs(createdAt) || (openedAt !== undefined && !isEpochMs(openedAt)) || (closedAt !== undefined && !isEpochMs(closedAt))) return null;
  if (!isCount(errors) || !isSide(sent) || !isSide(received)) return null;
  const close = opt(v.close, readClose);
  const closeCalled = opt(v.closeCalled, readCloseCalled);
  const dropped = opt(v.dropped, readDroppedList);
  const notKept = opt(v.notKept, readNotKept);
  if (close === BAD || closeCalled === BAD || dropped === BAD || notKept === BAD) return null;
  if (v.unloaded !== undefined && v.unloaded !== true) return null;
  const handshake = opt(v.handshake, readHandshake);
  const initiator = opt(v.initiator, readStack);
  if (handshake === BAD || initiator === BAD) return null;
  return {
    doc, frameId, socket, frameUrl, api,
    protocols: [...protocols],
    protocol, extensions, binaryType,
    state: state as SocketState,
    createdAt,
    ...(openedAt !== undefined ? { openedAt } : {}),
    ...(closedAt !== undefined ? { closedAt } : {}),
    ...(close ? { close } : {}),
    ...(closeCalled ? { closeCalled } : {}),
    errors,
    sent: { count: sent.count, bytes: sent.bytes },
    received: { count: received.count, bytes: received.bytes },
    ...(dropped ? { dropped } : {}),
    ...(notKept ? { notKept } : {}),
    ...(v.unloaded === true ? { unloaded: true as const } : {}),
    ...(isCount(v.intercepted) && v.intercepted > 0 ? { intercepted: v.intercepted } : {}),
    ...(handshake ? { handshake } : {}),
    ...(initiator ? { initiator } : {}),
    ...(isWorkerContext(v.context) ? { context: { kind: v.context.kind, url: v.context.url } } : {}),
  };
}

/** HAR headers ({ name, value } objects); null when any is not one. */
export function readHeaders(v: unknown): HttpHeader[] | null {
  if (!Array.isArray(v)) return null;
  const out: HttpHeader[] = [];
  for (const h of v) {
    if (!isObj(h) || !isStr(h.name) || !isStr(h.value)) return null;
    out.push({ name: h.name, value: h.value });
  }
  return out;
}

function readHandshake(v: unknown): Handshake | null {
  if (!isObj(v)) return null;
  const { request: q, response: r, failed: f } = v;
  const request = opt(q, (q) => (isObj(q) && isEpochMs(q.time) && isStr(q.url) && isStr(q.method) && readHeaders(q.headers) ? { time: q.time, url: q.url, method: q.method, headers: readHeaders(q.headers)! } : null));
  const response = opt(r, (r) => (isObj(r) && isEpochMs(r.time) && isInt(r.status) && isStr(r.statusLine) && readHeaders(r.headers) ? { time: r.time, status: r.status, statusLine: r.statusLine, headers: readHeaders(r.headers)! } : null));
  const failed = opt(f, (f) => (isObj(f) && isEpochMs(f.time) && isStr(f.error) ? { time: f.time, error: f.error } : null));
  if (request === BAD || response === BAD || failed === BAD) return null;
  return { ...(request ? { request } : {}), ...(response ? { response } : {}), ...(failed ? { failed } : {}) };
}

function readStack(v: unknown): StackFrame[] | null {
  if (!Array.isArray(v)) return null;
  const out: StackFrame[] = [];
  for (const f of v) {
    if (!isObj(f) || !isStr(f.functionName) || !isStr(f.url) || !isCount(f.line) || !isCount(f.column)) return null;
    out.push({ functionName: f.functionName, url: f.url, line: f.line, column: f.column });
  }
  return out;
}

function readNotKept(v: unknown): { count: number; from: number; until: number } | null {
  return isObj(v) && isCount(v.count) && isNum(v.from) && isNum(v.until) ? { count: v.count, from: v.from, until: v.until } : null;
}

/** One `_socketsEvents` item (a captured non-message event). */
export function readSocketsEvent(v: unknown): HarSocketsEvent | null {
  if (!isObj(v) || !isInt(v.seq) || !isCount(v.socket) || !isEpochMs(v.time)) return null;
  const base = { seq: v.seq, socket: v.socket, time: v.time };
  switch (v.kind) {
    case 'created':
      if (!isStr(v.url) || !isStrList(v.protocols) || !isStr(v.binaryType) || !isStr(v.frameUrl)) return null;
      if (v.api !== 'websocket' && v.api !== 'websocketstream') return null;
      return { kind: 'created', ...base, url: v.url, protocols: [...v.protocols], binaryType: v.binaryType, frameUrl: v.frameUrl, api: v.api, ...(isWorkerContext(v.context) ? { context: { kind: v.context.kind, url: v.context.url } } : {}) };
    case 'open':
      if (!isStr(v.protocol) || !isStr(v.extensions)) return null;
      return { kind: 'open', ...base, protocol: v.protocol, extensions: v.extensions };
    case 'send-failed':
      if (!isStr(v.error) || !isStr(v.message)) return null;
      return { kind: 'send-failed', ...base, error: v.error, message: v.message };
    case 'close-called':
      if ((v.code !== undefined && !isNum(v.code)) || (v.reason !== undefined && !isStr(v.reason))) return null;
      if (v.error !== undefined && !isStr(v.error)) return null;
      return {
        kind: 'close-called', ...base,
        ...(v.code !== undefined ? { code: v.code } : {}),
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
        ...(v.error !== undefined ? { error: v.error } : {}),
      };
    case 'error':
      return { kind: 'error', ...base };
    case 'closed':
      if (!isInt(v.code) || !isStr(v.reason) || typeof v.wasClean !== 'boolean') return null;
      return { kind: 'closed', ...base, code: v.code, reason: v.reason, wasClean: v.wasClean };
    case 'binary-type':
      if (!isStr(v.binaryType)) return null;
      return { kind: 'binary-type', ...base, binaryType: v.binaryType };
    case 'gap':
      if (!isCount(v.count) || !isNum(v.until)) return null;
      return { kind: 'gap', ...base, count: v.count, until: v.until };
    default:
      return null;
  }
}

/** `_webSocketMessages`, with the count of items left out (all of them when it is not a list). */
export function readMessages(v: unknown): { items: (ReadMessage | ReadError)[]; skipped: number } {
  if (v === undefined) return { items: [], skipped: 0 };
  if (!Array.isArray(v)) return { items: [], skipped: 1 };
  const items: (ReadMessage | ReadError)[] = [];
  for (const m of v) {
    const item = readMessage(m);
    if (item) items.push(item);
  }
  return { items, skipped: v.length - items.length };
}
