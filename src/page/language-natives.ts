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
const weakMapMethods = { get: WeakMap.prototype.get, set: WeakMap.prototype.set, has: WeakMap.prototype.has, delete: WeakMap.prototype.delete };
const mapMethods = { get: Map.prototype.get, set: Map.prototype.set, has: Map.prototype.has, delete: Map.prototype.delete, forEach: Map.prototype.forEach };
/** Collections whose methods are own properties: a page patching WeakMap/Map.prototype later never runs. */
export function privateWeakMap<K extends object, V>(): WeakMap<K, V> {
  const m = new WeakMapNative<K, V>();
  for (const name of ['get', 'set', 'has', 'delete'] as const) defineProperty(m, name, { value: weakMapMethods[name] });
  return m;
}
export function privateMap<K, V>(): Map<K, V> {
  const m = new MapNative<K, V>();
  for (const name of ['get', 'set', 'has', 'delete', 'forEach'] as const) defineProperty(m, name, { value: mapMethods[name] });
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
