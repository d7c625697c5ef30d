import type { SessionEvent } from '../../core/session';

/** The rows a filter shows, as the filter store hands them out. */
export interface ShownRows {
  indices: Uint32Array;
  count: number;
  events: SessionEvent[];
  /** Bumped when the list was replaced rather than appended to. */
  scans: number;
  /** Bumped when its oldest rows were dropped (the bounds). */
  trims?: number;
}

/** What the status bar says of the shown rows (Firefox's summary): messages, bytes each way, time spanned. */
export interface ShownSummary {
  scans: number;
  trims?: number;
  /** Rows summed so far. */
  counted: number;
  messages: number;
  sentBytes: number;
  receivedBytes: number;
  first: number;
  last: number;
}

/** Sums the shown rows; with the previous summary of the same list, only the rows added since. */
export function summarizeShown(shown: ShownRows, prev: ShownSummary | null): ShownSummary {
  const s: ShownSummary =
    prev && prev.scans === shown.scans && prev.trims === shown.trims && prev.counted <= shown.count
      ? { ...prev }
      : { scans: shown.scans, trims: shown.trims, counted: 0, messages: 0, sentBytes: 0, receivedBytes: 0, first: Infinity, last: -Infinity };
  for (let i = s.counted; i < shown.count; i++) {
    const e = shown.events[shown.indices[i]].event;
    if (e.time < s.first) s.first = e.time;
    if (e.time > s.last) s.last = e.time;
    if (e.kind !== 'message') continue;
    s.messages++;
    if (e.dir === 'sent') s.sentBytes += e.size;
    else s.receivedBytes += e.size;
  }
  s.counted = shown.count;
  return s;
}
