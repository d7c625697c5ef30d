import { describe, expect, it } from 'vitest';
import { OrderedConversion } from './ordered-conversion';

describe('OrderedConversion', () => {
  it('delivers synchronous items at once', () => {
    const out: number[][] = [];
    const q = new OrderedConversion<number>((items) => out.push(items));
    q.push(1);
    q.push(2);
    expect(out).toEqual([[1], [2]]);
  });

  it('holds later items behind a pending promise and keeps their order', async () => {
    const out: number[] = [];
    const q = new OrderedConversion<number>((items) => out.push(...items));
    let resolveSlow!: (n: number) => void;
    q.push(1);
    q.push(new Promise<number>((r) => (resolveSlow = r)));
    q.push(3);
    q.push(Promise.resolve(4));
    q.push(5);
    expect(out).toEqual([1]);
    resolveSlow(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(out).toEqual([1, 2, 3, 4, 5]);
  });
});
