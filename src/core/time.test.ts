import { describe, expect, it } from 'vitest';
import { MAX_EPOCH_MS, isEpochMs } from './time';

describe('isEpochMs', () => {
  it('takes the times a Date can hold, from 1970 on', () => {
    for (const t of [0, 1, Date.now(), 1.7e12 + 0.25, MAX_EPOCH_MS]) expect(isEpochMs(t)).toBe(true);
    expect(new Date(MAX_EPOCH_MS).getTime()).toBe(MAX_EPOCH_MS);
  });
  it('refuses far-future, negative and non-finite times, and non-numbers', () => {
    for (const t of [MAX_EPOCH_MS + 1, 1e16, 1e19, 1e300 * 1000, -1, NaN, Infinity, -Infinity, '1', null, undefined]) expect(isEpochMs(t)).toBe(false);
  });
});
