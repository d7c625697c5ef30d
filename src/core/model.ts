import type { WorkerContext } from './protocol';
/**
 * The event model shared by every part: what the relay emits after validating the page's raw
 * facts, what crosses to the panel, what the panel stores and what HAR is built from.
 * Times are epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now()).
 */

export type Direction = 'sent' | 'received';
/** What Sockets did to a message on the way: held by a breakpoint, changed, stopped or made by a rule. */
export type InterceptMark = 'held' | 'edited' | 'dropped' | 'blocked' | 'rewritten' | 'delayed' | 'mocked' | 'replayed';
export const INTERCEPT_MARKS: readonly InterceptMark[] = ['held', 'edited', 'dropped', 'blocked', 'rewritten', 'delayed', 'mocked', 'replayed'];
/** Marks of messages that never reached their side (the server, or the page). */
export const notDelivered = (mark: InterceptMark | undefined) => mark === 'dropped' || mark === 'blocked';
/** 1 = text frame, 2 = binary frame (RFC 6455 opcodes, as Chrome's HAR writes them). */
export type Opcode = 1 | 2;
export type SocketState = 'connecting' | 'open' | 'closing' | 'closed';
/** Who produced a message: the page itself, the Sockets composer, or a simulated server message. */
export type MessageOrigin = 'page' | 'devtools' | 'simulated';
export type SocketApi = 'websocket' | 'websocketstream';

interface Base {
  /** Sequence number, per document, strictly increasing by one. */
  seq: number;
  /** Socket number, per document. */
  socket: number;
  time: number;
}

export interface CreatedEvent extends Base {
  kind: 'created';
  url: string;
  protocols: string[];
  binaryType: string;
  frameUrl: string;
  api: SocketApi;
  /** The page's URL was longer than the part kept. */
  urlTruncated?: true;
  /** A worker's socket: where it lives (absent for the page's own). */
  context?: WorkerContext;
}
export interface OpenEvent extends Base {
  kind: 'open';
  protocol: string;
  extensions: string;
}
/** A message's payload: text for opcode 1, bytes for opcode 2. */
export type MessagePayload = { opcode: 1; data: string } | { opcode: 2; data: Uint8Array };
export interface MessageFields extends Base {
  kind: 'message';
  dir: Direction;
  /** Payload size in bytes (UTF-8 bytes for text). */
  size: number;
  /** `data` is cut at the payload limit. */
  truncated?: boolean;
  /** `data` holds the payload's first bytes only: the page was flooding, and the rest follows. */
  partial?: boolean;
  bufferedAmount?: number;
  origin?: MessageOrigin;
  /** What a breakpoint, rule or connection control did to it (dropped and blocked never arrived). */
  intercept?: InterceptMark;
  /** The payload before an edit or rewrite (`data` is what was delivered). */
  original?: MessagePayload & { size: number };
  /** ms it was held back (delay rule, latency, breakpoint). */
  delay?: number;
}
export type MessageEvent = MessageFields & MessagePayload;
export interface SendFailedEvent extends Base {
  kind: 'send-failed';
  error: string;
  message: string;
}
export interface CloseCalledEvent extends Base {
  kind: 'close-called';
  code?: number;
  reason?: string;
  /** Set when close() threw (e.g. InvalidAccessError); the page still got its exception. */
  error?: string;
}
export interface ErrorEvent extends Base {
  kind: 'error';
  /** Sockets dropped the connection (the page saw what a lost connection shows). */
  byDevtools?: true;
}
export interface ClosedEvent extends Base {
  kind: 'closed';
  code: number;
  reason: string;
  wasClean: boolean;
  /** Sockets closed it (as the server would, or as a lost connection). */
  byDevtools?: true;
}
export interface BinaryTypeEvent extends Base {
  kind: 'binary-type';
  binaryType: string;
}
/** The relay dropped `count` older events of this document to stay within its memory bound. */
export interface DroppedEvent {
  kind: 'dropped';
  seq: number;
  socket: -1;
  time: number;
  count: number;
}

/**
 * Messages of one socket that its document's relay did not keep because no panel watched it yet
 * (DevTools was closed): `count` messages sent or received between `time` and `until`. Its `seq` is
 * that of the first message not kept, so it sorts where they were.
 */
export interface GapEvent extends Base {
  kind: 'gap';
  count: number;
  until: number;
}

/** An HTTP header as the network saw it (webRequest's and HAR's shape). */
export interface HttpHeader {
  name: string;
  value: string;
}

/**
 * The opening handshake as the browser's network layer saw it (webRequest, through the background):
 * the request it sent, the response it got, or why it failed. Each comes once per socket.
 */
export interface HandshakeRequestEvent extends Base {
  kind: 'handshake-request';
  url: string;
  method: string;
  headers: HttpHeader[];
}
export interface HandshakeResponseEvent extends Base {
  kind: 'handshake-response';
  status: number;
  /** e.g. "HTTP/1.1 101 Switching Protocols". */
  statusLine: string;
  headers: HttpHeader[];
}
export interface HandshakeFailedEvent extends Base {
  kind: 'handshake-failed';
  /** The network error, e.g. net::ERR_CONNECTION_REFUSED (Chrome), NS_ERROR_CONNECTION_REFUSED (Firefox). */
  error: string;
}
export type HandshakeEvent = HandshakeRequestEvent | HandshakeResponseEvent | HandshakeFailedEvent;

/** One frame of a page's stack: line and column 1-based. */
export interface StackFrame {
  functionName: string;
  url: string;
  line: number;
  column: number;
}
/** The page's stack where it created the socket (the hook's own frames removed), innermost first. */
export interface InitiatorEvent extends Base {
  kind: 'initiator';
  frames: StackFrame[];
}

/** Facts about a socket that fold into its record and are no rows of the message grid. */
export type SocketFactEvent = HandshakeEvent | InitiatorEvent;
export const isSocketFact = (e: CaptureEvent): e is SocketFactEvent =>
  e.kind === 'handshake-request' || e.kind === 'handshake-response' || e.kind === 'handshake-failed' || e.kind === 'initiator';

export type CaptureEvent =
  | SocketFactEvent
  | CreatedEvent
  | OpenEvent
  | MessageEvent
  | SendFailedEvent
  | CloseCalledEvent
  | ErrorEvent
  | ClosedEvent
  | BinaryTypeEvent
  | DroppedEvent
  | GapEvent;


/** A message whose payload came in part: the rest is on its way from the page. */
export const isPartial = (e: CaptureEvent): boolean => e.kind === 'message' && e.partial === true;
