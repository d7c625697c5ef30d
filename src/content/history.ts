import type { GapEvent } from '../core/model';
import { heapSize } from '../core/heap-size';
import type { Limits } from '../core/limits';
import type { StoredEvent } from '../core/normalize';
import { Ring } from './ring';

export type HistoryLimits = Pick<Limits, 'maxEvents' | 'maxBytes' | 'unwatchedHead' | 'unwatchedMessages' | 'unwatchedBytes'>;

/** Lifecycle events (everything but messages) kept outside the ring, at most this many. */
const MAX_LIFECYCLE = 30_000;

/**
 * The document's captured events, kept in the content script so that they outlive the service
 * worker and reach any panel opened later. Bounded in bytes of heap and in events:
 * - each socket's lifecycle events are kept outside the ring, so a panel can always show every socket;
 * - until a panel watches the document, each socket's first `unwatchedHead` messages are kept too
 *   (in at most half of `unwatchedBytes`), and the ring holds only the most recent
 *   `unwatchedMessages`, all within `unwatchedBytes`; what it drops is summed up per socket in a
 *   gap event;
 * - once a panel watched, the ring holds up to `maxEvents` / `maxBytes` (the oldest go first).
 */
export class History {
  private ring = new Ring<StoredEvent>();
  private ringBytes = 0;
  /** Lifecycle events and unwatched heads, in sequence order. */
  private kept: StoredEvent[] = [];
  private keptBytes = 0;
  private lifecycleCount = 0;
  private headCounts = new Map<number, number>();
  private gaps = new Map<number, GapEvent>();
  /** Whether a panel has watched this document (then the full bounds apply, for good). */
  private watched = false;
  nextSeq = 1;
  dropped = 0;

  constructor(private limits: HistoryLimits) {}

  /** Lowest sequence number the ring holds; older events were dropped or cleared (or are kept). */
  get firstSeq(): number {
    return this.ring.at(0)?.seq ?? this.nextSeq;
  }

  /** Events held (ring and kept). */
  get size(): number {
    return this.ring.length + this.kept.length;
  }

  /** Estimated heap bytes of everything held. */
  get bytes(): number {
    return this.ringBytes + this.keptBytes;
  }

  /** Whether the background has yet to say if a panel watches (till then nothing leaves the window). */
  private asking = false;

  /** From now on the full bounds apply; what was dropped before stays summed up in its gaps. */
  watch(): void {
    this.watched = true;
    this.asking = false;
  }

  /** The relay asks the background whether a panel watches: the unwatched window waits for the answer. */
  ask(): void {
    this.asking = true;
  }

  /** No panel watches: the unwatched bounds apply from now on. */
  unwatched(): void {
    if (!this.asking) return;
    this.asking = false;
    this.trim();
  }

  append(e: StoredEvent): void {
    this.nextSeq = e.seq + 1;
    const size = heapSize(e);
    if (this.keeps(e, size)) {
      this.kept.push(e);
      this.keptBytes += size;
      return;
    }
    this.ring.push(e);
    this.ringBytes += size;
    this.trim();
  }

  private trim(): void {
    const { maxEvents: full, maxBytes: fullBytes, unwatchedMessages: window, unwatchedBytes: windowBytes } = this.limits;
    // While the answer is awaited, the larger of both bounds: whichever applies, nothing it would keep is lost.
    const [maxEvents, maxBytes] = this.watched
      ? [full, fullBytes]
      : this.asking
        ? [Math.max(full, window), Math.max(fullBytes, windowBytes)]
        : [window, windowBytes];
    // The byte bound holds for everything: what is kept outside the ring counts against it too.
    while (this.ring.length > maxEvents || (this.ringBytes + this.keptBytes > maxBytes && this.ring.length > 1)) this.drop(this.ring.shift()!);
  }

  private keeps(e: StoredEvent, size: number): boolean {
    if (e.kind !== 'message') return this.lifecycleCount++ < MAX_LIFECYCLE;
    // Heads take at most half the unwatched bytes: the window always has the other half.
    if (this.watched || this.keptBytes + size > this.limits.unwatchedBytes / 2) return false;
    const n = this.headCounts.get(e.socket) ?? 0;
    if (n >= this.limits.unwatchedHead) return false;
    this.headCounts.set(e.socket, n + 1);
    return true;
  }

  private drop(old: StoredEvent): void {
    this.ringBytes -= heapSize(old);
    this.dropped++;
    if (this.watched || old.kind !== 'message') return;
    const gap = this.gaps.get(old.socket);
    if (gap) {
      gap.count++;
      gap.until = old.time;
    } else this.gaps.set(old.socket, { kind: 'gap', seq: old.seq, socket: old.socket, time: old.time, count: 1, until: old.time });
  }

  /** The event with this sequence number, while it is held. */
  at(seq: number): StoredEvent | undefined {
    const i = lowerBound(this.ring.length, (i) => this.ring.at(i)!.seq < seq);
    const inRing = this.ring.at(i);
    if (inRing?.seq === seq) return inRing;
    const k = this.kept[lowerBound(this.kept.length, (i) => this.kept[i].seq < seq)];
    return k?.seq === seq ? k : undefined;
  }

  /** Events with seq > cursor still held, and the gaps among them, in sequence order. */
  since(cursor: number): (StoredEvent | GapEvent)[] {
    const ring = this.ring.slice(lowerBound(this.ring.length, (i) => this.ring.at(i)!.seq <= cursor));
    const others: (StoredEvent | GapEvent)[] = this.kept.slice(lowerBound(this.kept.length, (i) => this.kept[i].seq <= cursor));
    for (const gap of this.gaps.values()) if (gap.seq > cursor) others.push(gap);
    if (others.length === 0) return ring;
    others.sort((a, b) => a.seq - b.seq);
    const out: (StoredEvent | GapEvent)[] = [];
    let r = 0;
    for (const e of others) {
      while (r < ring.length && ring[r].seq < e.seq) out.push(ring[r++]);
      out.push(e);
    }
    while (r < ring.length) out.push(ring[r++]);
    return out;
  }

  /** Forget everything captured so far (the panel's Clear), but the lifecycle of sockets still open. */
  clear(): void {
    const closed = new Set(this.kept.filter((e) => e.kind === 'closed').map((e) => e.socket));
    this.kept = this.kept.filter((e) => e.kind !== 'message' && !closed.has(e.socket));
    this.keptBytes = this.kept.reduce((n, e) => n + heapSize(e), 0);
    this.lifecycleCount = this.kept.length;
    this.ring.clear();
    this.ringBytes = 0;
    this.gaps.clear();
  }
}

/** The first index in [0, n) where `before` is false (it must be true, then false). */
function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
