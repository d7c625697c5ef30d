import { describe, expect, it } from 'vitest';
import { convertedCloseInfo, convertedStreamArguments } from './stream-arguments';

const traced = <T extends object>(target: T, log: string[]): T =>
  new Proxy(target, {
    get: (t, k, r) => (log.push(`get ${String(k)}`), Reflect.get(t, k, r)),
    getOwnPropertyDescriptor: (t, k) => (log.push(`gopd ${String(k)}`), Reflect.getOwnPropertyDescriptor(t, k)),
  });

describe('convertedStreamArguments', () => {
  it('reads protocols (iterated at once), then signal, once each', () => {
    const log: string[] = [];
    const signal = new AbortController().signal;
    const [, options] = convertedStreamArguments(['ws://x/', traced({ protocols: traced(['a'], log), signal }, log)]) as [unknown, { protocols: string[]; signal: AbortSignal }];
    expect(log).toEqual(['get protocols', 'get Symbol(Symbol.iterator)', 'get length', 'get 0', 'get length', 'get signal']);
    expect(options.protocols).toEqual(['a']);
    expect(options.signal).toBe(signal);
    expect(Object.getPrototypeOf(options)).toBe(null);
  });

  it('stops at protocols the native would throw on', () => {
    const log: string[] = [];
    const [, options] = convertedStreamArguments(['ws://x/', traced({ protocols: {}, signal: 1 }, log)]) as [unknown, Record<string, unknown>];
    expect(log).toEqual(['get protocols']);
    expect(() => [...(options.protocols as Iterable<unknown>)]).toThrow(TypeError);
    expect(convertedStreamArguments(['ws://x/', { protocols: 'one' }])[1]).toEqual({ protocols: 'one' });
  });

  it('leaves primitive options to the native', () => {
    const args = ['ws://x/', undefined];
    expect(convertedStreamArguments(args)).toBe(args);
  });
});

describe('convertedCloseInfo', () => {
  it('reads closeCode, then reason, converting each as it goes', () => {
    const log: string[] = [];
    const info = convertedCloseInfo(traced({ closeCode: { valueOf: () => (log.push('valueOf'), 4000) }, reason: 'bye' }, log));
    expect(info).toEqual({ closeCode: 4000, reason: 'bye' });
    expect(log).toEqual(['get closeCode', 'valueOf', 'get reason']);
  });
});
