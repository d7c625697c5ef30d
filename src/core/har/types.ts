import type { CaptureEvent, InterceptMark, MessageOrigin, SocketFactEvent } from '../model';
import type { SocketRecord } from '../session';

/** The HAR 1.2 subset Sockets writes, plus Chrome's and our own `_` fields. */
export interface Har {
  log: HarLog;
}

export interface HarLog {
  version: '1.2';
  creator: { name: string; version: string };
  pages: HarPage[];
  entries: HarEntry[];
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: Record<string, never>;
}

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  headersSize: -1;
  bodySize: 0;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  content: { size: 0; mimeType: string };
  redirectURL: '';
  headersSize: -1;
  bodySize: -1;
}

export interface HarTimings {
  send: number;
  wait: number;
  receive: number;
}

/** Chrome's message shape; the `_` fields are ours and optional. */
export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  /** Epoch seconds. */
  time: number;
  opcode: 1 | 2;
  data: string;
  _seq?: number;
  _size?: number;
  _truncated?: true;
  _origin?: Exclude<MessageOrigin, 'page'>;
  _bufferedAmount?: number;
  /** What a breakpoint, rule or connection control did to it, the payload before an edit, and how long it was held back. */
  _intercept?: InterceptMark;
  _original?: { opcode: 1 | 2; size: number; data: string };
  _delay?: number;
  /** The `_seq` of the message this one pairs with (a request's first response, a response's request). */
  _pair?: number;
  /** ms between the request and the response of that pair. */
  _latency?: number;
}

export interface HarDropped {
  seq: number;
  time: number;
  count: number;
}

/** Everything of a SocketRecord that the standard fields can't carry exactly. */
export type HarSocketsExtras = Omit<SocketRecord, 'key' | 'url' | 'imported'> & {
  /** The document's `dropped` events, on the first socket of that document. */
  dropped?: HarDropped[];
};

/** Every event of a socket that is not a message, as captured (the created event included). */
export type HarSocketsEvent = Exclude<CaptureEvent, { kind: 'message' } | { kind: 'dropped' } | SocketFactEvent>;

export interface HarEntry {
  /** Sent messages Sockets stopped (dropped or blocked): they never reached the server, so they are not in `_webSocketMessages`. */
  _socketsStopped?: HarWebSocketMessage[];
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: HarTimings;
  _resourceType: 'websocket';
  _webSocketMessages: HarWebSocketMessage[];
  _sockets: HarSocketsExtras;
  _socketsEvents: HarSocketsEvent[];
}
