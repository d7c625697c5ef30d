import { describe, expect, it } from 'vitest';
import './test-dom-shim';

const { callableAgain } = await import('./lent-traps');
const { convertedArguments } = await import('./protocols-argument');

describe('callableAgain', () => {
  it('takes arguments a native converts without page code', () => {
    expect(callableAgain(['ws://x/', 1, null, undefined, true, 2n], 6)).toBe(true);
    expect(callableAgain([new ArrayBuffer(2), new Uint8Array(2), new Blob(['x']), () => {}], 4)).toBe(true);
    expect(callableAgain(['ws://x/', convertedArguments(['ws://x/', { [Symbol.iterator]: () => ['a', Symbol('s')][Symbol.iterator]() }])[1]], 2)).toBe(true);
  });

  it('refuses what may run page code when converted', () => {
    expect(callableAgain([{ toString: () => 'x' }], 1)).toBe(false);
    expect(callableAgain([['a']], 1)).toBe(false);
    expect(callableAgain(['ws://x/', convertedArguments(['ws://x/', { [Symbol.iterator]: () => ({ next: 5 }) }])[1]], 2)).toBe(false);
  });

  it('looks only at the arguments the native converts (a page Proxy past them sees no trap)', () => {
    const traps: string[] = [];
    const watched = new Proxy([], { getPrototypeOf: (t) => (traps.push('getPrototypeOf'), Reflect.getPrototypeOf(t)), get: (t, k) => (traps.push(`get ${String(k)}`), Reflect.get(t, k)) });
    expect(callableAgain(['x', watched], 1)).toBe(true);
    expect(traps).toEqual([]);
  });
});
