import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, readLimits } from './limits';

describe('readLimits', () => {
  it('falls back to defaults for missing or invalid values', () => {
    expect(readLimits(undefined)).toEqual(DEFAULT_LIMITS);
    expect(readLimits({ maxEvents: -1, maxBytes: 'x', maxPayloadBytes: 1.5 })).toEqual(DEFAULT_LIMITS);
  });
  it('keeps valid values', () => {
    expect(readLimits({ maxEvents: 500 })).toEqual({ ...DEFAULT_LIMITS, maxEvents: 500 });
  });
});
