/** Built-ins captured before any page script runs, so later page patches cannot affect the hook. */
export const apply = Reflect.apply;
export const construct = Reflect.construct;
export const defineProperty = Object.defineProperty;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const now = performance.now.bind(performance);
export const timeOrigin = performance.timeOrigin;
export const setTimeoutNative = setTimeout;
export const WeakMapNative = WeakMap;
export const MapNative = Map;
export const WeakRefNative = WeakRef;
export const arraySlice = Array.prototype.slice;
export const bufferSlice = ArrayBuffer.prototype.slice;
export const Uint8ArrayNative = Uint8Array;
export const ArrayBufferNative = ArrayBuffer;
export const isView = ArrayBuffer.isView;
export const BlobNative = Blob;
export const MessageChannelNative = MessageChannel;
export const MessageEventNative = MessageEvent;
export const portPostMessage = MessagePort.prototype.postMessage;
export const addListener = EventTarget.prototype.addEventListener;
export const removeListener = EventTarget.prototype.removeEventListener;
export const dispatch = EventTarget.prototype.dispatchEvent;
export const StringNative = String;
export const URLNative = URL;
export const isArray = Array.isArray;

export const epochNow = () => timeOrigin + now();
