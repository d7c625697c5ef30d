import type { HandshakeFact } from './handshake';
import type { HttpHeader } from './model';

/**
 * Chrome's webRequest never sees a shared worker's socket handshakes; the debugger's Network domain
 * on the worker's target does. This turns its WebSocket events into the facts webRequest would
 * give: the request (URL from `webSocketCreated`, time from its wall clock), the response (the
 * monotonic timestamp put on that wall clock; the request again when the response carries the raw
 * request headers, Cookie among them) and a handshake that failed before any response.
 */
type Headers = Record<string, unknown>;
interface Request {
  url?: string;
  sentAt?: number;
  responded?: boolean;
}

/** Requests remembered at most (a worker opens few sockets; the oldest are forgotten first). */
const MAX_REQUESTS = 64;

/** DevTools joins repeated headers (Set-Cookie) with line breaks: one row each, as webRequest gives them. */
function headerList(headers: unknown): HttpHeader[] {
  if (typeof headers !== 'object' || headers === null) return [];
  const out: HttpHeader[] = [];
  for (const [name, value] of Object.entries(headers as Headers)) {
    if (typeof value === 'string') for (const v of value.split('\n')) out.push({ name, value: v });
  }
  return out;
}

export class CdpHandshakes {
  private requests = new Map<string, Request>();
  /** Wall-clock seconds minus the monotonic timestamp (the same clock for every event of the target). */
  private wallOffset: number | undefined;

  constructor(private now: () => number = Date.now) {}

  private request(id: string): Request {
    let r = this.requests.get(id);
    if (!r) {
      r = {};
      this.requests.set(id, r);
      if (this.requests.size > MAX_REQUESTS) this.requests.delete(this.requests.keys().next().value!);
    }
    return r;
  }

  private timeOf(timestamp: unknown): number {
    return typeof timestamp === 'number' && this.wallOffset !== undefined ? (timestamp + this.wallOffset) * 1000 : this.now();
  }

  /** One debugger event: the facts it gives (none for other events, or for a request whose URL is not known). */
  event(method: string, params: Record<string, unknown>): HandshakeFact[] {
    const requestId = typeof params.requestId === 'string' ? params.requestId : undefined;
    if (requestId === undefined) return [];
    switch (method) {
      case 'Network.webSocketCreated':
        if (typeof params.url === 'string') this.request(requestId).url = params.url;
        return [];
      case 'Network.webSocketWillSendHandshakeRequest': {
        if (typeof params.wallTime === 'number' && typeof params.timestamp === 'number') this.wallOffset = params.wallTime - params.timestamp;
        const r = this.requests.get(requestId);
        if (r?.url === undefined) return [];
        const request = params.request as { headers?: unknown } | undefined;
        r.sentAt = typeof params.wallTime === 'number' ? params.wallTime * 1000 : this.now();
        return [{ requestId, time: r.sentAt, url: r.url, phase: 'request', method: 'GET', headers: headerList(request?.headers) }];
      }
      case 'Network.webSocketHandshakeResponseReceived': {
        const r = this.requests.get(requestId);
        if (r?.url === undefined) return [];
        r.responded = true;
        const response = (params.response ?? {}) as { status?: unknown; statusText?: unknown; headers?: unknown; headersText?: unknown; requestHeaders?: unknown; requestHeadersText?: unknown };
        const time = this.timeOf(params.timestamp);
        const status = typeof response.status === 'number' ? response.status : 0;
        const firstLine = typeof response.headersText === 'string' ? response.headersText.split('\r\n', 1)[0] : '';
        const statusLine = firstLine || `HTTP/1.1 ${status} ${typeof response.statusText === 'string' ? response.statusText : ''}`.trimEnd();
        const facts: HandshakeFact[] = [];
        // The headers as they left (the network stack adds Cookie and the Sec-WebSocket-* ones after the worker's request).
        if (response.requestHeaders) {
          const method = typeof response.requestHeadersText === 'string' ? /^(\S+)/.exec(response.requestHeadersText)?.[1] ?? 'GET' : 'GET';
          facts.push({ requestId, time: r.sentAt ?? time, url: r.url, phase: 'request', method, headers: headerList(response.requestHeaders) });
        }
        facts.push({ requestId, time, url: r.url, phase: 'response', status, statusLine, headers: headerList(response.headers) });
        return facts;
      }
      case 'Network.webSocketFrameError': {
        const r = this.requests.get(requestId);
        if (r?.url === undefined || r.responded) return [];
        r.responded = true;
        return [{ requestId, time: this.timeOf(params.timestamp), url: r.url, phase: 'failed', error: typeof params.errorMessage === 'string' ? params.errorMessage : 'failed' }];
      }
      default:
        return [];
    }
  }
}
