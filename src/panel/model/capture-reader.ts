/** What a view of the capture reads incrementally: the rows and the store's change counters. */
export interface ReadableCapture<T> {
  readonly events: readonly T[];
  /** Bumped when rows were replaced or removed anywhere (clear, navigation, import). */
  readonly generation: number;
  /** Trims of the oldest rows so far (the bounds), and how many rows the last one took. */
  readonly trims: number;
  readonly lastTrim: number;
}

/** How a view catches up with the capture since it last looked. */
export interface CatchUp {
  /** Start over: forget everything and read from row 0. */
  reset: boolean;
  /** Rows dropped from the front since the last look (positions shift down by this much). */
  trimmed: number;
  /** The first row not read yet (after the shift). */
  from: number;
}

/**
 * The one incremental reader over the capture for the views that fold it (filter, decoders,
 * timeline): rows are only ever appended, trimmed from the front by the bounds, or replaced (a new
 * generation). A trim costs a view a shift of what it holds, not a rescan; a view that missed more
 * than one trim starts over.
 */
export class CaptureReader {
  private generation = -1;
  private trims = 0;
  private seen = 0;

  catchUp<T>(store: ReadableCapture<T>): CatchUp {
    const missed = store.trims - this.trims;
    const trimmed = missed === 1 ? store.lastTrim : 0;
    const reset = store.generation !== this.generation || missed > 1 || this.seen - trimmed > store.events.length;
    this.generation = store.generation;
    this.trims = store.trims;
    // A trim may take rows this view never read (they came and went between two looks).
    const from = reset ? 0 : Math.max(0, this.seen - trimmed);
    this.seen = store.events.length;
    return reset ? { reset, trimmed: 0, from } : { reset, trimmed, from };
  }

  /** Forget what was read: the next catch-up starts over. */
  restart(): void {
    this.generation = -1;
  }
}
