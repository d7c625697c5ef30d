import { describe, expect, it } from 'vitest';
import { stepVisible } from './search-step';

const visible = { indices: new Uint32Array([2, 5, 9]), count: 3 };

describe('stepVisible', () => {
  it('goes to the next or previous visible row, wrapping around', () => {
    expect(stepVisible(visible, -1, 1)).toBe(0);
    expect(stepVisible(visible, -1, -1)).toBe(2);
    expect(stepVisible(visible, 2, 1)).toBe(1);
    expect(stepVisible(visible, 9, 1)).toBe(0);
    expect(stepVisible(visible, 2, -1)).toBe(2);
    expect(stepVisible(visible, 5, -1)).toBe(0);
  });

  it('from a row the filter hides, goes to the nearest one on that side', () => {
    expect(stepVisible(visible, 6, 1)).toBe(2);
    expect(stepVisible(visible, 6, -1)).toBe(1);
    expect(stepVisible({ indices: new Uint32Array(0), count: 0 }, 3, 1)).toBe(-1);
  });
});
