import { effect, signal } from '@preact/signals';
import { createPairing, isHeartbeat, type CustomPaths, type LatencyStats, type PairInfo, type Pairing } from '../../core/conversation';
import type { MessageEvent } from '../../core/model';
import type { SessionEvent } from '../../core/session';
import { CaptureReader } from '../model/capture-reader';
import type { CaptureState } from './capture';
import type { DecodeState } from './decode';

interface SocketPairing {
  pairing: Pairing<SessionEvent>;
  /** Message rows not paired yet, in order (from `head`). */
  queue: SessionEvent[];
  head: number;
}

/**
 * Request↔response pairs and keep-alives, per socket, over the decoders' results. Rows are paired
 * in order as far as their decoding is settled, in idle time (the grid shows what is paired so
 * far), or at once where a user action or a pairing filter needs it; results live in a WeakMap, so
 * that the rows the bounds drop take theirs along.
 */
export function createConversationState(capture: CaptureState, decode: DecodeState) {
  /** Bumped when rows joined pairs, a socket's custom paths changed (its pairs start over) and a waiting request turned unanswered. */
  const version = signal(0);
  const customPaths = new Map<string, CustomPaths>();
  let sockets = new Map<string, SocketPairing>();
  const reader = new CaptureReader();
  let decodeVersion = -1;
  /** A re-render when the next waiting request turns unanswered. */
  let wake: { at: number; timer: ReturnType<typeof setTimeout> } | null = null;
  const wakeAtNextDeadline = () => {
    const now = Date.now();
    let next: number | null = null;
    for (const s of sockets.values()) {
      const at = s.pairing.nextDeadline(now);
      if (at !== null && (next === null || at < next)) next = at;
    }
    if (next === null || (wake && wake.at <= next && wake.at > now)) return;
    if (wake) clearTimeout(wake.timer);
    wake = {
      at: next,
      timer: setTimeout(() => {
        wake = null;
        version.value++;
      }, next - now),
    };
  };

  const socketOf = (key: string): SocketPairing => {
    let s = sockets.get(key);
    if (!s) {
      s = { pairing: createPairing<SessionEvent>(customPaths.get(key) ?? null, new WeakMap()), queue: [], head: 0 };
      sockets.set(key, s);
    }
    return s;
  };

  /** Pairs the socket's queued rows while `more()` allows; true when one of them joined a pair. */
  const advance = (s: SocketPairing, more: () => boolean): boolean => {
    let paired = false;
    while (s.head < s.queue.length && more()) {
      const row = s.queue[s.head];
      if (!decode.settled(row)) break;
      const e = row.event as MessageEvent;
      s.pairing.add(row, { dir: e.dir, time: e.time, decoded: decode.decode(row), text: e.opcode === 1 ? e.data : undefined });
      paired ||= s.pairing.info(row) !== undefined;
      s.head++;
    }
    if (s.head > 1024 && s.head * 2 > s.queue.length) {
      s.queue = s.queue.slice(s.head);
      s.head = 0;
    }
    return paired;
  };

  const always = () => true;
  /** Pairs the rows captured so far whose decoding is settled (while `more()` allows); true when a row joined a pair. */
  const catchUp = (more: () => boolean = always): boolean => {
    // Another decoder for a socket changes its fields: every pair starts over.
    if (decode.version.peek() !== decodeVersion) {
      decodeVersion = decode.version.peek();
      reader.restart();
    }
    const store = capture.store;
    const { reset, from } = reader.catchUp(store);
    if (reset) sockets = new Map();
    for (let i = from; i < store.events.length; i++) {
      const row = store.events[i];
      if (row.event.kind === 'message') socketOf(row.socketKey).queue.push(row);
    }
    let paired = false;
    for (const s of sockets.values()) paired = advance(s, more) || paired;
    wakeAtNextDeadline();
    return paired;
  };
  const waiting = () => {
    for (const s of sockets.values()) if (s.head < s.queue.length && decode.settled(s.queue[s.head])) return true;
    return false;
  };

  let idle = false;
  const pairWhenIdle = () => {
    if (idle) return;
    idle = true;
    requestIdleCallback((deadline) => {
      idle = false;
      if (catchUp(() => deadline.timeRemaining() > 1)) version.value++;
      if (waiting()) pairWhenIdle();
    }, { timeout: 2000 });
  };
  effect(() => {
    capture.version.value;
    decode.version.value;
    pairWhenIdle();
  });

  const info = (row: SessionEvent): PairInfo<SessionEvent> | undefined => sockets.get(row.socketKey)?.pairing.info(row);

  return {
    version,
    /** Pairs every row it can now (a user action, a pairing filter). */
    catchUp: () => void catchUp(),
    /** The row's pair and latency, as far as pairing has read (`catchUp` first for all of it). */
    info,
    latency: (row: SessionEvent) => info(row)?.latency,
    unanswered: (row: SessionEvent, now = Date.now()) => sockets.get(row.socketKey)?.pairing.unanswered(row, now) ?? false,
    heartbeat: (row: SessionEvent) => row.event.kind === 'message' && isHeartbeat(decode.decode(row)),
    /** The socket's latency figures so far. */
    stats(key: string): LatencyStats | null {
      return sockets.get(key)?.pairing.stats() ?? null;
    },
    /** For the HAR export: the seq of the row's pair and their latency. */
    harPair(row: SessionEvent): { seq: number; latency: number } | undefined {
      const i = info(row);
      return i?.pair && i.latency !== undefined ? { seq: i.pair.event.seq, latency: i.latency } : undefined;
    },
    customPathsOf: (key: string) => customPaths.get(key) ?? null,
    /** Pairs one socket by its own JSON paths instead of its protocol's ids (null: by the protocol again). */
    setCustomPaths(key: string, paths: CustomPaths | null) {
      if (paths) customPaths.set(key, paths);
      else customPaths.delete(key);
      reader.restart();
      version.value++;
    },
  };
}

export type ConversationState = ReturnType<typeof createConversationState>;
