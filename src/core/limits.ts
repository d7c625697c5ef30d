/** Memory bounds, a user setting kept in extension storage under `limits`. */
export interface Limits {
  /** Events kept per document in the page's relay and per tab in the panel. */
  maxEvents: number;
  /** Payload bytes kept per document in the relay. */
  maxBytes: number;
  /** A larger payload keeps its real size but only this many bytes. */
  maxPayloadBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxEvents: 1_000_000,
  maxBytes: 256 * 1024 * 1024,
  maxPayloadBytes: 16 * 1024 * 1024,
};

export const LIMITS_KEY = 'limits';

/** The stored setting, each field checked, defaults where missing or invalid. */
export function readLimits(stored: unknown): Limits {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const pick = (k: keyof Limits) => {
    const v = s[k];
    return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_LIMITS[k];
  };
  return { maxEvents: pick('maxEvents'), maxBytes: pick('maxBytes'), maxPayloadBytes: pick('maxPayloadBytes') };
}
