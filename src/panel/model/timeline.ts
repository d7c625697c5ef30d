import type { SessionEvent } from '../../core/session';

export interface TimelineSeries {
  /** Bin start, epoch seconds. */
  t: number[];
  sent: number[];
  received: number[];
  bytes: number[];
}

interface Bin {
  sent: number;
  received: number;
  bytes: number;
}

const ALL = '*';

/** Messages and bytes per second, per socket and for all sockets, kept up to date incrementally. */
export class TimelineModel {
  private bins = new Map<string, Map<number, Bin>>();
  private seen = 0;
  private generation = -1;

  update(events: SessionEvent[], generation: number): void {
    if (generation !== this.generation || this.seen > events.length) {
      this.bins.clear();
      this.seen = 0;
      this.generation = generation;
    }
    for (; this.seen < events.length; this.seen++) {
      const row = events[this.seen];
      const e = row.event;
      if (e.kind !== 'message') continue;
      const second = Math.floor(e.time / 1000);
      for (const key of [ALL, row.socketKey]) {
        let perSocket = this.bins.get(key);
        if (!perSocket) this.bins.set(key, (perSocket = new Map()));
        let bin = perSocket.get(second);
        if (!bin) perSocket.set(second, (bin = { sent: 0, received: 0, bytes: 0 }));
        bin[e.dir]++;
        bin.bytes += e.size;
      }
    }
  }

  /** One point per second from the first to the last active second (idle seconds are zeros). */
  series(socketKey: string | null, maxPoints = 3600): TimelineSeries {
    const perSocket = this.bins.get(socketKey ?? ALL);
    const out: TimelineSeries = { t: [], sent: [], received: [], bytes: [] };
    if (!perSocket || perSocket.size === 0) return out;
    const seconds = [...perSocket.keys()].sort((a, b) => a - b);
    const last = seconds[seconds.length - 1];
    const first = Math.max(seconds[0], last - maxPoints + 1);
    for (let s = first; s <= last; s++) {
      const bin = perSocket.get(s);
      out.t.push(s);
      out.sent.push(bin?.sent ?? 0);
      out.received.push(bin?.received ?? 0);
      out.bytes.push(bin?.bytes ?? 0);
    }
    return out;
  }
}
