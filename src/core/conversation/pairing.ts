import type { Direction } from '../decoders/types';
import type { ConversationMessage, Correlation, CustomPaths } from './correlation';
import { customCorrelations } from './custom-paths';
import { isHeartbeat } from './heartbeat';
import { jsonRpcCorrelations } from './jsonrpc';
import { RULES } from './protocols';

/** A request with no response this long after it is flagged unanswered. */
export const UNANSWERED_AFTER_MS = 10_000;

/** What pairing says of one message. */
export interface PairInfo<T> {
  role: 'request' | 'response';
  /** A request's first response; a response's request. */
  pair?: T;
  /** A request: ms to its first response; a response: ms since its request. */
  latency?: number;
  /** The time of the message (a request's, to judge it unanswered). */
  time: number;
  /** A request its sender gave up on (a cancelled subscription): never unanswered. */
  cancelled?: true;
  heartbeat: boolean;
}

export interface LatencyStats {
  /** Answered requests counted (keep-alives left out). */
  count: number;
  p50: number;
  p95: number;
  max: number;
}

const other = (d: Direction): Direction => (d === 'sent' ? 'received' : 'sent');

/** Longer payloads are not parsed for an id (as the decoders do not parse them on arrival). */
const MAX_PARSED_CHARS = 1 << 20;

/** What a message says about requests, by its protocol (custom paths, when set, instead). */
export function correlationsOf(msg: ConversationMessage, custom: CustomPaths | null): Correlation[] {
  const text = msg.text !== undefined && msg.text.length <= MAX_PARSED_CHARS ? msg.text : undefined;
  if (custom) return text === undefined ? [] : customCorrelations(text, custom);
  const rule = msg.decoded ? RULES[msg.decoded.decoder] : undefined;
  if (rule) return rule(msg.decoded!.fields, msg.dir);
  // JSON-RPC has no decoder of its own: plain JSON sockets, or undecoded ones.
  if (text !== undefined && (!msg.decoded || msg.decoded.decoder === 'json')) return jsonRpcCorrelations(text);
  return [];
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Where pairing keeps each message's result: a Map, or a WeakMap so that rows the capture drops take theirs along. */
export interface InfoStore<T> {
  get(handle: T): PairInfo<T> | undefined;
  set(handle: T, info: PairInfo<T>): unknown;
  has(handle: T): boolean;
}

/**
 * Request↔response pairing of one socket, fed its messages in order. `T` is the caller's handle
 * for a message (a row, a sequence number): results are looked up by it.
 */
export function createPairing<T>(custom: CustomPaths | null = null, infos: InfoStore<T> = new Map<T, PairInfo<T>>()) {
  /** Keys a direction has asked and not yet had finally answered: `${dir} ${key}`. */
  const open = new Map<string, T>();
  const latencies: number[] = [];
  let sorted: number[] | null = null;

  const answer = (handle: T, time: number, requester: T, final: boolean, openKey: string, heartbeat: boolean) => {
    const req = infos.get(requester)!;
    const latency = time - req.time;
    if (final) open.delete(openKey);
    if (infos.has(handle)) return;
    infos.set(handle, { role: 'response', pair: requester, latency, time, heartbeat });
    if (req.pair === undefined) {
      req.pair = handle;
      req.latency = latency;
      if (!req.heartbeat) {
        latencies.push(latency);
        sorted = null;
      }
    }
  };

  return {
    add(handle: T, msg: ConversationMessage): void {
      const correlations = correlationsOf(msg, custom);
      if (correlations.length === 0) return;
      const heartbeat = isHeartbeat(msg.decoded);
      for (const c of correlations) {
        const asked = `${other(msg.dir)} ${c.key}`;
        const own = `${msg.dir} ${c.key}`;
        const requester = c.role === 'response' || c.role === 'either' ? open.get(asked) : undefined;
        if (requester !== undefined) answer(handle, msg.time, requester, c.final, asked, heartbeat);
        else if (c.role === 'request' || c.role === 'either') {
          if (!infos.has(handle)) infos.set(handle, { role: 'request', time: msg.time, heartbeat });
          open.set(own, handle);
        } else if (c.role === 'cancel') {
          const req = open.get(own);
          if (req === undefined) continue;
          open.delete(own);
          const info = infos.get(req)!;
          if (info.pair === undefined) info.cancelled = true;
        }
      }
    },
    info: (handle: T): PairInfo<T> | undefined => infos.get(handle),
    /** A request with no response `timeoutMs` after it (and not cancelled). */
    unanswered(handle: T, now: number, timeoutMs = UNANSWERED_AFTER_MS): boolean {
      const i = infos.get(handle);
      return i !== undefined && i.role === 'request' && i.pair === undefined && !i.cancelled && now - i.time >= timeoutMs;
    },
    /** The next time after `now` that a request still waiting turns unanswered (null: none will). */
    nextDeadline(now: number, timeoutMs = UNANSWERED_AFTER_MS): number | null {
      let next: number | null = null;
      for (const handle of open.values()) {
        const i = infos.get(handle)!;
        const at = i.time + timeoutMs;
        if (i.pair === undefined && !i.cancelled && at > now && (next === null || at < next)) next = at;
      }
      return next;
    },
    /** p50/p95/max of the answered requests' latencies, keep-alives left out; null before any. */
    stats(): LatencyStats | null {
      if (latencies.length === 0) return null;
      sorted ??= [...latencies].sort((a, b) => a - b);
      return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
    },
  };
}

export type Pairing<T> = ReturnType<typeof createPairing<T>>;
