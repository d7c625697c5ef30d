import type { CaptureEvent } from '../core/model';

export interface HistoryLimits {
  maxEvents: number;
  maxBytes: number;
}

/** Rough per-event cost beyond its payload (object, numbers, small strings). */
const EVENT_OVERHEAD = 120;
const sizeOf = (e: CaptureEvent) => EVENT_OVERHEAD + (e.kind === 'message' ? e.data.length : e.kind === 'created' ? e.url.length + e.frameUrl.length : 0);

/**
 * The document's captured events, kept in the content script so that they outlive the service
 * worker and reach any panel opened later. Bounded: the oldest events go first.
 */
export class History {
  private events: CaptureEvent[] = [];
  private head = 0;
  private bytes = 0;
  /** Sequence number of events[head]; lower ones were dropped or cleared. */
  firstSeq = 1;
  nextSeq = 1;
  dropped = 0;

  constructor(private limits: HistoryLimits) {}

  append(e: CaptureEvent): void {
    this.events.push(e);
    this.bytes += sizeOf(e);
    this.nextSeq = e.seq + 1;
    while (this.size > this.limits.maxEvents || (this.bytes > this.limits.maxBytes && this.size > 1)) {
      this.bytes -= sizeOf(this.events[this.head]);
      this.head++;
      this.firstSeq++;
      this.dropped++;
    }
    if (this.head > 4096 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.events.length - this.head;
  }

  /** Events with seq > cursor still held, in order. */
  since(cursor: number): CaptureEvent[] {
    const from = Math.max(cursor + 1, this.firstSeq);
    return this.events.slice(this.head + (from - this.firstSeq));
  }

  /** Forget everything captured so far (the panel's Clear). Sequence numbers go on. */
  clear(): void {
    this.events = [];
    this.head = 0;
    this.bytes = 0;
    this.firstSeq = this.nextSeq;
  }
}
