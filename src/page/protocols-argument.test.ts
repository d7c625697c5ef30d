import { describe, expect, it } from 'vitest';
import { convertedArguments, isCleanReplay, isReplay, isUnread } from './protocols-argument';

/** A Proxy over `target` that logs every trap the way a hostile page would. */
function logged<T extends object>(target: T, log: string[]): T {
  return new Proxy(target, {
    get: (t, k, r) => (log.push(`get ${String(k)}`), Reflect.get(t, k, r)),
    getOwnPropertyDescriptor: (t, k) => (log.push(`gopd ${String(k)}`), Reflect.getOwnPropertyDescriptor(t, k)),
    has: (t, k) => (log.push(`has ${String(k)}`), Reflect.has(t, k)),
    ownKeys: (t) => (log.push('ownKeys'), Reflect.ownKeys(t)),
  });
}

describe('convertedArguments', () => {
  it('leaves primitive protocols to the native', () => {
    const args = ['ws://x/', 'chat'];
    expect(convertedArguments(args)).toBe(args);
    expect(convertedArguments(['ws://x/'])).toEqual(['ws://x/']);
  });

  it('iterates a Proxy array once, as WebIDL does: the iterator, then length and each index', () => {
    const log: string[] = [];
    const [url, protocols] = convertedArguments(['ws://x/', logged(['a', 'b'], log)]);
    expect(url).toBe('ws://x/');
    expect(protocols).toEqual(['a', 'b']);
    expect(log).toEqual(['get Symbol(Symbol.iterator)', 'get length', 'get 0', 'get length', 'get 1', 'get length']);
  });

  it('converts the URL before the protocols, and each item when it is yielded', () => {
    const log: string[] = [];
    const item = (name: string) => ({ toString: () => (log.push(`toString ${name}`), name) });
    function* items() {
      log.push('start');
      yield item('a');
      log.push('after a');
      yield 5;
    }
    const [url, protocols] = convertedArguments([{ toString: () => (log.push('url'), 'ws://x/') }, { [Symbol.iterator]: items }]);
    expect([url, protocols]).toEqual(['ws://x/', ['a', '5']]);
    expect(log).toEqual(['url', 'start', 'toString a', 'after a']);
  });

  it('answers a non-iterable object as its string', () => {
    expect(convertedArguments(['ws://x/', { toString: () => 'chat' }])[1]).toBe('chat');
  });

  it('hands the native an iterable of its own that fails where the page\'s would', () => {
    const steps = (value: unknown) => {
      const iterable = convertedArguments(['ws://x/', value])[1] as Iterable<unknown>;
      expect(isReplay(iterable)).toBe(true);
      expect(Object.getPrototypeOf(iterable)).toBe(null);
      return () => [...iterable];
    };
    expect(steps({ [Symbol.iterator]: 5 })).toThrow(TypeError);
    expect(steps({ [Symbol.iterator]: () => ({ next: () => 5 }) })).toThrow(TypeError);
    const symbol = Symbol('s');
    const iterator = (convertedArguments(['ws://x/', ['a', symbol]])[1] as Iterable<unknown>)[Symbol.iterator]();
    expect([iterator.next().value, iterator.next().value]).toEqual(['a', symbol]);
  });

  it('lets a page error out as it was thrown', () => {
    const error = new RangeError('page');
    expect(() => convertedArguments(['ws://x/', { [Symbol.iterator]() { throw error; } }])).toThrow(error);
  });

  it('leaves a Symbol URL to the native (it throws before reading the protocols)', () => {
    const log: string[] = [];
    const args = [Symbol('u'), logged(['a'], log)];
    expect(convertedArguments(args)).toBe(args);
    expect(log).toEqual([]);
  });

  it('leaves an array to the native, unread, where the page patched array iteration (Chromium reads real arrays by index, iterates Proxies)', () => {
    const native = Array.prototype[Symbol.iterator];
    let calls = 0;
    Array.prototype[Symbol.iterator] = function (this: unknown[]) {
      calls++;
      return native.call(this);
    };
    const protocols = ['a', 5];
    let args: unknown[] = [];
    try {
      args = convertedArguments(['ws://x/', protocols]);
    } finally {
      Array.prototype[Symbol.iterator] = native;
    }
    expect(calls).toBe(0);
    expect(args[1]).toBe(protocols);
    expect(isUnread(protocols)).toBe(true);
  });

  it('tells the iterables that hold only the hook\'s own functions', () => {
    expect(isCleanReplay(convertedArguments(['ws://x/', ['a', Symbol('s')]])[1])).toBe(true);
    const pageNext = convertedArguments(['ws://x/', { [Symbol.iterator]: () => ({ next: 5 }) }])[1];
    expect([isReplay(pageNext), isCleanReplay(pageNext)]).toEqual([true, false]);
    expect(isCleanReplay(['a'])).toBe(false);
  });
});
