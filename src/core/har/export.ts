import { isSocketFact, notDelivered, type CaptureEvent, type DroppedEvent, type HttpHeader, type MessageEvent } from '../model';
import { requestCookies, responseCookies } from './cookies';
import { textualData, textualOf } from '../payload';
import type { Handshake, SessionEvent, SessionSnapshot, SocketRecord } from '../session';
import type {
  Har,
  HarDropped,
  HarEntry,
  HarNameValue,
  HarPage,
  HarRequest,
  HarResponse,
  HarSocketsEvent,
  HarSocketsExtras,
  HarWebSocketMessage,
} from './types';

export interface ExportOptions {
  creatorVersion?: string;
  /** When set, the log gets one page with this title and every entry refers to it. */
  pageTitle?: string;
  /** Each message's request↔response pair, if any: the other message's seq and the latency in ms. */
  pairOf?: (row: SessionEvent) => { seq: number; latency: number } | undefined;
}

const PAGE_ID = 'page_1';

/** HAR 1.2 with one entry per socket, readable by Chrome DevTools and restored exactly by `importHar`. */
export function exportHar(snapshot: SessionSnapshot, opts: ExportOptions = {}): Har {
  const events = new Map<string, CaptureEvent[]>();
  const dropped = new Map<string, DroppedEvent[]>();
  const docOfKey = new Map(snapshot.sockets.map((s) => [s.key, s.doc]));
  const pairs = new Map<CaptureEvent, { seq: number; latency: number }>();
  for (const row of snapshot.events) {
    const { socketKey, event } = row;
    const pair = event.kind === 'message' ? opts.pairOf?.(row) : undefined;
    if (pair) pairs.set(event, pair);
    if (event.kind === 'dropped') {
      const doc = docOfKey.get(socketKey) ?? socketKey.slice(0, socketKey.lastIndexOf(':'));
      push(dropped, doc, event);
    } else push(events, socketKey, event);
  }
  const pageref = opts.pageTitle !== undefined && snapshot.sockets.length > 0 ? PAGE_ID : undefined;
  const entries = snapshot.sockets.map((s) => {
    const docDropped = dropped.get(s.doc);
    dropped.delete(s.doc);
    return entry(s, events.get(s.key) ?? [], docDropped, pairs, pageref);
  });
  const pages: HarPage[] = [];
  if (pageref) {
    const start = snapshot.sockets.reduce((min, s) => Math.min(min, s.createdAt), Infinity);
    pages.push({ startedDateTime: iso(start), id: pageref, title: opts.pageTitle ?? '', pageTimings: {} });
  }
  return {
    log: {
      version: '1.2',
      creator: { name: 'Sockets', version: opts.creatorVersion ?? 'dev' },
      pages,
      entries,
    },
  };
}

/** e.g. `sockets-127.0.0.1_8080-2026-11-24T08-30-00.har` (UTC). */
export function harFileName(snapshot: SessionSnapshot, now: Date): string {
  const first = snapshot.sockets[0];
  const host = first ? hostOf(first.frameUrl) || hostOf(first.url) : '';
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  const name = host.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^[._]+|[._]+$/g, '');
  return name ? `sockets-${name}-${stamp}.har` : `sockets-${stamp}.har`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

const iso = (ms: number) => new Date(Number.isFinite(ms) ? ms : 0).toISOString();

function entry(s: SocketRecord, events: CaptureEvent[], dropped: DroppedEvent[] | undefined, pairs: Map<CaptureEvent, { seq: number; latency: number }>, pageref?: string): HarEntry {
  const messages: HarWebSocketMessage[] = [];
  const stopped: HarWebSocketMessage[] = [];
  const lifecycle: HarSocketsEvent[] = [];
  let last = s.createdAt;
  for (const e of events) {
    last = Math.max(last, e.time);
    if (e.kind === 'message') (e.dir === 'sent' && notDelivered(e.intercept) ? stopped : messages).push(messageJson(e, pairs.get(e)));
    else if (e.kind !== 'dropped' && !isSocketFact(e)) lifecycle.push(eventJson(e));
  }
  const time = Math.max(0, (s.closedAt ?? last) - s.createdAt);
  const wait = s.openedAt === undefined ? 0 : Math.min(time, Math.max(0, s.openedAt - s.createdAt));
  return {
    ...(pageref ? { pageref } : {}),
    startedDateTime: iso(s.createdAt),
    time,
    request: request(s),
    response: response(s),
    cache: {},
    timings: { send: 0, wait, receive: time - wait },
    _resourceType: 'websocket',
    _webSocketMessages: messages,
    _sockets: extras(s, dropped),
    _socketsEvents: lifecycle,
    ...(stopped.length ? { _socketsStopped: stopped } : {}),
  };
}

const headerList = (headers: HttpHeader[]): HarNameValue[] => headers.map((x) => ({ name: x.name, value: x.value }));

/** "HTTP/1.1 101 Switching Protocols" → its version and reason phrase. */
function statusParts(statusLine: string): { httpVersion: string; statusText: string } {
  const m = /^(\S+)\s+\d{3}\s?(.*)$/.exec(statusLine);
  return m ? { httpVersion: m[1], statusText: m[2] } : { httpVersion: '', statusText: '' };
}

/** The handshake request as the network sent it; without it (not seen), no headers are made up. */
function request(s: SocketRecord): HarRequest {
  const sent = s.handshake?.request;
  return {
    method: sent?.method ?? 'GET',
    url: s.url,
    httpVersion: 'HTTP/1.1',
    cookies: sent ? requestCookies(sent.headers) : [],
    headers: sent ? headerList(sent.headers) : [],
    queryString: queryString(s.url),
    headersSize: -1,
    bodySize: 0,
  };
}

/** The response as received; without it, 101 for a socket that opened and 0 for one that never did. */
function response(s: SocketRecord): HarResponse {
  const got = s.handshake?.response;
  const opened = s.openedAt !== undefined;
  const status = got ? statusParts(got.statusLine) : opened ? { httpVersion: 'HTTP/1.1', statusText: 'Switching Protocols' } : { httpVersion: '', statusText: '' };
  return {
    status: got?.status ?? (opened ? 101 : 0),
    statusText: status.statusText,
    httpVersion: status.httpVersion,
    cookies: got ? responseCookies(got.headers) : [],
    headers: got ? headerList(got.headers) : [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
  };
}

function queryString(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** Imported sockets carry doc `<prefix>:<doc in the file>`; the file gets the original back. */
const exportedDoc = (s: SocketRecord) =>
  s.imported !== undefined && s.doc.includes(':') ? s.doc.slice(s.doc.indexOf(':') + 1) : s.doc;

// Every object below is built key by key so that the JSON does not depend on the key order of the
// objects it came from: export → import → export must give the same text.

function extras(s: SocketRecord, dropped: DroppedEvent[] | undefined): HarSocketsExtras {
  return {
    doc: exportedDoc(s),
    frameId: s.frameId,
    socket: s.socket,
    frameUrl: s.frameUrl,
    api: s.api,
    protocols: [...s.protocols],
    protocol: s.protocol,
    extensions: s.extensions,
    binaryType: s.binaryType,
    state: s.state,
    createdAt: s.createdAt,
    ...(s.openedAt !== undefined ? { openedAt: s.openedAt } : {}),
    ...(s.closedAt !== undefined ? { closedAt: s.closedAt } : {}),
    ...(s.close ? { close: { code: s.close.code, reason: s.close.reason, wasClean: s.close.wasClean } } : {}),
    ...(s.closeCalled ? { closeCalled: optional({ code: s.closeCalled.code, reason: s.closeCalled.reason }) } : {}),
    errors: s.errors,
    sent: { count: s.sent.count, bytes: s.sent.bytes },
    received: { count: s.received.count, bytes: s.received.bytes },
    ...(dropped?.length ? { dropped: dropped.map((d): HarDropped => ({ seq: d.seq, time: d.time, count: d.count })) } : {}),
    ...(s.notKept ? { notKept: { count: s.notKept.count, from: s.notKept.from, until: s.notKept.until } } : {}),
    ...(s.unloaded ? { unloaded: true as const } : {}),
    ...(s.intercepted ? { intercepted: s.intercepted } : {}),
    ...(s.handshake ? { handshake: handshakeJson(s.handshake) } : {}),
    ...(s.context ? { context: { kind: s.context.kind, url: s.context.url } } : {}),
    ...(s.initiator ? { initiator: s.initiator.map((f) => ({ functionName: f.functionName, url: f.url, line: f.line, column: f.column })) } : {}),
  };
}

function handshakeJson({ request: q, response: r, failed: f }: Handshake): Handshake {
  return {
    ...(q ? { request: { time: q.time, url: q.url, method: q.method, headers: headerList(q.headers) } } : {}),
    ...(r ? { response: { time: r.time, status: r.status, statusLine: r.statusLine, headers: headerList(r.headers) } } : {}),
    ...(f ? { failed: { time: f.time, error: f.error } } : {}),
  };
}

function messageJson(e: MessageEvent, pair: { seq: number; latency: number } | undefined): HarWebSocketMessage {
  return {
    type: e.dir === 'sent' ? 'send' : 'receive',
    time: e.time / 1000,
    opcode: e.opcode,
    data: textualData(e),
    _seq: e.seq,
    _size: e.size,
    ...(e.truncated || e.partial ? { _truncated: true as const } : {}),
    ...(e.origin && e.origin !== 'page' ? { _origin: e.origin } : {}),
    ...(e.bufferedAmount !== undefined ? { _bufferedAmount: e.bufferedAmount } : {}),
    ...(e.intercept ? { _intercept: e.intercept } : {}),
    ...(e.original ? { _original: textualOf(e.original) } : {}),
    ...(e.delay !== undefined ? { _delay: e.delay } : {}),
    ...(pair ? { _pair: pair.seq, _latency: pair.latency } : {}),
  };
}

function eventJson(e: HarSocketsEvent): HarSocketsEvent {
  const base = { seq: e.seq, socket: e.socket, time: e.time };
  switch (e.kind) {
    case 'created':
      return { kind: e.kind, ...base, url: e.url, protocols: [...e.protocols], binaryType: e.binaryType, frameUrl: e.frameUrl, api: e.api, ...(e.context ? { context: { kind: e.context.kind, url: e.context.url } } : {}) };
    case 'open':
      return { kind: e.kind, ...base, protocol: e.protocol, extensions: e.extensions };
    case 'send-failed':
      return { kind: e.kind, ...base, error: e.error, message: e.message };
    case 'close-called':
      return { kind: e.kind, ...base, ...optional({ code: e.code, reason: e.reason, error: e.error }) };
    case 'error':
      return { kind: e.kind, ...base };
    case 'closed':
      return { kind: e.kind, ...base, code: e.code, reason: e.reason, wasClean: e.wasClean };
    case 'binary-type':
      return { kind: e.kind, ...base, binaryType: e.binaryType };
    case 'gap':
      return { kind: e.kind, ...base, count: e.count, until: e.until };
  }
}

function optional<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
