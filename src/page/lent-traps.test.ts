import { describe, expect, it } from 'vitest';
import './test-dom-shim';

const { callableAgain } = await import('./lent-traps');
const { convertedArguments } = await import('./protocols-argument');

describe('callableAgain', () => {
  it('takes arguments a native converts without page code', () => {
    expect(callableAgain(['ws://x/', 1, null, undefined, true, 2n])).toBe(true);
    expect(callableAgain([new ArrayBuffer(2), new Uint8Array(2), new Blob(['x']), () => {}])).toBe(true);
    expect(callableAgain([['a', 'b']])).toBe(true);
    expect(callableAgain([convertedArguments(['ws://x/', ['a', Symbol('s')]])[1]])).toBe(true);
  });

  it('refuses what may run page code when converted', () => {
    expect(callableAgain([{ toString: () => 'x' }])).toBe(false);
    expect(callableAgain([[{ toString: () => 'x' }]])).toBe(false);
    expect(callableAgain([Object.assign(['a'], { [Symbol.iterator]: () => [][Symbol.iterator]() })])).toBe(false);
    expect(callableAgain([convertedArguments(['ws://x/', { [Symbol.iterator]: () => ({ next: 5 }) }])[1]])).toBe(false);
  });

  it('refuses arrays once the page patched array iteration', () => {
    const native = Array.prototype[Symbol.iterator];
    Array.prototype[Symbol.iterator] = function (this: unknown[]) {
      return native.call(this);
    };
    try {
      expect(callableAgain([['a']])).toBe(false);
    } finally {
      Array.prototype[Symbol.iterator] = native;
    }
    expect(callableAgain([['a']])).toBe(true);
  });
});
