/** Memory bounds, a user setting kept in extension storage under `limits`. */
export interface Limits {
  /** Events kept per document in the page's relay (once a panel watched it) and per tab in the panel. */
  maxEvents: number;
  /** Bytes of memory the kept events may take, per document in the relay and per tab in the panel. */
  maxBytes: number;
  /** A larger payload keeps its real size but only this many bytes. */
  maxPayloadBytes: number;
  /** Until a panel watches a document: the first messages of each socket, always kept… */
  unwatchedHead: number;
  /** …and a rolling window of the document's most recent messages, this many at most… */
  unwatchedMessages: number;
  /** …taking at most this many bytes of memory. */
  unwatchedBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxEvents: 1_000_000,
  maxBytes: 256 * 1024 * 1024,
  maxPayloadBytes: 16 * 1024 * 1024,
  unwatchedHead: 200,
  unwatchedMessages: 10_000,
  unwatchedBytes: 16 * 1024 * 1024,
};

export const LIMITS_KEY = 'limits';

const KEYS = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];

/** The stored setting, each field checked, defaults where missing or invalid (0 is valid for the head). */
export function readLimits(stored: unknown): Limits {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_LIMITS };
  for (const k of KEYS) {
    const v = s[k];
    if (typeof v === 'number' && Number.isSafeInteger(v) && (v > 0 || (v === 0 && k === 'unwatchedHead'))) out[k] = v;
  }
  return out;
}
