import type { CaptureEvent, MessageEvent, MessageOrigin } from './model';
import { base64ToBytes, bytesToBase64 } from './encoding';
import type { StoredEvent, StoredMessage } from './normalize';
import { payloadOf } from './payload';

/**
 * How binary payloads cross extension messaging, from the cheapest the channel allows:
 * - `blob`: the batch's payloads travel in one Blob, so the bytes go through the browser's blob
 *   store instead of being serialized into the message at every hop (structured-clone messaging);
 * - `clone`: as ArrayBuffers (structured clone without Blob support);
 * - `base64`: as text (JSON messaging: Chrome before 148).
 */
export type BinaryTransport = 'blob' | 'clone' | 'base64';

/**
 * A batch's messages, one array per field: a message costs the serializer a few array elements
 * instead of an object with eight keys, at every hop (relay, service worker, panel).
 */
export interface MessageColumns {
  seq: number[];
  socket: number[];
  time: number[];
  /** 0 = sent, 1 = received. */
  dir: number[];
  opcode: number[];
  size: number[];
  /** Text; binary as base64, as an ArrayBuffer (`clone`) or '' with its bytes in the Blob (`blob`). */
  data: (string | ArrayBuffer)[];
  /** -1 = none. */
  bufferedAmount: number[];
  /** `blob` transport: where each binary payload starts in the Blob (-1 for text). */
  blobAt?: number[];
  /** The rare fields, by index. */
  truncated?: number[];
  /** Messages sent with their first PARTIAL_PREFIX_BYTES only (the rest follows in a fill batch). */
  partial?: number[];
  origin?: Record<number, MessageOrigin>;
  /** Messages a breakpoint, rule or control touched: their marks, by index (`original` as text or base64). */
  intercept?: Record<number, Pick<StoredMessage, 'intercept' | 'original' | 'delay'>>;
}

/** A batch body: lifecycle events as objects, messages as columns, binary payloads maybe in a Blob. */
export interface WireBody {
  events: CaptureEvent[];
  messages?: MessageColumns;
  payloads?: Blob;
}

const DIRS = ['sent', 'received'] as const;

/**
 * Below this many binary bytes a batch's payloads travel inline even where Blobs could carry them:
 * making a Blob costs the page about a millisecond whatever its size (registration with the
 * browser's blob store), more than cloning a few small buffers at each hop.
 */
const BLOB_MIN_BYTES = 256 * 1024;

/** What a deferred binary payload is sent with: enough for the row's preview and a first look. */
export const PARTIAL_PREFIX_BYTES = 1024;

export interface PackOptions {
  blobMin?: number;
  /** Binary messages to send with their first PARTIAL_PREFIX_BYTES only (asked once per message). */
  prefixOnly?: (e: StoredMessage & { data: ArrayBuffer }) => boolean;
}

export function packEvents(events: StoredEvent[], transport: BinaryTransport, { blobMin = BLOB_MIN_BYTES, prefixOnly }: PackOptions = {}): WireBody {
  // One pass first: which payloads go as prefixes, and how many binary bytes travel.
  let cut: Set<StoredEvent> | undefined;
  let binaryBytes = 0;
  for (const e of events) {
    if (e.kind !== 'message' || typeof e.data === 'string') continue;
    const prefix = prefixOnly?.(e as StoredMessage & { data: ArrayBuffer }) === true;
    if (prefix) (cut ??= new Set()).add(e);
    binaryBytes += prefix ? Math.min(e.data.byteLength, PARTIAL_PREFIX_BYTES) : e.data.byteLength;
  }
  if (transport === 'blob' && binaryBytes < blobMin) transport = 'clone';
  const others: CaptureEvent[] = [];
  const m: MessageColumns = { seq: [], socket: [], time: [], dir: [], opcode: [], size: [], data: [], bufferedAmount: [] };
  const parts: ArrayBuffer[] = [];
  let offset = 0;
  for (const e of events) {
    if (e.kind !== 'message') {
      others.push(e);
      continue;
    }
    const i = m.seq.length;
    m.seq.push(e.seq);
    m.socket.push(e.socket);
    m.time.push(e.time);
    m.dir.push(e.dir === 'received' ? 1 : 0);
    m.opcode.push(e.opcode);
    m.size.push(e.size);
    m.bufferedAmount.push(e.bufferedAmount ?? -1);
    if (e.truncated) (m.truncated ??= []).push(i);
    const partial = cut?.has(e) === true;
    if (e.partial || partial) (m.partial ??= []).push(i);
    if (e.origin) (m.origin ??= {})[i] = e.origin;
    if (e.intercept) (m.intercept ??= {})[i] = { intercept: e.intercept, original: e.original, delay: e.delay };
    const data = partial ? (e.data as ArrayBuffer).slice(0, PARTIAL_PREFIX_BYTES) : e.data;
    if (typeof data === 'string' || transport === 'clone') m.data.push(data);
    else if (transport === 'base64') m.data.push(bytesToBase64(new Uint8Array(data)));
    else {
      m.data.push('');
      m.blobAt ??= [];
      while (m.blobAt.length < i) m.blobAt.push(-1);
      m.blobAt.push(offset);
      parts.push(data);
      offset += data.byteLength;
    }
  }
  const body: WireBody = { events: others };
  if (m.seq.length) body.messages = m;
  if (parts.length) body.payloads = new Blob(parts);
  return body;
}

/** The panel's side: every event as an object, in sequence order, binary payloads as bytes. */
export async function unpackEvents(body: WireBody): Promise<CaptureEvent[]> {
  const bytes = body.payloads ? new Uint8Array(await body.payloads.arrayBuffer()) : undefined;
  return unpack(body, bytes);
}

/** Synchronous unpack for a batch without a payload Blob. */
export function unpackInline(body: WireBody): CaptureEvent[] {
  return unpack(body, undefined);
}

/**
 * A batch whose payload Blob could not be read: its events, with the Blob's payloads empty and
 * marked partial (the relay still holds them: a fill can bring them).
 */
export function unpackWithoutPayloads(body: WireBody): CaptureEvent[] {
  const events = unpack(body, undefined);
  const inBlob = new Set<number>();
  body.messages?.blobAt?.forEach((at, i) => at >= 0 && inBlob.add(body.messages!.seq[i]));
  for (const e of events) if (e.kind === 'message' && inBlob.has(e.seq)) e.partial = true;
  return events;
}

function unpack({ events, messages: m }: WireBody, bytes: Uint8Array | undefined): CaptureEvent[] {
  if (!m) return events;
  const n = m.seq.length;
  const out: CaptureEvent[] = [];
  let next = 0;
  // The rare-field index lists ascend: a cursor each instead of a search per message.
  let truncated = 0;
  let partial = 0;
  for (let i = 0; i < n; i++) {
    const seq = m.seq[i];
    while (next < events.length && events[next].seq < seq) out.push(events[next++]);
    const at = m.blobAt?.[i] ?? -1;
    const raw = m.data[i];
    const opcode = m.opcode[i];
    // Binary: a view on the batch's Blob bytes, the cloned buffer, or base64 decoded once, here.
    const data =
      opcode === 1 ? (typeof raw === 'string' ? raw : '') : at >= 0 ? (bytes?.subarray(at, payloadEnd(m, i, bytes.length)) ?? new Uint8Array(0)) : typeof raw === 'string' ? base64ToBytes(raw) : new Uint8Array(raw);
    // The same shape as the relay's events (normalizeRaw): one literal, optional fields after.
    const e = { kind: 'message', seq, socket: m.socket[i], time: m.time[i], dir: DIRS[m.dir[i]], opcode, size: m.size[i], data } as MessageEvent;
    if (m.truncated?.[truncated] === i) {
      e.truncated = true;
      truncated++;
    }
    if (m.partial?.[partial] === i) {
      e.partial = true;
      partial++;
    }
    if (m.bufferedAmount[i] >= 0) e.bufferedAmount = m.bufferedAmount[i];
    const origin = m.origin?.[i];
    if (origin) e.origin = origin;
    const intercept = m.intercept?.[i];
    if (intercept) {
      e.intercept = intercept.intercept;
      if (intercept.original) e.original = payloadOf(intercept.original);
      if (intercept.delay !== undefined) e.delay = intercept.delay;
    }
    out.push(e);
  }
  while (next < events.length) out.push(events[next++]);
  return out;
}

/** A payload's bytes run to where the next one starts, or to the end of the Blob. */
function payloadEnd(m: MessageColumns, i: number, total: number): number {
  const offsets = m.blobAt!;
  for (let j = i + 1; j < offsets.length; j++) if (offsets[j] >= 0) return offsets[j];
  return total;
}
