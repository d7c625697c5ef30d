/** Built-ins captured before any page script runs, so later page patches cannot affect the hook. */
import { apply, defineProperty, getOwnPropertyDescriptor, getPrototypeOf, deleteProperty, hasOwn, iteratorSymbol, StringNative } from './language-natives';

export * from './language-natives';
export const now = performance.now.bind(performance);
export const timeOrigin = performance.timeOrigin;
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
export const URLNative = URL;
/** Firefox's worker transport only: Chrome's hook leaves the interface alone (touching it builds it in every frame). */
export const BroadcastChannelNative = __BROWSER__ === 'firefox' && typeof BroadcastChannel === 'function' ? BroadcastChannel : undefined;
export const broadcastPost = BroadcastChannelNative?.prototype.postMessage;
const promiseThenNative = Promise.prototype.then;
export const weakRefDeref = WeakRef.prototype.deref;
const getter = (proto: object, name: string) => getOwnPropertyDescriptor(proto, name)!.get!;
export const messageEventData = getter(MessageEvent.prototype, 'data');
/** `isTrusted` is an own (unforgeable) accessor of each event; its getter is the same for all of a realm's events. */
export const eventIsTrusted = getOwnPropertyDescriptor(new Event(''), 'isTrusted')!.get!;
export const urlOrigin = getter(URL.prototype, 'origin');
export const urlHref = getter(URL.prototype, 'href');
export const closeEventCode = getter(CloseEvent.prototype, 'code');
export const closeEventReason = getter(CloseEvent.prototype, 'reason');
export const closeEventWasClean = getter(CloseEvent.prototype, 'wasClean');
export const messageEventOrigin = getter(MessageEvent.prototype, 'origin');
export const messageEventLastEventId = getter(MessageEvent.prototype, 'lastEventId');
export const stopImmediatePropagation = Event.prototype.stopImmediatePropagation;
export const EventNative = Event;
export const CloseEventNative = CloseEvent;
/**
 * The page's own timer (it shares the page's ids): used only while DevTools holds messages back. A
 * worker held at its start by the debugger has no setTimeout yet when its hook runs (Chrome): there
 * it is looked up when needed.
 */
const ownSetTimeout = (globalThis as { setTimeout?: typeof setTimeout }).setTimeout;
export const setTimeoutNative: (handler: () => void, ms: number) => unknown = ownSetTimeout ?? ((handler, ms) => globalThis.setTimeout(handler, ms));
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
    observe(apply(postTaskNative, scheduler, [task, { __proto__: null, delay }]), undefined, ignore);
    return true;
  } catch {
    return false;
  }
}

export const epochNow = () => timeOrigin + now();

/**
 * A scheduler of `task`, `delay` ms later, that takes no timer id from the page: scheduler.postTask,
 * or without it a message to itself on a private channel (as soon as possible).
 */
export function laterTask(task: () => void, delay: number): () => void {
  let ping: MessagePort | undefined;
  return () => {
    if (postTask(task, delay)) return;
    if (!ping) {
      const c = new MessageChannelNative();
      ping = c.port2;
      apply(addListener, c.port1, ['message', task]);
      apply(portStart, c.port1, []);
    }
    apply(portPostMessage, ping, [0]);
  };
}

/**
 * The hook's own values never pass through anything a page can patch or watch:
 * - arrays of the hook's are made by literals and only ever stored into at slots they already own
 *   (a [[Set]] of a fresh index would find a setter the page put on Array.prototype, and hand it
 *   the value; defining the index instead costs ~100× more);
 * - a WebIDL sequence (ports, transfer lists, Blob parts) is an object with its own iterator (an
 *   array would be iterated through Array.prototype[Symbol.iterator] and %ArrayIteratorPrototype%.next);
 * - a promise reaction is registered with the native `then`, on a promise that answers `constructor`
 *   itself (the species lookup would read Promise.prototype.constructor);
 * - own data values are read from descriptors (a getter or a proxy trap would run page code).
 */
const u = undefined;
const CHUNK = 64;
const chunk = (): unknown[] => [
  u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u,
  u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u,
];
const chunkList = (): unknown[][] => [chunk(), [], [], [], [], [], [], [], [], [], [], [], [], [], [], []];
/** How many values an own list holds (16 chunks of 64). */
export const OWN_LIST_MAX = 16 * CHUNK;

/** Up to OWN_LIST_MAX values of the hook's own, in chunks of literal-made slots. */
export function ownList<T>() {
  let chunks = chunkList();
  let count = 0;
  return {
    size: () => count,
    add(value: T): void {
      const i = count & (CHUNK - 1);
      if (i === 0 && count > 0) chunks[count / CHUNK] = chunk();
      chunks[(count - i) / CHUNK][i] = value;
      count++;
    },
    /** The values, as arrays of up to 64 in order; the list starts over empty. */
    take(): T[][] {
      const out = chunks as T[][];
      const full = count === 0 ? 0 : (count - 1) / CHUNK | 0;
      out[full].length = count - full * CHUNK;
      out.length = full + 1;
      chunks = chunkList();
      count = 0;
      return out;
    },
  };
}

/** A sequence for a WebIDL argument, iterated without Array.prototype (the items stay the caller's). */
export function sequence<T>(items: T[]): Iterable<T> {
  return chunkedSequence([items]);
}

/** The same over chunks (from `ownList`). */
export function chunkedSequence<T>(chunks: T[][]): Iterable<T> {
  return {
    __proto__: null,
    [iteratorSymbol]() {
      let c = 0;
      let i = 0;
      return {
        __proto__: null,
        next: () => {
          while (c < chunks.length && i >= chunks[c].length) {
            c++;
            i = 0;
          }
          return c < chunks.length ? { __proto__: null, value: chunks[c][i++], done: false } : { __proto__: null, value: undefined, done: true };
        },
      };
    },
  } as unknown as Iterable<T>;
}

const noSpecies = { __proto__: null, value: undefined, configurable: true } as PropertyDescriptor;
/**
 * `promise.then(onFulfilled, onRejected)` with the native, without reading any page-patchable
 * property: `constructor` is answered by an own property for the duration of the call (then
 * removed: a page's promise is left as it was). The reactions must return undefined (a returned
 * object would be looked up for a `then`).
 */
export function observe(promise: Promise<unknown>, onFulfilled: ((value: unknown) => void) | undefined, onRejected: (reason: unknown) => void): void {
  defineProperty(promise, 'constructor', noSpecies);
  try {
    apply(promiseThenNative, promise, [onFulfilled, onRejected]);
  } finally {
    deleteProperty(promise, 'constructor');
  }
}

/** An own data property's value; undefined for an accessor or a missing one (no getter, no proxy trap for ordinary objects). */
export function ownValue(object: unknown, key: PropertyKey): unknown {
  if (object === null || (typeof object !== 'object' && typeof object !== 'function')) return undefined;
  const d = getOwnPropertyDescriptor(object, key);
  return d !== undefined && hasOwn(d, 'value') ? d.value : undefined;
}

const domExceptionName = getOwnPropertyDescriptor(DOMException.prototype, 'name')!.get!;
const domExceptionMessage = getOwnPropertyDescriptor(DOMException.prototype, 'message')!.get!;
/**
 * The name and message of an exception a native threw, read with the natives' getters (a DOMException)
 * or from data properties along its prototype chain (a TypeError): no page getter runs.
 */
export function errorField(error: unknown, field: 'name' | 'message'): string {
  try {
    return StringNative(apply(field === 'name' ? domExceptionName : domExceptionMessage, error, []));
  } catch {
    // not a DOMException
  }
  for (let o = error; o !== null && typeof o === 'object'; o = getPrototypeOf(o as object)) {
    const d = getOwnPropertyDescriptor(o, field);
    if (d !== undefined) return hasOwn(d, 'value') && typeof d.value === 'string' ? d.value : '';
  }
  return field === 'name' ? 'Error' : '';
}
export const stringIndexOf = String.prototype.indexOf;
export const stringSlice = String.prototype.slice;
export const stringLastIndexOf = String.prototype.lastIndexOf;

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

