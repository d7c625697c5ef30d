import { apply, captureStackTrace, construct, defineProperty, getOwnPropertyDescriptor, privateWeakMap, stringIndexOf, stringSlice } from './natives';

/**
 * Makes stand-ins indistinguishable from the natives they replace.
 * - `Function.prototype.toString` is replaced once by a stand-in that answers the native source
 *   text for every registered stand-in and defers to the original otherwise.
 * - `Function.prototype`'s `caller` / `arguments` getters are replaced by stand-ins that treat a
 *   wrapped constructor (a Proxy) as the native it wraps (a native answers null, a Proxy throws).
 * - Every frame runs its own copy of the hook, and a page may print one realm's functions with
 *   another realm's toString. All same-origin realms of a page therefore share one registry (owned
 *   by the topmost hooked same-origin ancestor). A realm finds it by asking the ancestor's toString
 *   stand-in — after checking, with its own native toString (which runs no page code), that the
 *   ancestor's toString really is the hook's stand-in.
 * - Stand-ins are class members, hence strict (natives throw on `.caller`/`.arguments` too), not
 *   constructors and without a `prototype`, with the native's `name` and `length`.
 * - An exception a native throws through a stand-in loses the stand-in's stack frame.
 */
interface Registry {
  /** Stand-in → the native's source text. */
  sources: WeakMap<object, string>;
  /** Wrapped constructor (Proxy) → the native constructor. */
  targets: WeakMap<object, Function>;
}

const REGISTRY_TOKEN = Symbol.for('sockets-devtools.registry');
const nativeToString = Function.prototype.toString;
const callerDescriptor = getOwnPropertyDescriptor(Function.prototype, 'caller');
const argumentsDescriptor = getOwnPropertyDescriptor(Function.prototype, 'arguments');
const ErrorNative = Error;
/** This script's URL as it appears in stack traces (to remove its frames). */
const selfUrl = /((?:chrome|moz)-extension:\/\/[^/\s]+\/[^\s:)]+)/.exec(new ErrorNative().stack ?? '')?.[1];
let registry: Registry = { sources: privateWeakMap(), targets: privateWeakMap() };

/** Re-roots the stack of `error`, thrown by an API native (no frame of its own) that `fn` called. */
export function hideFrames(error: unknown, fn: Function): unknown {
  if (captureStackTrace && error !== null && (typeof error === 'object' || typeof error === 'function')) {
    try {
      captureStackTrace(error, fn);
    } catch {
      // A frozen error: leave it as it is.
    }
  }
  return error;
}

type CallSite = { getFileName(): string | null | undefined };
type PrepareStackTrace = (error: Error, frames: CallSite[]) => unknown;

/** This script's frames while a builtin runs under `callBuiltin`: the stand-in and `callBuiltin`. */
const OWN_FRAMES = 2;

/**
 * Calls a JavaScript builtin (which, unlike API natives, shows as a frame, e.g. "at Object.toString
 * (<anonymous>)") so that an exception it throws has the frames it would have without the
 * stand-in: more frames are allowed while it runs, then this script's frames are removed and the
 * page's limit applied — to the text, or, when the page formats stacks itself
 * (Error.prepareStackTrace), to the call sites its formatter is handed.
 */
function callBuiltin(native: Function, thisArg: unknown, args: ArrayLike<unknown>, standIn: Function): unknown {
  const limit = ErrorNative.stackTraceLimit;
  let bumped = false;
  if (selfUrl !== undefined && typeof limit === 'number' && limit >= 1 && limit < 1e6) {
    try {
      ErrorNative.stackTraceLimit = limit + OWN_FRAMES;
      bumped = ErrorNative.stackTraceLimit === limit + OWN_FRAMES;
    } catch {
      // a frozen Error: fall back to re-rooting
    }
  }
  try {
    return apply(native, thisArg, args);
  } catch (error) {
    if (bumped) removeOwnFrames(error, limit as number);
    else hideFrames(error, standIn);
    throw error;
  } finally {
    if (bumped) ErrorNative.stackTraceLimit = limit;
  }
}

function removeOwnFrames(error: unknown, limit: number): void {
  if (error === null || typeof error !== 'object') return;
  const e = error as { stack?: unknown };
  try {
    const pageFormat = ErrorNative.prepareStackTrace as PrepareStackTrace | undefined;
    if (typeof pageFormat === 'function') {
      ErrorNative.prepareStackTrace = (err: Error, frames: CallSite[]) => {
        ErrorNative.prepareStackTrace = pageFormat;
        const kept: CallSite[] = [];
        for (let i = 0; i < frames.length && kept.length < limit; i++) if (frames[i].getFileName() !== selfUrl) kept[kept.length] = frames[i];
        return apply(pageFormat, ErrorNative, [err, kept]);
      };
      try {
        void e.stack; // formats now, through the filter above
      } finally {
        ErrorNative.prepareStackTrace = pageFormat;
      }
      return;
    }
    const stack = e.stack;
    if (typeof stack !== 'string') return;
    // Line by line with the natives captured at start (the page may have patched String.prototype).
    let kept = '';
    let frames = 0;
    for (let start = 0; start <= stack.length; ) {
      let end = apply(stringIndexOf, stack, ['\n', start]) as number;
      if (end < 0) end = stack.length;
      const line = apply(stringSlice, stack, [start, end]) as string;
      start = end + 1;
      const isFrame = apply(stringIndexOf, line, ['    at ']) === 0;
      if (isFrame && (apply(stringIndexOf, line, [selfUrl]) >= 0 || frames >= limit)) continue;
      if (isFrame) frames++;
      kept += (kept === '' ? '' : '\n') + line;
    }
    e.stack = kept;
  } catch {
    // leave it
  }
}

class FunctionStandIns {
  toString(this: unknown): unknown {
    // eslint-disable-next-line prefer-rest-params
    const args = arguments as unknown as unknown[];
    if (typeof this === 'function') {
      if (this === toString && args[0] === REGISTRY_TOKEN) return registry;
      const source = registry.sources.get(this);
      if (source !== undefined) return source;
      return apply(nativeToString, this, []);
    }
    return callBuiltin(nativeToString, this, args, toString);
  }

  get caller(): unknown {
    return callBuiltin(callerDescriptor!.get!, registry.targets.get(this as object) ?? this, [], callerGet);
  }

  get arguments(): unknown {
    return callBuiltin(argumentsDescriptor!.get!, registry.targets.get(this as object) ?? this, [], argumentsGet);
  }
}
const toString = FunctionStandIns.prototype.toString;
const callerGet = getOwnPropertyDescriptor(FunctionStandIns.prototype, 'caller')!.get!;
const argumentsGet = getOwnPropertyDescriptor(FunctionStandIns.prototype, 'arguments')!.get!;

/** The registry of the topmost same-origin ancestor (or opener) that runs this hook, if any. */
function sharedRegistry(win: typeof globalThis): Registry | undefined {
  const ownSource = apply(nativeToString, toString, []);
  const candidates: unknown[] = [];
  try {
    for (let w = win as unknown as Window; w.parent !== w; w = w.parent) candidates[candidates.length] = w.parent;
    if (win.opener) candidates[candidates.length] = win.opener;
  } catch {
    // no ancestors to ask
  }
  let found: Registry | undefined;
  for (let i = 0; i < candidates.length; i++) {
    try {
      const ts = (candidates[i] as typeof globalThis).Function.prototype.toString;
      if (typeof ts !== 'function' || apply(nativeToString, ts, []) !== ownSource) continue;
      const r = apply(ts, ts, [REGISTRY_TOKEN]) as Registry;
      if (r && typeof r === 'object' && r.sources && r.targets) found = r; // keep going: the topmost wins
    } catch {
      // cross-origin
    }
  }
  return found;
}

export function disguiseAs(standIn: object, native: Function): void {
  registry.sources.set(standIn, apply(nativeToString, native, []));
}

export function installDisguise(win: typeof globalThis): void {
  registry = sharedRegistry(win) ?? registry;
  const proto = win.Function.prototype;
  replaceMethod(proto, 'toString', toString);
  if (callerDescriptor?.get && argumentsDescriptor?.get) {
    disguiseAs(callerGet, callerDescriptor.get);
    disguiseAs(argumentsGet, argumentsDescriptor.get);
    defineProperty(proto, 'caller', { ...callerDescriptor, get: callerGet as () => unknown });
    defineProperty(proto, 'arguments', { ...argumentsDescriptor, get: argumentsGet as () => unknown });
  }
}

/** Replaces the method `name` of `proto` by `standIn`, keeping the property's attributes. */
export function replaceMethod(proto: object, name: string, standIn: Function): void {
  const d = getOwnPropertyDescriptor(proto, name)!;
  disguiseAs(standIn, d.value);
  defineProperty(proto, name, { ...d, value: standIn });
}

/** Replaces the setter of accessor `name` of `proto` by `standIn`, keeping getter and attributes. */
export function replaceSetter(proto: object, name: string, standIn: Function): void {
  const d = getOwnPropertyDescriptor(proto, name)!;
  disguiseAs(standIn, d.set!);
  defineProperty(proto, name, { ...d, set: standIn as (v: unknown) => void });
}

/** The setter of a class member accessor (a strict, non-constructor function named "set <name>"). */
export function setterOf(cls: { prototype: object }, name: string): Function {
  return getOwnPropertyDescriptor(cls.prototype, name)!.set!;
}

/**
 * A Proxy standing in for the native constructor `Native` (identity of `prototype`, statics,
 * `instanceof`, subclassing and `new.target` kept): `onConstruct` sees each object the native
 * builds. `simple(args)` tells whether the arguments are such that the native cannot have run
 * page code: only then is an exception's stack re-rooted at the page's call site.
 * Installs it as `win[name]` and as `prototype.constructor`.
 */
export function wrapConstructor<T extends object>(
  win: typeof globalThis,
  name: string,
  Native: Function & { prototype: object },
  onConstruct: (object: T, args: unknown[]) => void,
  simple: (args: unknown[]) => boolean,
): void {
  const handler = {
    construct(target: Function, args: unknown[], newTarget: Function) {
      let object: T;
      try {
        object = construct(target, args, newTarget) as T;
      } catch (error) {
        throw simple(args) ? hideFrames(error, handler.construct) : error;
      }
      try {
        onConstruct(object, args);
      } catch {
        // The page gets its object whatever happens to the bookkeeping.
      }
      return object;
    },
  };
  const wrapped = new Proxy(Native, handler);
  disguiseAs(wrapped, Native);
  registry.targets.set(wrapped, Native);
  const proto = Native.prototype;
  defineProperty(proto, 'constructor', { ...getOwnPropertyDescriptor(proto, 'constructor'), value: wrapped });
  defineProperty(win, name, { ...getOwnPropertyDescriptor(win, name), value: wrapped });
}
