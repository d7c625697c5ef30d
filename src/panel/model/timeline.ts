import type { ReadableCapture } from './capture-reader';
import { CaptureReader } from './capture-reader';
import type { SessionEvent } from '../../core/session';

export interface TimelineSeries {
  /** Bin starts, epoch seconds (what uPlot's time scale reads). */
  t: number[];
  sent: number[];
  received: number[];
  bytes: number[];
  /** Width of one bin, ms. */
  binMs: number;
  /** The span drawn, epoch seconds: from the first bin's start to the last bin's end. */
  range: [number, number];
}

const EMPTY: TimelineSeries = { t: [], sent: [], received: [], bytes: [], binMs: 0, range: [0, 0] };

/** The smallest of 1, 2, 5 × 10ⁿ ms that puts `spanMs` into at most `bins` bins (at least 1 ms). */
export function binWidth(spanMs: number, bins: number): number {
  const want = Math.max(1, spanMs / bins);
  const step = 10 ** Math.floor(Math.log10(want));
  for (const m of [1, 2, 5]) if (step * m >= want) return step * m;
  return step * 10;
}

/**
 * Messages and bytes per bin for one socket (or all), at most `bins` bins over the span of its
 * messages: the work and the memory are bounded by the plot's width, not by the span. New
 * events are added to their bin; only when the span outgrows the bins (or the socket, the width
 * or the capture changes) are they laid out again, at a wider bin, from a scan of the capture.
 */
export class TimelineModel {
  private socketKey: string | null | undefined = undefined;
  private bins = 0;
  private reader = new CaptureReader();
  private first = Infinity;
  private last = -Infinity;
  private binMs = 0;
  private origin = 0;
  private sent: Float64Array = new Float64Array(0);
  private received: Float64Array = new Float64Array(0);
  private bytes: Float64Array = new Float64Array(0);
  private used = 0;

  update(capture: ReadableCapture<SessionEvent>, socketKey: string | null, bins: number): void {
    const events = capture.events;
    bins = Math.max(1, Math.floor(bins));
    if (socketKey !== this.socketKey || bins !== this.bins) this.reader.restart();
    // A trim of the oldest rows changes the span: the bins are laid out again (a scan of the rows).
    let { reset, trimmed, from } = this.reader.catchUp(capture);
    if (trimmed > 0) [reset, from] = [true, 0];
    if (reset) {
      this.socketKey = socketKey;
      this.bins = bins;
      this.first = Infinity;
      this.last = -Infinity;
      this.binMs = 0;
      this.used = 0;
    }
    let fits = true;
    for (let i = from; i < events.length; i++) {
      const row = events[i];
      const e = row.event;
      if (e.kind !== 'message' || (socketKey !== null && row.socketKey !== socketKey)) continue;
      if (e.time < this.first) this.first = e.time;
      if (e.time > this.last) this.last = e.time;
      if (fits) fits = this.add(e.time, e.dir, e.size);
    }
    if (!fits) this.layOut(events);
  }

  /** Counts a message in its bin; false when it falls outside the current layout. */
  private add(time: number, dir: 'sent' | 'received', size: number): boolean {
    if (this.binMs === 0) return false;
    const i = Math.floor((time - this.origin) / this.binMs);
    if (!(i >= 0 && i < this.bins)) return false;
    (dir === 'sent' ? this.sent : this.received)[i]++;
    this.bytes[i] += size;
    if (i >= this.used) this.used = i + 1;
    return true;
  }

  private layOut(events: readonly SessionEvent[]): void {
    let binMs = binWidth(this.last - this.first, this.bins);
    let origin = Math.floor(this.first / binMs) * binMs;
    while (Math.floor((this.last - origin) / binMs) >= this.bins) {
      binMs = binWidth(binMs * 2, 1);
      origin = Math.floor(this.first / binMs) * binMs;
    }
    this.binMs = binMs;
    this.origin = origin;
    this.sent = new Float64Array(this.bins);
    this.received = new Float64Array(this.bins);
    this.bytes = new Float64Array(this.bins);
    this.used = 0;
    const key = this.socketKey;
    for (let i = 0; i < events.length; i++) {
      const row = events[i];
      const e = row.event;
      if (e.kind === 'message' && (key === null || row.socketKey === key)) this.add(e.time, e.dir, e.size);
    }
  }

  series(): TimelineSeries {
    if (this.used === 0) return EMPTY;
    const n = this.used;
    const t = new Array<number>(n);
    for (let i = 0; i < n; i++) t[i] = (this.origin + i * this.binMs) / 1000;
    return {
      t,
      sent: Array.from(this.sent.subarray(0, n)),
      received: Array.from(this.received.subarray(0, n)),
      bytes: Array.from(this.bytes.subarray(0, n)),
      binMs: this.binMs,
      range: [this.origin / 1000, (this.origin + n * this.binMs) / 1000],
    };
  }
}
