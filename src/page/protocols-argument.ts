import { append, apply, arrayIterationUntouched, isArray, isPrimitive, iteratorSymbol, privateWeakMap, StringNative } from './language-natives';

/** The hook's own protocol iterables → the strings they yield, and whether iterating one again calls only the hook's functions. */
const replays = privateWeakMap<object, { items: string[]; clean: boolean }>();

/** True for a protocols value the hook made (it runs no page code when the native converts it). */
export const isReplay = (value: unknown): boolean => !isPrimitive(value) && replays.has(value as object);
/** True for a protocols value the hook made that holds none of the page's functions or objects. */
export const isCleanReplay = (value: unknown): boolean => !isPrimitive(value) && replays.get(value as object)?.clean === true;
/** Protocol arrays left to the native unread (see convertedArguments). */
const unread = privateWeakMap<object, true>();
export const isUnread = (value: unknown): boolean => !isPrimitive(value) && unread.has(value as object);
/** The strings one of the hook's protocol iterables yields (before it fails, if it does), or undefined. */
export const replayedItems = (value: unknown): string[] | undefined => (isPrimitive(value) ? undefined : replays.get(value as object)?.items);

/**
 * `new WebSocket(url, protocols)` with `protocols` an object: the hook converts the arguments itself
 * as WebIDL does (the URL to a string, then the protocols as a sequence of strings, or as one string
 * when the object is not iterable), with the same reads and calls on the page's objects in the same
 * order, and hands the native only its own values. A page's Proxy or getters see exactly the native's
 * traps, once, and the hook reads the protocols from its own array.
 * Where the native would throw (a non-callable iterator, a bad iterator result, a Symbol), the native
 * gets the offending value at the same step, and throws its own error.
 * Answers `args` itself when the native alone cannot run page code.
 */
export function convertedArguments(args: unknown[]): unknown[] {
  if (args.length < 2 || isPrimitive(args[1]) || typeof args[0] === 'symbol') return args;
  // Chromium reads a real array by index (v8::Array::Iterate) and iterates a Proxy of one, which
  // the hook cannot tell apart: where the page patched array iteration, the native alone converts
  // an array (its protocols are then not recorded).
  if (__BROWSER__ === 'chrome' && isArray(args[1]) && !arrayIterationUntouched()) {
    unread.set(args[1] as object, true);
    return args;
  }
  const url = isPrimitive(args[0]) ? args[0] : `${args[0] as string}`;
  const out = [url, protocolsOf(args[1] as object, true)];
  for (let i = 2; i < args.length; i++) append(out, args[i]);
  return out;
}

/** How the native's iteration ends after the converted items. */
type Last = { kind: 'done' } | { kind: 'result'; result: unknown } | { kind: 'value'; value: unknown } | { kind: 'next'; next: unknown } | { kind: 'iterator'; iterator: unknown } | { kind: 'method'; method: unknown };

/**
 * A sequence of strings converted from the page's `value` (`orString`: a non-iterable object is
 * converted to one string, as in WebSocket's `(DOMString or sequence<DOMString>)`).
 */
export function protocolsOf(value: object, orString: boolean): unknown {
  const items: string[] = [];
  const method = (value as { [iteratorSymbol]?: unknown })[iteratorSymbol];
  if ((method === undefined || method === null) && orString) return `${value as unknown as string}`;
  if (typeof method !== 'function') return replay(items, { kind: 'method', method: method === null ? undefined : method });
  const iterator: unknown = apply(method, value, []);
  if (isPrimitive(iterator)) return replay(items, { kind: 'iterator', iterator });
  const next = (iterator as { next?: unknown }).next;
  if (typeof next !== 'function') return replay(items, { kind: 'next', next });
  for (;;) {
    const result: unknown = apply(next, iterator, []);
    if (isPrimitive(result)) return replay(items, { kind: 'result', result });
    if ((result as { done?: unknown }).done) return replay(items, { kind: 'done' });
    const item = (result as { value?: unknown }).value;
    if (typeof item === 'symbol') return replay(items, { kind: 'value', value: item });
    append(items, isPrimitive(item) ? StringNative(item) : `${item as string}`);
  }
}

/**
 * What the native is handed: in Chromium `items` when the iteration ended well (an array of
 * strings, which it reads by index), else an iterable of the hook's own that yields the items and
 * then ends as `last` says (the native looks up nothing a page can patch; Firefox iterates an array
 * through Array.prototype, which the page may have patched).
 */
function replay(items: string[], last: Last): unknown {
  if (last.kind === 'done' && __BROWSER__ === 'chrome') return items;
  const method = last.kind === 'method' ? last.method : function (): unknown {
    if (last.kind === 'iterator') return last.iterator;
    let i = 0;
    const next = last.kind === 'next' ? last.next : () => {
      if (i < items.length) return { __proto__: null, done: false, value: items[i++] };
      if (last.kind === 'done') return { __proto__: null, done: true, value: undefined };
      return last.kind === 'result' ? last.result : { __proto__: null, done: false, value: last.value };
    };
    return { __proto__: null, next };
  };
  const iterable = { __proto__: null, [iteratorSymbol]: method };
  replays.set(iterable, { __proto__: null, items, clean: last.kind === 'done' || last.kind === 'value' || (last.kind === 'result' && isPrimitive(last.result)) } as { items: string[]; clean: boolean });
  return iterable;
}
