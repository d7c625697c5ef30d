import { notDelivered, type CaptureEvent, type HandshakeFailedEvent, type HandshakeRequestEvent, type HandshakeResponseEvent, type SocketApi, type SocketState, type StackFrame } from './model';
import type { WorkerContext } from './protocol';

/** What a session knows of one socket, folded from its events. */
export interface SocketRecord {
  /** Unique in a session: `${doc}:${socket}`. */
  key: string;
  doc: string;
  frameId: number;
  socket: number;
  url: string;
  /** The page's URL was longer than the part kept. */
  urlTruncated?: true;
  protocols: string[];
  frameUrl: string;
  api: SocketApi;
  protocol: string;
  extensions: string;
  binaryType: string;
  state: SocketState;
  createdAt: number;
  openedAt?: number;
  closedAt?: number;
  close?: { code: number; reason: string; wasClean: boolean };
  closeCalled?: { code?: number; reason?: string };
  errors: number;
  sent: { count: number; bytes: number };
  received: { count: number; bytes: number };
  /** Messages its relay did not keep while no panel watched (DevTools was closed). */
  notKept?: { count: number; from: number; until: number };
  /** Closed because its document went away (a navigation with Preserve log), at `closedAt`. */
  unloaded?: true;
  /** Imported and still open when recorded: the time of its last recorded event. */
  recordedUntil?: number;
  /** The opening handshake as the network saw it (what of it is known). */
  handshake?: Handshake;
  /** The page's stack at `new WebSocket(...)`, innermost first. */
  initiator?: StackFrame[];
  /** Set on sockets loaded from a HAR file: read-only, no composer. */
  imported?: string;
  /** Messages a breakpoint, rule or control touched. */
  intercepted?: number;
  /** A worker's socket: the worker's kind and script URL. */
  context?: WorkerContext;
}

type Fact<E> = Omit<E, 'kind' | 'seq' | 'socket'>;
export interface Handshake {
  request?: Fact<HandshakeRequestEvent>;
  response?: Fact<HandshakeResponseEvent>;
  failed?: Fact<HandshakeFailedEvent>;
}

/**
 * What DevTools' own network log adds to the handshake extensions saw: Chrome adds the
 * Sec-WebSocket-* request headers below webRequest, and tells extensions nothing of a response
 * that refused the upgrade (a 403); its log has both. What the network layer reported is kept.
 */
export function withLoggedHandshake(seen: Handshake | undefined, logged: Handshake): Handshake {
  const hasKey = (r: Handshake['request']) => !!r?.headers.some((h) => h.name.toLowerCase() === 'sec-websocket-key');
  const request = logged.request && !hasKey(seen?.request) && hasKey(logged.request) ? { ...logged.request, time: seen?.request?.time ?? logged.request.time } : seen?.request;
  const response = seen?.response ?? logged.response;
  return { ...(request ? { request } : {}), ...(response ? { response } : {}), ...(seen?.failed ? { failed: seen.failed } : {}) };
}

/** One event of one socket, in capture order. */
export interface SessionEvent {
  socketKey: string;
  event: CaptureEvent;
}

export interface SessionSnapshot {
  sockets: SocketRecord[];
  events: SessionEvent[];
}

export const socketKey = (doc: string, socket: number) => `${doc}:${socket}`;

export function newSocketRecord(
  doc: string,
  frameId: number,
  e: Extract<CaptureEvent, { kind: 'created' }>,
): SocketRecord {
  return {
    key: socketKey(doc, e.socket),
    doc,
    frameId,
    socket: e.socket,
    url: e.url,
    ...(e.urlTruncated ? { urlTruncated: true as const } : {}),
    protocols: e.protocols,
    frameUrl: e.frameUrl,
    api: e.api,
    protocol: '',
    extensions: '',
    binaryType: e.binaryType,
    ...(e.context ? { context: { kind: e.context.kind, url: e.context.url } } : {}),
    state: 'connecting',
    createdAt: e.time,
    errors: 0,
    sent: { count: 0, bytes: 0 },
    received: { count: 0, bytes: 0 },
  };
}

/** Folds one event into its socket's record (mutates `s`). */
export function applyToSocket(s: SocketRecord, e: CaptureEvent): void {
  switch (e.kind) {
    case 'open':
      s.state = 'open';
      s.openedAt = e.time;
      s.protocol = e.protocol;
      s.extensions = e.extensions;
      break;
    case 'message': {
      if (e.intercept) s.intercepted = (s.intercepted ?? 0) + 1;
      // A message Sockets stopped never reached its side: it is not counted as sent or received.
      if (notDelivered(e.intercept)) break;
      const side = e.dir === 'sent' ? s.sent : s.received;
      side.count++;
      side.bytes += e.size;
      break;
    }
    case 'close-called':
      if (!e.error) {
        s.closeCalled = { code: e.code, reason: e.reason };
        if (s.state !== 'closed') s.state = 'closing';
      }
      break;
    case 'error':
      s.errors++;
      break;
    case 'closed':
      s.state = 'closed';
      s.closedAt = e.time;
      s.close = { code: e.code, reason: e.reason, wasClean: e.wasClean };
      break;
    case 'binary-type':
      s.binaryType = e.binaryType;
      break;
    case 'handshake-request':
      (s.handshake ??= {}).request = { time: e.time, url: e.url, method: e.method, headers: e.headers };
      break;
    case 'handshake-response':
      (s.handshake ??= {}).response = { time: e.time, status: e.status, statusLine: e.statusLine, headers: e.headers };
      break;
    case 'handshake-failed':
      (s.handshake ??= {}).failed = { time: e.time, error: e.error };
      break;
    case 'initiator':
      s.initiator = e.frames;
      break;
    case 'gap':
      s.notKept = { count: e.count, from: e.time, until: e.until };
      break;
    default:
      break;
  }
}
