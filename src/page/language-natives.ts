/** The language's built-ins (no DOM), captured before any page script runs, so later page patches cannot affect the hook. */
export const apply = Reflect.apply;
export const construct = Reflect.construct;
export const defineProperty = Object.defineProperty;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const getPrototypeOf = Reflect.getPrototypeOf;
export const deleteProperty = Reflect.deleteProperty;
export const hasOwn = Object.hasOwn;
export const iteratorSymbol = Symbol.iterator;
export const WeakMapNative = WeakMap;
export const MapNative = Map;
export const StringNative = String;
export const NumberNative = Number;
export const isArray = Array.isArray;
const ArrayProto = Array.prototype;
const arrayValues = ArrayProto[Symbol.iterator];
const ArrayIteratorProto = getPrototypeOf([][Symbol.iterator]()) as object;
const arrayIteratorNext = (ArrayIteratorProto as { next: unknown }).next;
/** True while the page has left array iteration as it was (iterating an array then runs no page code). */
export const arrayIterationUntouched = (): boolean => {
  const values = getOwnPropertyDescriptor(ArrayProto, Symbol.iterator);
  const next = getOwnPropertyDescriptor(ArrayIteratorProto, 'next');
  return values?.value === arrayValues && next?.value === arrayIteratorNext;
};
// Null-prototype descriptors, made once: defining them later (a frame adopted after page scripts
// ran) reads no key a page can put on Object.prototype, and iterates no array.
const own = (value: Function) => ({ __proto__: null, value }) as PropertyDescriptor;
const weakMapGet = own(WeakMap.prototype.get);
const weakMapSet = own(WeakMap.prototype.set);
const weakMapHas = own(WeakMap.prototype.has);
const weakMapDelete = own(WeakMap.prototype.delete);
const mapGet = own(Map.prototype.get);
const mapSet = own(Map.prototype.set);
const mapHas = own(Map.prototype.has);
const mapDelete = own(Map.prototype.delete);
const mapForEach = own(Map.prototype.forEach);
/** Collections whose methods are own properties: a page patching WeakMap/Map.prototype later never runs. */
export function privateWeakMap<K extends object, V>(): WeakMap<K, V> {
  const m = new WeakMapNative<K, V>();
  defineProperty(m, 'get', weakMapGet);
  defineProperty(m, 'set', weakMapSet);
  defineProperty(m, 'has', weakMapHas);
  defineProperty(m, 'delete', weakMapDelete);
  return m;
}
export function privateMap<K, V>(): Map<K, V> {
  const m = new MapNative<K, V>();
  defineProperty(m, 'get', mapGet);
  defineProperty(m, 'set', mapSet);
  defineProperty(m, 'has', mapHas);
  defineProperty(m, 'delete', mapDelete);
  defineProperty(m, 'forEach', mapForEach);
  return m;
}
const appendDescriptor = { __proto__: null, value: undefined as unknown, writable: true, enumerable: true, configurable: true } as PropertyDescriptor;
/** Appends by defining the next index: for the few short arrays off the hot path. */
export function append<T>(array: T[], value: T): void {
  appendDescriptor.value = value;
  defineProperty(array, array.length, appendDescriptor);
  appendDescriptor.value = undefined;
}


/**
 * True when converting `v` (to a string or number) cannot run page code. `document.all` answers
 * typeof "undefined" but is an object (its toString is the page's to patch).
 */
export const isPrimitive = (v: unknown) => v === null || v === undefined || (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'undefined');
