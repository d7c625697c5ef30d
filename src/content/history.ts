import { payloadLength, type StoredEvent } from '../core/normalize';

export interface HistoryLimits {
  maxEvents: number;
  maxBytes: number;
}

/** Rough per-event cost beyond its payload (object, numbers, small strings). */
const EVENT_OVERHEAD = 120;
const sizeOf = (e: StoredEvent) => EVENT_OVERHEAD + (e.kind === 'message' ? payloadLength(e) : e.kind === 'created' ? e.url.length + e.frameUrl.length : 0);
/** Events that carry a socket's identity and state: kept even when the ring drops them. */
const isPinned = (e: StoredEvent) => e.kind === 'created' || e.kind === 'open' || e.kind === 'closed';
const MAX_PINNED = 30_000;

/**
 * The document's captured events, kept in the content script so that they outlive the service
 * worker and reach any panel opened later. Bounded: the oldest events go first, except each
 * socket's created/open/closed events, so a panel can always show every socket.
 */
export class History {
  private events: StoredEvent[] = [];
  private head = 0;
  private bytes = 0;
  private pinned: StoredEvent[] = [];
  /** Sequence number of events[head]; lower ones were dropped or cleared. */
  firstSeq = 1;
  nextSeq = 1;
  dropped = 0;

  constructor(private limits: HistoryLimits) {}

  append(e: StoredEvent): void {
    this.events.push(e);
    this.bytes += sizeOf(e);
    this.nextSeq = e.seq + 1;
    if (isPinned(e) && this.pinned.length < MAX_PINNED) this.pinned.push(e);
    while (this.size > this.limits.maxEvents || (this.bytes > this.limits.maxBytes && this.size > 1)) {
      const old = this.events[this.head];
      this.bytes -= sizeOf(old);
      this.head++;
      this.firstSeq++;
      if (!isPinned(old)) this.dropped++;
    }
    if (this.head > 4096 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }

  /** The event with this sequence number, while the ring still holds it. */
  at(seq: number): StoredEvent | undefined {
    return seq >= this.firstSeq && seq < this.nextSeq ? this.events[this.head + (seq - this.firstSeq)] : undefined;
  }

  get size(): number {
    return this.events.length - this.head;
  }

  /** Events with seq > cursor still held (pinned ones older than the ring first), in order. */
  since(cursor: number): StoredEvent[] {
    const from = Math.max(cursor + 1, this.firstSeq);
    const older = this.pinned.filter((e) => e.seq > cursor && e.seq < from);
    const ring = this.events.slice(this.head + (from - this.firstSeq));
    return older.length ? older.concat(ring) : ring;
  }

  /** Forget everything captured so far (the panel's Clear), but the sockets still open. */
  clear(): void {
    const closed = new Set(this.pinned.filter((e) => e.kind === 'closed').map((e) => e.socket));
    this.pinned = this.pinned.filter((e) => !closed.has(e.socket));
    this.events = [];
    this.head = 0;
    this.bytes = 0;
    this.firstSeq = this.nextSeq;
  }
}
