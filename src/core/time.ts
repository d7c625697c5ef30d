/**
 * The latest time a `Date` can hold, in epoch milliseconds. A record claiming a later time is
 * malformed: past 2^53 ms counting no longer advances, and anything drawn on a time axis breaks.
 */
export const MAX_EPOCH_MS = 8.64e15;

/** An epoch time in milliseconds that a `Date` can represent, from 1970 on. */
export const isEpochMs = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= MAX_EPOCH_MS;
