import { CaptureReader } from '../model/capture-reader';
import { computed, signal } from '@preact/signals';
import { compileFilter, EMPTY_FILTER, type FilterSpec, type RowKind } from '../../core/filter/filter';
import type { SessionEvent } from '../../core/session';
import type { CaptureState } from './capture';
import { rowText } from '../model/row-text';
import type { ConversationState } from './conversation';
import type { DecodeState } from './decode';

export interface SavedFilter {
  name: string;
  spec: Omit<FilterSpec, 'sockets'>;
}

/**
 * When a full scan of the rows would take longer than this (judged by the last one), the filter
 * waits for a pause in typing before it scans; otherwise each key press applies at once.
 */
const DEBOUNCE_ABOVE_MS = 25;
const DEBOUNCE_MS = 150;

const HIDE_HEARTBEATS_KEY = 'sockets.hideHeartbeats';

/** The filter the toolbar edits, and the rows that pass it (kept up to date incrementally). */
export function createFilterStore(capture: CaptureState, decode: DecodeState, conversation: ConversationState, settings: Pick<Storage, 'getItem' | 'setItem'>) {
  /** What the filter box shows; `query` follows it, debounced when a scan is slow. */
  const input = signal('');
  const query = signal('');
  let debounce: ReturnType<typeof setTimeout> | undefined;
  /** ms per row of the last full scan of more than a few rows. */
  let msPerRow = 0;
  const setInput = (text: string) => {
    input.value = text;
    clearTimeout(debounce);
    if (msPerRow * capture.store.events.length <= DEBOUNCE_ABOVE_MS) query.value = text;
    else debounce = setTimeout(() => (query.value = text), DEBOUNCE_MS);
  };
  const invert = signal(false);
  const directions = signal(EMPTY_FILTER.directions);
  const kinds = signal<Record<RowKind, boolean>>(EMPTY_FILTER.kinds);
  const sockets = signal<ReadonlySet<string> | null>(null);
  /** Keep-alives pass the filter but are not shown: the status bar counts them. Remembered. */
  const hideHeartbeats = signal(settings.getItem(HIDE_HEARTBEATS_KEY) === 'true');
  const setHideHeartbeats = (on: boolean) => {
    hideHeartbeats.value = on;
    settings.setItem(HIDE_HEARTBEATS_KEY, String(on));
  };

  const compiled = computed(() =>
    compileFilter(
      { query: query.value, invert: invert.value, directions: directions.value, kinds: kinds.value, sockets: sockets.value },
      {
        text: rowText,
        fields: (row) => decode.fields(row),
        socket: (row) => capture.store.sockets.get(row.socketKey),
        latency: conversation.latency,
        unanswered: (row) => conversation.unanswered(row),
      },
    ),
  );
  const error = computed(() => (compiled.value.ok ? null : compiled.value.error));

  // Incremental: only the appended rows are tested; a trim of the oldest shifts the matches.
  const reader = new CaptureReader();
  let indices = new Uint32Array(1024);
  let count = 0;
  /** Positions of the heartbeats that passed the filter and are hidden. */
  let hiddenAt: number[] = [];
  let lastHide = false;
  let fills = 0;
  let lastTest: ((row: SessionEvent) => boolean) | null = null;
  /** Counts full re-scans: views tell a replaced list from one that grew. */
  let scans = 0;
  const visible = computed(() => {
    capture.version.value;
    decode.version.value;
    // Custom paths, and a request turning unanswered, change what a pairing query matches.
    conversation.version.value;
    const f = compiled.value;
    const test = f.ok ? f.test : () => true;
    const events = capture.store.events;
    // Completed payloads can change what a text query matches; nothing else looks into them.
    const refilled = fills !== capture.store.fills && query.value !== '';
    const hide = hideHeartbeats.value;
    // A pair's latency comes with its later row, and a request turns unanswered with time.
    const pairing = f.ok && f.pairing;
    // The pairing a scan waits for is part of its time.
    const started = performance.now();
    if (pairing) conversation.catchUp();
    const replaced = test !== lastTest || refilled || hide !== lastHide;
    if (replaced || pairing) reader.restart();
    // A pairing query's scan that only adds rows after the ones it showed leaves the view in place.
    const before = pairing && !replaced ? indices.slice(0, count) : null;
    const { reset, trimmed, from } = reader.catchUp(capture.store);
    if (reset) {
      lastTest = test;
      lastHide = hide;
      fills = capture.store.fills;
      count = 0;
      hiddenAt = [];
      scans++;
    } else if (trimmed > 0) {
      let kept = 0;
      for (let i = 0; i < count; i++) if (indices[i] >= trimmed) indices[kept++] = indices[i] - trimmed;
      count = kept;
      hiddenAt = hiddenAt.filter((i) => i >= trimmed).map((i) => i - trimmed);
    }
    if (indices.length < events.length) {
      const grown = new Uint32Array(Math.max(events.length, indices.length * 2));
      grown.set(indices.subarray(0, count));
      indices = grown;
    }
    if (hide) {
      for (let i = from; i < events.length; i++) {
        if (!test(events[i])) continue;
        if (conversation.heartbeat(events[i])) hiddenAt.push(i);
        else indices[count++] = i;
      }
    } else for (let i = from; i < events.length; i++) if (test(events[i])) indices[count++] = i;
    if (before && count >= before.length && before.every((v, i) => indices[i] === v)) scans--;
    // A User Timing entry per full scan: visible in the Performance panel and read by `npm run bench`.
    if (from === 0 && events.length > 0) {
      const ms = performance.measure('sockets:filter', { start: started, detail: { rows: events.length, matched: count } }).duration;
      if (events.length >= 1000) msPerRow = ms / events.length;
    }
    // `trims`: a view keeps its place (and a summary starts over) when the oldest rows went.
    return { indices, count, events, scans, trims: capture.store.trims, hiddenHeartbeats: hiddenAt.length };
  });

  return {
    input, setInput, query, invert, directions, kinds, sockets, error, visible, hideHeartbeats, setHideHeartbeats,
    /** Forces a full re-scan (e.g. after the decoder of a socket changed). */
    refresh() {
      lastTest = null;
    },
    spec(): Omit<FilterSpec, 'sockets'> {
      return { query: query.value, invert: invert.value, directions: directions.value, kinds: kinds.value };
    },
    apply(spec: Omit<FilterSpec, 'sockets'>) {
      input.value = spec.query;
      query.value = spec.query;
      invert.value = spec.invert;
      directions.value = spec.directions;
      kinds.value = spec.kinds;
    },
  };
}

export type FilterStore = ReturnType<typeof createFilterStore>;
