import type { CaptureEvent, CreatedEvent } from '../model';
import { applyToSocket, newSocketRecord, type Handshake } from '../session';
import type { ImportedSocket, Warn } from './imported';
import { messageEvent } from './import-own';
import { isObj, readHeaders, type Obj, type ReadError, type ReadMessage } from './read';
import { isEpochMs } from '../time';

/** `t` plus `ms`, or `t` when the sum is no time (a HAR's durations are as untrusted as its times). */
const after = (t: number, ms: number) => (isEpochMs(t + ms) ? t + ms : t);

/** Close codes for a HAR that does not say how the socket closed. */
const CLOSE_UNKNOWN = 1005;
const CLOSE_NEVER_OPENED = 1006;

/**
 * Rebuilds a socket from the standard fields and `_webSocketMessages` alone (Chrome DevTools,
 * mitmproxy, ...). The HAR has no close information, so every such socket gets a `closed` event at
 * the end of the entry: code 1005 when it opened (101), 1006 when the handshake failed. Events get
 * seq 0 here; the caller numbers them across the document.
 */
export function chromeSocket(
  entry: Obj,
  url: string,
  items: (ReadMessage | ReadError)[],
  doc: string,
  socket: number,
  frameUrl: string,
  label: string,
  warn: Warn,
): ImportedSocket {
  const req = isObj(entry.request) ? entry.request : {};
  const res = isObj(entry.response) ? entry.response : {};
  const firstItem = items.length ? items[0].time : undefined;
  let createdAt = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  if (!isEpochMs(createdAt)) {
    warn('no valid startedDateTime; using the first message time');
    createdAt = firstItem ?? 0;
  }
  const base = { seq: 0, socket };
  const created: CreatedEvent = {
    kind: 'created',
    ...base,
    time: createdAt,
    url,
    protocols: (header(req.headers, 'sec-websocket-protocol') ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    binaryType: 'blob',
    frameUrl,
    api: 'websocket',
  };
  const events: CaptureEvent[] = [created];
  const opened = res.status === 101;
  if (opened) {
    const time = Math.max(createdAt, Math.min(after(createdAt, handshake(entry.timings)), firstItem ?? Infinity));
    const protocol = header(res.headers, 'sec-websocket-protocol') ?? '';
    const extensions = header(res.headers, 'sec-websocket-extensions') ?? '';
    events.push({ kind: 'open', ...base, time, protocol, extensions });
  }
  for (const m of items) events.push(m.kind === 'error' ? { kind: 'error', ...base, time: m.time } : messageEvent(m, 0, socket));
  const duration = typeof entry.time === 'number' && entry.time > 0 && Number.isFinite(entry.time) ? entry.time : 0;
  const end = events.reduce((t, e) => Math.max(t, e.time), after(createdAt, duration));
  events.push({ kind: 'closed', ...base, time: end, code: opened ? CLOSE_UNKNOWN : CLOSE_NEVER_OPENED, reason: '', wasClean: false });

  const record = newSocketRecord(doc, 0, created);
  for (const e of events) applyToSocket(record, e);
  const seen = harHandshake(entry, url, createdAt);
  if (seen) record.handshake = seen;
  record.imported = label;
  return { record, events, dropped: [] };
}

/**
 * The handshake a HAR entry recorded (Chrome's, or DevTools' own log of the inspected page): its
 * request and response headers, when it has any; the response at the end of the handshake's phases.
 */
export function harHandshake(entry: Obj, url: string, createdAt: number): Handshake | undefined {
  const req = isObj(entry.request) ? entry.request : {};
  const res = isObj(entry.response) ? entry.response : {};
  const sent = readHeaders(req.headers);
  const got = readHeaders(res.headers);
  const status = Number.isSafeInteger(res.status) && (res.status as number) > 0 ? (res.status as number) : undefined;
  const out: Handshake = {};
  if (sent?.length) out.request = { time: createdAt, url, method: typeof req.method === 'string' ? req.method : 'GET', headers: sent };
  if (status !== undefined) {
    const version = typeof res.httpVersion === 'string' && res.httpVersion ? res.httpVersion : 'HTTP/1.1';
    const text = typeof res.statusText === 'string' ? res.statusText : '';
    out.response = { time: after(createdAt, handshake(entry.timings)), status, statusLine: `${version} ${status}${text ? ` ${text}` : ''}`, headers: got ?? [] };
  }
  return out.request || out.response ? out : undefined;
}

function header(headers: unknown, name: string): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  const found = headers.find((h) => isObj(h) && typeof h.name === 'string' && h.name.toLowerCase() === name);
  return found && typeof found.value === 'string' ? found.value : undefined;
}

/** Milliseconds until the 101 response: the HAR phases before `receive` (-1 means not applicable). */
function handshake(timings: unknown): number {
  if (!isObj(timings)) return 0;
  let total = 0;
  for (const phase of ['blocked', 'dns', 'connect', 'send', 'wait']) {
    const t = timings[phase];
    if (typeof t === 'number' && t > 0 && Number.isFinite(t)) total += t;
  }
  return total;
}
