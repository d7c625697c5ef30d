import { CaptureReader } from '../model/capture-reader';
import { effect, signal } from '@preact/signals';
import { createSocketDecoder, detectDecoder, type Decoded, type Payload } from '../../core/decoders';
import type { DecodeFn } from '../../core/decoders/types';
import { payloadFromEvent } from '../../core/decoders/payload';
import { isPartial, type CaptureEvent, type MessageEvent } from '../../core/model';
import type { SessionEvent } from '../../core/session';
import type { CaptureState } from './capture';

const SNIFF_MESSAGES = 3;
/**
 * Larger payloads are not sniffed, nor parsed as plain JSON as they arrive (a 16 MB JSON takes
 * the panel seconds): the detail view parses one when asked.
 */
const DECODE_ON_ARRIVAL_MAX = 1 << 20;
const small = (r: SessionEvent) => r.event.kind === 'message' && r.event.size <= DECODE_ON_ARRIVAL_MAX;
const DECODED = Symbol('decoded');
const VALUE_NOT_KEPT = Symbol('value not kept');

/** A decoded row as the grid and the filter see it; `detail` adds the value. */
export type DecodedRow = Omit<Decoded, 'value' | 'contextual'>;

/**
 * What a row keeps of its result, in one shape for every row. The value only when earlier messages
 * shaped it: `detail` decodes the payload alone again for the others. The summary as a flat copy:
 * decoders build it by concatenation, which V8 keeps as a rope of all the pieces.
 */
const kept = (d: Decoded): Decoded => ({
  decoder: d.decoder,
  summary: JSON.parse(JSON.stringify(d.summary)) as string,
  fields: d.fields,
  note: d.note,
  value: d.contextual ? d.value : VALUE_NOT_KEPT,
});

interface SocketDecoding {
  /** null = none; undefined = not detected yet. */
  id: string | null | undefined;
  decoder?: ReturnType<typeof createSocketDecoder>;
  rows: SessionEvent[];
  /** Each row's position in the capture counted from its first row ever (so a trim finds its rows). */
  at: number[];
  cursor: number;
}

/**
 * Sub-protocol decoding, in the panel (never in the page). Decoders are stateful per socket, so
 * messages are decoded in order: up to the rows somebody asks about, and the rest in idle time so
 * that filtering on decoded fields only reads cached results.
 */
export function createDecodeState(capture: CaptureState, schemas?: { decoderFor(url: string): DecodeFn | undefined }) {
  const version = signal(0);
  // Each result lives on its event object: a property read is far cheaper than a WeakMap lookup
  // when a filter visits a million rows. Forgetting one sets undefined: a `delete` would turn the
  // event into a dictionary-mode object (about 200 B more).
  const results = {
    get: (e: CaptureEvent) => (e as unknown as Record<symbol, Decoded | null | undefined>)[DECODED],
    set: (e: CaptureEvent, d: Decoded | null | undefined) => void ((e as unknown as Record<symbol, Decoded | null | undefined>)[DECODED] = d),
  };
  let sockets = new Map<string, SocketDecoding>();
  const overrides = new Map<string, string | null>();
  const reader = new CaptureReader();
  /** How many rows the bounds have trimmed from the capture's front since it started over. */
  let base = 0;

  /** Forgets each socket's rows that the bounds dropped (the oldest: a prefix of each list). */
  const forgetTrimmed = () => {
    for (const s of sockets.values()) {
      let k = 0;
      while (k < s.at.length && s.at[k] < base) k++;
      if (k === 0) continue;
      s.rows.splice(0, k);
      s.at.splice(0, k);
      s.cursor = Math.max(0, s.cursor - k);
    }
  };

  const sync = () => {
    const store = capture.store;
    const { reset, trimmed, from } = reader.catchUp(store);
    if (reset) {
      sockets = new Map();
      base = 0;
    } else if (trimmed > 0) {
      base += trimmed;
      forgetTrimmed();
    }
    for (let i = from; i < store.events.length; i++) {
      const row = store.events[i];
      if (row.event.kind !== 'message') continue;
      let s = sockets.get(row.socketKey);
      if (!s) {
        const forced = overrides.get(row.socketKey);
        s = { id: forced, rows: [], at: [], cursor: 0 };
        sockets.set(row.socketKey, s);
      }
      s.rows.push(row);
      s.at.push(base + i);
    }
  };

  /** A socket's decoder: with a schema when Protobuf's has one for the socket's URL. */
  const decoderOf = (key: string, id: string) =>
    createSocketDecoder(id, id === 'protobuf' ? schemas?.decoderFor(capture.store.sockets.get(key)?.url ?? '') : undefined);

  /** A message whose payload came in part: decoding waits for the rest (a fill). */
  const waiting = (r: SessionEvent | undefined) => r !== undefined && isPartial(r.event);

  const detect = (key: string, s: SocketDecoding) => {
    const socket = capture.store.sockets.get(key);
    const sniffed: SessionEvent[] = [];
    for (let i = 0; i < s.rows.length && sniffed.length < SNIFF_MESSAGES; i++) if (small(s.rows[i])) sniffed.push(s.rows[i]);
    if (sniffed.some(waiting)) return;
    const payloads: Payload[] = sniffed.map((r) => payloadFromEvent(r.event as MessageEvent));
    const id = detectDecoder({ protocol: socket?.protocol ?? '', url: socket?.url ?? '' }, payloads);
    // Nothing recognised in fewer payloads than a sniff needs: undecided, try again on more.
    s.id = id ?? (payloads.length < SNIFF_MESSAGES ? undefined : null);
  };

  /** Decodes the socket's next row; false when there is nothing (more) to decode. */
  const step = (key: string, s: SocketDecoding): SessionEvent | null => {
    if (s.id === undefined) detect(key, s);
    if (!s.id || s.cursor >= s.rows.length || waiting(s.rows[s.cursor])) return null;
    s.decoder ??= decoderOf(key, s.id);
    const r = s.rows[s.cursor++];
    const e = r.event as Extract<CaptureEvent, { kind: 'message' }>;
    if (s.id === 'json' && !small(r)) {
      results.set(e, null);
      return r;
    }
    let d: Decoded | null;
    try {
      d = s.decoder.decode(payloadFromEvent(e), e.dir);
    } catch (err) {
      d = { decoder: s.id, summary: '', value: null, fields: {}, note: `decode error: ${(err as Error).message}` };
    }
    results.set(e, d && kept(d));
    return r;
  };

  const decode = (row: SessionEvent): DecodedRow | null => {
    if (row.event.kind !== 'message') return null;
    const cached = results.get(row.event);
    if (cached !== undefined) return cached;
    sync();
    const s = sockets.get(row.socketKey);
    if (!s) return null;
    for (let r = step(row.socketKey, s); r; r = step(row.socketKey, s)) if (r === row) break;
    return results.get(row.event) ?? null;
  };

  const detail = (row: SessionEvent): Decoded | null => {
    const d = decode(row) as Decoded | null;
    if (!d || d.value !== VALUE_NOT_KEPT) return d;
    const e = row.event as MessageEvent;
    return decoderOf(row.socketKey, d.decoder).decode(payloadFromEvent(e), e.dir);
  };

  let idle = false;
  const decodeWhenIdle = () => {
    if (idle) return;
    idle = true;
    requestIdleCallback((deadline) => {
      idle = false;
      sync();
      let more = false;
      for (const [key, s] of sockets) {
        while (deadline.timeRemaining() > 1 && step(key, s));
        if (s.id && s.cursor < s.rows.length && !waiting(s.rows[s.cursor])) more = true;
      }
      if (more) decodeWhenIdle();
      else performance.mark('sockets:decoded'); // everything captured so far is decoded (read by the bench)
    }, { timeout: 2000 });
  };
  effect(() => {
    capture.version.value;
    decodeWhenIdle();
  });

  const detectedOf = (key: string): string | null => {
    sync();
    const s = sockets.get(key);
    if (!s) return null;
    const probe: SocketDecoding = { id: undefined, rows: s.rows, at: s.at, cursor: 0 };
    detect(key, probe);
    return probe.id ?? null;
  };

  /** Whether `decode(row)` gives its final answer: decoded, or a whole payload on a socket without a decoder. */
  const settled = (row: SessionEvent): boolean => {
    if (decode(row) !== null || results.get(row.event) !== undefined) return true;
    return sockets.get(row.socketKey)?.id === null && !waiting(row);
  };

  return {
    version,
    decode,
    settled,
    /** The row's result with its value (for the detail view). */
    detail,
    detectedOf,
    /** The user's choice for a socket: undefined = auto, null = none. */
    overrideOf: (key: string) => overrides.get(key),
    fields: (row: SessionEvent) => decode(row)?.fields,
    decoderOf(key: string): string | null {
      sync();
      const s = sockets.get(key);
      if (!s) return overrides.get(key) ?? null;
      if (s.id === undefined) detect(key, s);
      return s.id ?? null;
    },
    /** Decodes every socket's rows again (e.g. after a schema changed). */
    redecode() {
      for (const s of sockets.values()) {
        s.decoder = undefined;
        s.cursor = 0;
        for (const r of s.rows) results.set(r.event, undefined);
      }
      version.value++;
    },
    /** Forces a decoder for one socket (null = none); undefined returns to detection. */
    override(key: string, id: string | null | undefined) {
      if (id === undefined) overrides.delete(key);
      else overrides.set(key, id);
      sync();
      const s = sockets.get(key);
      if (s) {
        s.id = id;
        s.decoder = undefined;
        s.cursor = 0;
        for (const r of s.rows) results.set(r.event, undefined);
      }
      version.value++;
    },
  };
}

export type DecodeState = ReturnType<typeof createDecodeState>;
