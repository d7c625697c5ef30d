import { describe, expect, it } from 'vitest';
import { ByteBudget } from './byte-budget';

describe('ByteBudget', () => {
  it('grants a burst, then only what the rate refills', () => {
    let now = 0;
    const budget = new ByteBudget(1000, 3000, () => now);
    expect([budget.take(1000), budget.take(1000), budget.take(1000), budget.take(1000)]).toEqual([true, true, true, false]);
    now = 500;
    expect([budget.take(400), budget.take(400), budget.take(1)]).toEqual([true, true, false]);
  });

  it('grants one payload larger than the burst, and refuses until the debt is repaid', () => {
    let now = 0;
    const budget = new ByteBudget(1000, 1000, () => now);
    expect(budget.take(5000)).toBe(true);
    now = 3000;
    expect(budget.take(1)).toBe(false);
    now = 4500;
    expect(budget.take(1)).toBe(true);
  });

  it('saves up no more than the burst', () => {
    let now = 0;
    const budget = new ByteBudget(1000, 2000, () => now);
    now = 60_000;
    expect([budget.take(1500), budget.take(1500), budget.take(1)]).toEqual([true, true, false]);
  });
});
