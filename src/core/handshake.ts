import type { HandshakeEvent, HttpHeader } from './model';

/**
 * One step of a socket's opening handshake as the browser's network layer reported it to the
 * background (webRequest), on its way to the relay of the socket's frame. Every step names its
 * request and URL, so whichever arrives first can find the socket.
 */
export type HandshakeFact = { requestId: string; time: number; url: string } & (
  | { phase: 'request'; method: string; headers: HttpHeader[] }
  | { phase: 'response'; status: number; statusLine: string; headers: HttpHeader[] }
  | { phase: 'failed'; error: string }
);

/** What a fact may hold: the relay keeps it for the document's lifetime. */
const MAX_HEADERS = 64;
const MAX_NAME = 256;
const MAX_VALUE = 8192;
const MAX_URL = 1 << 14;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.slice(0, max) : null);

function readHeaders(v: unknown): HttpHeader[] | null {
  if (!Array.isArray(v)) return null;
  const out: HttpHeader[] = [];
  for (const h of v.slice(0, MAX_HEADERS)) {
    const name = isObject(h) ? str(h.name, MAX_NAME) : null;
    const value = isObject(h) ? str(h.value, MAX_VALUE) : null;
    if (name === null || value === null) return null;
    out.push({ name, value });
  }
  return out;
}

/** A fresh, bounded copy of a fact, or null when it is not one. */
export function readHandshakeFact(v: unknown): HandshakeFact | null {
  if (!isObject(v) || typeof v.requestId !== 'string' || typeof v.time !== 'number' || !Number.isFinite(v.time)) return null;
  const url = str(v.url, MAX_URL);
  if (url === null) return null;
  const base = { requestId: v.requestId.slice(0, 64), time: v.time, url };
  switch (v.phase) {
    case 'request': {
      const method = str(v.method, 16);
      const headers = readHeaders(v.headers);
      return method !== null && headers ? { ...base, phase: 'request', method, headers } : null;
    }
    case 'response': {
      const statusLine = str(v.statusLine, 512);
      const headers = readHeaders(v.headers);
      return Number.isSafeInteger(v.status) && statusLine !== null && headers ? { ...base, phase: 'response', status: v.status as number, statusLine, headers } : null;
    }
    case 'failed': {
      const error = str(v.error, 256);
      return error !== null ? { ...base, phase: 'failed', error } : null;
    }
    default:
      return null;
  }
}

/** The socket event a fact becomes, once matched. */
export function handshakeEvent(f: HandshakeFact, seq: number, socket: number): HandshakeEvent {
  const base = { seq, socket, time: f.time };
  if (f.phase === 'request') return { kind: 'handshake-request', ...base, url: f.url, method: f.method, headers: f.headers };
  if (f.phase === 'response') return { kind: 'handshake-response', ...base, status: f.status, statusLine: f.statusLine, headers: f.headers };
  return { kind: 'handshake-failed', ...base, error: f.error };
}

/** webRequest may name a socket's URL by its HTTP scheme; the page's `url` says ws:/wss:. */
const sameUrl = (a: string, b: string) => a.replace(/^http(s?):/i, 'ws$1:') === b.replace(/^http(s?):/i, 'ws$1:');

/** The network's clock and the page's may differ this much (ms). */
const CLOCK_SLACK = 1000;
/** Sockets still waiting for their handshake, facts still waiting for their socket, requests known: at most. */
const MAX_WAITING_SOCKETS = 64;
const MAX_WAITING_FACTS = 32;
const MAX_REQUESTS = 256;

interface Waiting {
  socket: number;
  url: string;
  time: number;
}
export interface Matched {
  socket: number;
  fact: HandshakeFact;
}

/**
 * Pairs one document's sockets (as the hook reported their creation) with the handshakes the
 * network saw in its frame. A frame's handshakes start in the order its sockets were created, so
 * a request goes to the oldest socket of its URL still without one, created before it. Either may
 * come first: the hook's records travel in batches, the network's facts through the background.
 * Everything waiting is bounded; what waits too long is forgotten.
 */
export class HandshakeMatcher {
  private sockets: Waiting[] = [];
  private facts: HandshakeFact[] = [];
  private requests = new Map<string, number>();

  constructor(private docStart: number) {}

  /** A socket was created: answers the facts that were waiting for it. */
  created(socket: number, url: string, time: number): Matched[] {
    const first = this.facts.find((f) => !this.requests.has(f.requestId) && sameUrl(f.url, url) && f.time + CLOCK_SLACK >= time);
    if (!first) {
      this.sockets.push({ socket, url, time });
      if (this.sockets.length > MAX_WAITING_SOCKETS) this.sockets.shift();
      return [];
    }
    this.remember(first.requestId, socket);
    const mine = this.facts.filter((f) => f.requestId === first.requestId);
    this.facts = this.facts.filter((f) => f.requestId !== first.requestId);
    return mine.map((fact) => ({ socket, fact }));
  }

  /** A fact came: answers it with its socket, or nothing while that socket is not known yet. */
  fact(fact: HandshakeFact): Matched[] {
    if (fact.time + CLOCK_SLACK < this.docStart) return []; // of an earlier document in this frame
    let socket = this.requests.get(fact.requestId);
    if (socket === undefined) {
      const i = this.sockets.findIndex((s) => sameUrl(s.url, fact.url) && s.time <= fact.time + CLOCK_SLACK);
      if (i < 0) {
        this.facts.push(fact);
        if (this.facts.length > MAX_WAITING_FACTS) this.facts.shift();
        return [];
      }
      socket = this.sockets[i].socket;
      this.sockets.splice(i, 1);
      this.remember(fact.requestId, socket);
    }
    return [{ socket, fact }];
  }

  private remember(requestId: string, socket: number): void {
    this.requests.set(requestId, socket);
    if (this.requests.size > MAX_REQUESTS) this.requests.delete(this.requests.keys().next().value!);
  }
}
