import type { RawWorkerStart } from '../core/raw';
import type { Emit } from './channel';
import { wrapConstructor } from './disguise';
import { apply, epochNow, getOwnPropertyDescriptor, getPrototypeOf, hasOwn, isPrimitive, ownValue, StringNative, stringSlice, URLNative, urlHref } from './natives';

// Read before any page script (this module runs in the page hook only; workers have no Node).
const urlProtocol = getOwnPropertyDescriptor(URL.prototype, 'protocol')!.get!;
const urlProto = URL.prototype;
const urlToString = urlProto.toString;
const objectProto = Object.prototype;
const toPrimitive = Symbol.toPrimitive;
const nodeBaseURI = getOwnPropertyDescriptor(Node.prototype, 'baseURI')!.get!;
/** The dictionary members the natives read from a worker's options (WorkerOptions). */
const OPTION_KEYS = ['credentials', 'name', 'type'];
/** As many characters of a script URL as the relay keeps (a data: URL can be megabytes). */
const URL_MAX = 1 << 14;

/** A URL object the natives convert with URL.prototype.toString as it was at start: no page code runs. */
function isNativeUrl(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  try {
    apply(urlHref, v, []); // a brand check: throws for anything but a URL (a Proxy of one too)
  } catch {
    return false;
  }
  if (getPrototypeOf(v) !== urlProto || ownValue(urlProto, 'toString') !== urlToString) return false;
  const ownKey = (o: object, key: PropertyKey) => getOwnPropertyDescriptor(o, key) !== undefined;
  return !ownKey(v, toPrimitive) && !ownKey(urlProto, toPrimitive) && !ownKey(objectProto, toPrimitive) && !ownKey(v, 'toString');
}

/**
 * True when the natives' conversion of these options cannot have run page code: none, a name, or a
 * plain object whose members are own primitives (Object.prototype having none of them). Asked only
 * after the native threw (an exotic object's traps may see it then).
 */
function plainOptions(v: unknown): boolean {
  if (isPrimitive(v)) return true;
  if (typeof v !== 'object' || getPrototypeOf(v as object) !== objectProto) return false;
  for (let i = 0; i < OPTION_KEYS.length; i++) {
    if (getOwnPropertyDescriptor(objectProto, OPTION_KEYS[i])) return false;
    const d = getOwnPropertyDescriptor(v as object, OPTION_KEYS[i]);
    if (d && (!hasOwn(d, 'value') || !isPrimitive(d.value))) return false;
  }
  return true;
}

/**
 * The script URL the native used, resolved against the base of the realm's document as it is now, as far as
 * reading it runs no page code (a primitive, a native URL); '' otherwise (a TrustedScriptURL, an
 * object with a toString of its own: not read a second time).
 */
function scriptUrl(v: unknown, doc: Document): string {
  let text: string;
  if (isPrimitive(v)) {
    if (typeof v === 'symbol') return '';
    text = StringNative(v);
  } else if (isNativeUrl(v)) text = apply(urlHref, v, []) as string;
  else return '';
  try {
    const resolved = new URLNative(text, apply(nodeBaseURI, doc, []) as string);
    return apply(stringSlice, apply(urlHref, resolved, []), [0, URL_MAX]) as string;
  } catch {
    return apply(stringSlice, text, [0, URL_MAX]) as string;
  }
}

/** Firefox captures the sockets of every worker whose script comes from the network. */
function uncaptured(url: string): boolean {
  if (__BROWSER__ !== 'firefox') return true;
  try {
    const protocol = apply(urlProtocol, new URLNative(url), []);
    return protocol === 'blob:' || protocol === 'data:';
  } catch {
    return false;
  }
}

/**
 * Tells the relay of each worker the page starts (`new Worker`, `new SharedWorker`) whose sockets
 * the extension may not see, so that the panel can say so. Observes only: the natives run with the
 * page's own arguments, and a refused start reports nothing. (Service workers: the relay asks for
 * the origin's registrations itself.)
 */
export function watchWorkerStarts(win: typeof globalThis, emit: Emit): void {
  // `document` is an unforgeable own accessor of each window: an adopted frame's is its own.
  const doc = win.document;
  const report = (kind: RawWorkerStart['kind']) => (_worker: object, args: unknown[]) => {
    const url = scriptUrl(args[0], doc);
    if (uncaptured(url)) emit({ k: 'worker-started', t: epochNow(), kind, url });
  };
  // Only then is an exception's stack re-rooted at the page's call site (else page code may have thrown it).
  const simple = (args: unknown[]) => (isPrimitive(args[0]) || isNativeUrl(args[0])) && plainOptions(args[1]);
  if (typeof win.Worker === 'function') wrapConstructor(win, 'Worker', win.Worker, report('worker'), simple);
  if (typeof win.SharedWorker === 'function') wrapConstructor(win, 'SharedWorker', win.SharedWorker, report('shared-worker'), simple);
}
