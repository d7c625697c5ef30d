import { apply, defineProperty, getOwnPropertyDescriptor, WeakMapNative } from './natives';

/**
 * Makes stand-in functions print as the natives they replace: `Function.prototype.toString` is
 * replaced once by a function that answers the native source text for every registered stand-in
 * (itself included) and defers to the original for everything else.
 */
const nativeToString = Function.prototype.toString;
const sources = new WeakMapNative<object, string>();

const toString = {
  toString(this: unknown) {
    const source = typeof this === 'function' ? sources.get(this) : undefined;
    if (source !== undefined) return source;
    // eslint-disable-next-line prefer-rest-params
    return apply(nativeToString, this, arguments as unknown as unknown[]);
  },
}.toString;

export function disguiseAs(standIn: object, native: Function): void {
  sources.set(standIn, apply(nativeToString, native, []));
}

export function installToStringDisguise(): void {
  disguiseAs(toString, nativeToString);
  const d = getOwnPropertyDescriptor(Function.prototype, 'toString')!;
  defineProperty(Function.prototype, 'toString', { ...d, value: toString });
}
