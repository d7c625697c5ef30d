import { INTERCEPT_MARKS, type CaptureEvent, type InterceptMark, type MessageFields, type Opcode } from './model';
import { bytesToBase64, truncateUtf8, utf8Length } from './encoding';
import { isEpochMs } from './time';
import type { TextualPayload } from './payload';
import { parseStack } from './stack';
import type { WorkerContext } from './protocol';

export interface NormalizeOptions {
  /** Payloads larger than this keep their real size but only this many bytes of data. */
  maxPayloadBytes: number;
}

/**
 * A message as the relay keeps it: binary as the buffer the hook transferred (1× the payload
 * instead of base64's 1.33×, no view object, no encoding until it leaves for a panel).
 */
export type StoredMessage = Omit<MessageFields, 'original'> & { opcode: Opcode; data: string | ArrayBuffer; original?: TextualPayload };
export type StoredEvent = Exclude<CaptureEvent, { kind: 'message' }> | StoredMessage;

/** A kept payload's length: characters of text, bytes of binary. */
export const payloadLength = (e: { data: string | ArrayBuffer | Uint8Array }): number => (typeof e.data === 'string' ? e.data.length : e.data.byteLength);

const str = (v: unknown, max = 1 << 16): string | null => (typeof v === 'string' ? v.slice(0, max) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v: unknown): number | null => (Number.isSafeInteger(v) ? (v as number) : null);
const URL_MAX = 1 << 14;

/**
 * Turns one untrusted raw record from the page (with any Blob already read into an ArrayBuffer)
 * into a capture event, or null when it is malformed. Every field is checked and copied: nothing
 * the page put in the record beyond the known fields survives. A socket's frame is the relay's own
 * `frameUrl` (its `location`), never one the page states.
 */
export function normalizeRaw(raw: unknown, seq: number, opts: NormalizeOptions, frameUrl: string): StoredEvent | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const socket = int(r.id);
  const time = r.t;
  if (socket === null || socket < 0 || !isEpochMs(time)) return null;
  const base = { seq, socket, time };
  switch (r.k) {
    case 'created': {
      const url = str(r.url, URL_MAX);
      const binaryType = str(r.binaryType, 32);
      if (url === null || binaryType === null || !Array.isArray(r.protocols)) return null;
      const protocols = r.protocols.slice(0, 64).map((p) => String(p).slice(0, 256));
      const api = r.api === 'websocketstream' ? 'websocketstream' : 'websocket';
      return { kind: 'created', ...base, url, protocols, binaryType, frameUrl: frameUrl.slice(0, URL_MAX), api, ...((r.url as string).length > URL_MAX ? { urlTruncated: true as const } : {}) };
    }
    case 'open': {
      const protocol = str(r.protocol, 256);
      const extensions = str(r.extensions, 1024);
      if (protocol === null || extensions === null) return null;
      return { kind: 'open', ...base, protocol, extensions };
    }
    case 'message': {
      if (r.dir !== 'sent' && r.dir !== 'received') return null;
      const payload = normalizePayload(r.data, opts.maxPayloadBytes);
      if (!payload) return null;
      // One literal, optional fields added after: every message event gets the same shape (the
      // relay makes one per message, so this is its hot path).
      const event = { kind: 'message', seq, socket, time, dir: r.dir, opcode: payload.opcode, size: payload.size, data: payload.data } as StoredMessage;
      if (payload.truncated) event.truncated = true;
      const bufferedAmount = num(r.bufferedAmount);
      if (bufferedAmount !== null) event.bufferedAmount = bufferedAmount;
      if (r.origin === 'devtools' || r.origin === 'simulated') event.origin = r.origin;
      if (r.intercept !== undefined) addIntercept(event, r, opts.maxPayloadBytes);
      return event;
    }
    case 'send-failed': {
      const error = str(r.error, 128);
      const message = str(r.message, 1024);
      if (error === null || message === null) return null;
      return { kind: 'send-failed', ...base, error, message };
    }
    case 'close-called': {
      const code = r.code === undefined ? undefined : num(r.code) ?? undefined;
      const reason = r.reason === undefined ? undefined : str(r.reason, 1024) ?? undefined;
      const error = r.error === undefined ? undefined : str(r.error, 128) ?? undefined;
      return { kind: 'close-called', ...base, ...(code !== undefined ? { code } : {}), ...(reason !== undefined ? { reason } : {}), ...(error ? { error } : {}) };
    }
    case 'error':
      return r.byDevtools === true ? { kind: 'error', ...base, byDevtools: true } : { kind: 'error', ...base };
    case 'closed': {
      const code = int(r.code);
      const reason = str(r.reason, 1024);
      if (code === null || reason === null || typeof r.wasClean !== 'boolean') return null;
      return { kind: 'closed', ...base, code, reason, wasClean: r.wasClean, ...(r.byDevtools === true ? { byDevtools: true as const } : {}) };
    }
    case 'binary-type': {
      const binaryType = str(r.binaryType, 32);
      if (binaryType === null) return null;
      return { kind: 'binary-type', ...base, binaryType };
    }
    case 'initiator':
      return typeof r.stack === 'string' ? { kind: 'initiator', ...base, frames: parseStack(r.stack) } : null;
    default:
      return null;
  }
}

/** The rare fields of a message a breakpoint, rule or control touched; the original as text or base64. */
function addIntercept(event: StoredMessage, r: Record<string, unknown>, maxBytes: number): void {
  if (!INTERCEPT_MARKS.includes(r.intercept as InterceptMark)) return;
  event.intercept = r.intercept as InterceptMark;
  const delay = num(r.delay);
  if (delay !== null && delay >= 0) event.delay = delay;
  const original = r.original === undefined ? null : normalizePayload(r.original, maxBytes);
  if (original) event.original = { opcode: original.opcode, size: original.size, data: typeof original.data === 'string' ? original.data : bytesToBase64(new Uint8Array(original.data)) };
}

const isArrayBuffer = (v: unknown): v is ArrayBuffer => Object.prototype.toString.call(v) === '[object ArrayBuffer]';

function normalizePayload(data: unknown, maxBytes: number) {
  if (typeof data === 'string') {
    const size = utf8Length(data);
    if (size <= maxBytes) return { opcode: 1 as const, size, data, truncated: false };
    return { opcode: 1 as const, size, data: truncateUtf8(data, maxBytes), truncated: true as const };
  }
  if (isArrayBuffer(data)) {
    // Tag check, not instanceof alone: the buffer may come from another realm (the page's world).
    const size = data.byteLength;
    // The hook transferred its own copy: it is kept as it is (a cut one is copied, so the rest of
    // the buffer can go).
    const kept = size <= maxBytes ? data : data.slice(0, maxBytes);
    return { opcode: 2 as const, size, data: kept, truncated: size > maxBytes };
  }
  return null;
}

/**
 * A per-document gate in front of `normalizeRaw`: a socket exists once its 'created' record was
 * seen. Records for sockets never created, and a second 'created' for the same id, are dropped, so
 * a forged record can neither add rows for sockets that do not exist nor reset one that does.
 */
export function createRecordGate(): (raw: unknown) => boolean {
  const known = new Set<number>();
  return (raw) => {
    if (!raw || typeof raw !== 'object') return false;
    const { k, id } = raw as { k?: unknown; id?: unknown };
    if (!Number.isSafeInteger(id) || (id as number) < 0) return false;
    if (k !== 'created') return known.has(id as number);
    if (known.has(id as number)) return false;
    known.add(id as number);
    return true;
  };
}

/** A worker start the page hook reported (see `RawWorkerStart`); not yet validated. */
export const isWorkerStart = (raw: unknown): boolean => !!raw && typeof raw === 'object' && (raw as { k?: unknown }).k === 'worker-started';

/**
 * A worker start as the panel shows it, or null when malformed: its kind, and its script URL
 * resolved against the document's base URL ('' when the page gave none the hook could read).
 */
export function normalizeWorkerStart(raw: unknown, baseUrl: string): WorkerContext | null {
  if (!isWorkerStart(raw)) return null;
  const r = raw as Record<string, unknown>;
  const url = str(r.url, URL_MAX);
  if ((r.kind !== 'worker' && r.kind !== 'shared-worker') || url === null) return null;
  if (url === '') return { kind: r.kind, url };
  try {
    return { kind: r.kind, url: new URL(url, baseUrl).href.slice(0, URL_MAX) };
  } catch {
    return { kind: r.kind, url };
  }
}
