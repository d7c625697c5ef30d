/** Built-ins captured before any page script runs, so later page patches cannot affect the hook. */
export const apply = Reflect.apply;
export const construct = Reflect.construct;
export const defineProperty = Object.defineProperty;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const now = performance.now.bind(performance);
export const timeOrigin = performance.timeOrigin;
export const WeakMapNative = WeakMap;
export const MapNative = Map;
const weakMapMethods = { get: WeakMap.prototype.get, set: WeakMap.prototype.set, has: WeakMap.prototype.has, delete: WeakMap.prototype.delete };
const mapMethods = { get: Map.prototype.get, set: Map.prototype.set, has: Map.prototype.has, delete: Map.prototype.delete };
/** Collections whose methods are own properties: a page patching WeakMap/Map.prototype later never runs. */
export function privateWeakMap<K extends object, V>(): WeakMap<K, V> {
  const m = new WeakMapNative<K, V>();
  for (const name of ['get', 'set', 'has', 'delete'] as const) defineProperty(m, name, { value: weakMapMethods[name] });
  return m;
}
export function privateMap<K, V>(): Map<K, V> {
  const m = new MapNative<K, V>();
  for (const name of ['get', 'set', 'has', 'delete'] as const) defineProperty(m, name, { value: mapMethods[name] });
  return m;
}
export const WeakRefNative = WeakRef;
export const bufferSlice = ArrayBuffer.prototype.slice;
export const bufferByteLength = getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;
export const blobSize = getOwnPropertyDescriptor(Blob.prototype, 'size')!.get!;
export const Uint8ArrayNative = Uint8Array;
const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayBuffer = getOwnPropertyDescriptor(typedArrayProto, 'buffer')!.get!;
const typedArrayOffset = getOwnPropertyDescriptor(typedArrayProto, 'byteOffset')!.get!;
const typedArrayLength = getOwnPropertyDescriptor(typedArrayProto, 'byteLength')!.get!;
const dataViewBuffer = getOwnPropertyDescriptor(DataView.prototype, 'buffer')!.get!;
const dataViewOffset = getOwnPropertyDescriptor(DataView.prototype, 'byteOffset')!.get!;
const dataViewLength = getOwnPropertyDescriptor(DataView.prototype, 'byteLength')!.get!;
export const ArrayBufferNative = ArrayBuffer;
export const isView = ArrayBuffer.isView;
export const BlobNative = Blob;
export const MessageChannelNative = MessageChannel;
export const MessageEventNative = MessageEvent;
export const portPostMessage = MessagePort.prototype.postMessage;
export const portStart = MessagePort.prototype.start;
export const addListener = EventTarget.prototype.addEventListener;
export const removeListener = EventTarget.prototype.removeEventListener;
export const dispatch = EventTarget.prototype.dispatchEvent;
export const StringNative = String;
export const NumberNative = Number;
export const URLNative = URL;
export const isArray = Array.isArray;
export const promiseThen = Promise.prototype.then;
export const weakRefDeref = WeakRef.prototype.deref;
const getter = (proto: object, name: string) => getOwnPropertyDescriptor(proto, name)!.get!;
export const messageEventData = getter(MessageEvent.prototype, 'data');
export const closeEventCode = getter(CloseEvent.prototype, 'code');
export const closeEventReason = getter(CloseEvent.prototype, 'reason');
export const closeEventWasClean = getter(CloseEvent.prototype, 'wasClean');
export const enqueue = typeof TransformStreamDefaultController === 'function' ? TransformStreamDefaultController.prototype.enqueue : undefined;
export const TransformStreamNative = typeof TransformStream === 'function' ? TransformStream : undefined;
export const pipeTo = typeof ReadableStream === 'function' ? ReadableStream.prototype.pipeTo : undefined;
/** Error.captureStackTrace where the engine has it (V8; recent SpiderMonkey): re-roots a stack trace. */
export const captureStackTrace = (Error as { captureStackTrace?: (target: object, fn?: Function) => void }).captureStackTrace;
/** `scheduler.postTask` (Chrome 94+, Firefox 142+): a delayed task that takes no timer id from the page. */
const scheduler = (globalThis as { scheduler?: { postTask?: Function } }).scheduler;
const postTaskNative = scheduler && typeof scheduler.postTask === 'function' ? scheduler.postTask : undefined;
const ignore = () => {};
/** Runs `task` after `delay` ms; false when the browser has no `scheduler.postTask` or refused. */
export function postTask(task: () => void, delay: number): boolean {
  if (!postTaskNative) return false;
  try {
    // A null-prototype options object: no page-defined Object.prototype getter is consulted.
    const done = apply(postTaskNative, scheduler, [task, { __proto__: null, delay }]);
    apply(promiseThen, done, [undefined, ignore]);
    return true;
  } catch {
    return false;
  }
}

export const epochNow = () => timeOrigin + now();
export const stringIndexOf = String.prototype.indexOf;
export const stringSlice = String.prototype.slice;

/**
 * Wraps hook bookkeeping so that nothing it throws can ever reach the page (no exception from a
 * stand-in after the native succeeded, no error event from a listener of the hook).
 */
export function quietly<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return function (this: unknown) {
    try {
      // eslint-disable-next-line prefer-rest-params
      apply(fn, this, arguments as unknown as unknown[]);
    } catch {
      // the page must not notice
    }
  };
}

/** True for an ArrayBuffer of any realm (a brand check, no `instanceof`). */
export function isArrayBuffer(v: unknown): v is ArrayBuffer {
  if (typeof v !== 'object' || v === null) return false;
  try {
    apply(bufferByteLength, v, []);
    return true;
  } catch {
    return false;
  }
}

/**
 * A copy of the bytes an ArrayBuffer or a view (TypedArray or DataView, any realm) covers, read with
 * the natives' own getters (a page cannot make a view lie about its window).
 */
export function copyBytes(data: unknown): ArrayBuffer {
  let buffer: ArrayBuffer;
  let offset = 0;
  let length: number;
  if (isView(data)) {
    try {
      buffer = apply(typedArrayBuffer, data, []);
      offset = apply(typedArrayOffset, data, []);
      length = apply(typedArrayLength, data, []);
    } catch {
      buffer = apply(dataViewBuffer, data, []);
      offset = apply(dataViewOffset, data, []);
      length = apply(dataViewLength, data, []);
    }
  } else {
    buffer = data as ArrayBuffer;
    length = apply(bufferByteLength, data, []);
  }
  try {
    return apply(bufferSlice, buffer, [offset, offset + length]) as ArrayBuffer;
  } catch {
    // A SharedArrayBuffer (its own slice): copy through a fresh Uint8Array.
    return apply(typedArrayBuffer, new Uint8ArrayNative(new Uint8ArrayNative(buffer, offset, length)), []) as ArrayBuffer;
  }
}

/** True for a Blob of any realm. */
export function isBlob(v: unknown): v is Blob {
  if (typeof v !== 'object' || v === null) return false;
  try {
    apply(blobSize, v, []);
    return true;
  } catch {
    return false;
  }
}

/** True when converting `v` (to a string or number) cannot run page code. */
export const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');
