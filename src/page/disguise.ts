import { pageStack } from './initiator';
import { callableAgain, lent } from './lent-traps';
import { append, apply, captureStackTrace, construct, defineProperty, errorField, getOwnPropertyDescriptor, getPrototypeOf, hasOwn, ownValue, privateWeakMap, stringIndexOf, stringSlice } from './natives';

/**
 * Makes stand-ins indistinguishable from the natives they replace.
 * - `Function.prototype.toString` is replaced once by a stand-in that answers the native source
 *   text for every registered stand-in and defers to the original otherwise.
 * - `Function.prototype`'s `caller` / `arguments` getters are replaced by stand-ins that treat a
 *   wrapped constructor (a Proxy) as the native it wraps (a native answers null, a Proxy throws).
 * - Every frame runs its own copy of the hook, and a page may print one realm's functions with
 *   another realm's toString. All same-origin realms of a page therefore share one registry (owned
 *   by the topmost hooked same-origin ancestor), handed over without anything a page can ask for:
 *   while it installs (before any page script of its realm), a realm prints its own toString
 *   stand-in with the ancestor's toString — after checking, with its native toString (which runs
 *   no page code), that the ancestor's is the hook's stand-in. The ancestor recognises the stand-in
 *   of a realm it has not served yet the same way and calls it back with the registry as `this`,
 *   which the realm takes only while it is installing; the call itself answers the native text.
 * - Stand-ins are class members, hence strict (natives throw on `.caller`/`.arguments` too), not
 *   constructors and without a `prototype`, with the native's `name` and `length`.
 * - An exception a native throws through a stand-in loses the stand-in's stack frame: V8 re-roots
 *   its stack (hideFrames); in Firefox the page-visible stand-in is a Proxy whose trap, lent by the
 *   isolated world (src/content/page-traps.ts), calls the native from a frame no page stack shows.
 */
interface Registry {
  /** Stand-in → the native's source text. */
  sources: WeakMap<object, string>;
  /** Wrapped constructor (Proxy) → the native constructor. */
  targets: WeakMap<object, Function>;
}

const nativeToString = Function.prototype.toString;
const windowGetter = (name: string) => getOwnPropertyDescriptor(globalThis, name)?.get;
const parentOf = windowGetter('parent');
const openerOf = windowGetter('opener');
const callerDescriptor = getOwnPropertyDescriptor(Function.prototype, 'caller');
const argumentsDescriptor = getOwnPropertyDescriptor(Function.prototype, 'arguments');
const ErrorNative = Error;
/**
 * This script's URL as it appears in stack traces (to remove its frames), read when first needed:
 * an Error made at start costs every frame ~2 ms (V8 finds the positions in the whole script).
 */
let selfUrl: string | undefined;
let lookedUp = false;
const ownUrl = () => {
  if (!lookedUp) {
    lookedUp = true; // once: where no stack can be read unseen, stand-ins fall back to hideFrames
    selfUrl = /((?:chrome|moz)-extension:\/\/[^/\s]+\/[^\s:)]+)/.exec(pageStack() ?? '')?.[1];
  }
  return selfUrl;
};
let registry: Registry = { sources: privateWeakMap(), targets: privateWeakMap() };
/** Set while this realm installs: its toString stand-in then takes a registry handed to it. */
let adopting = false;
let adopted: Registry | undefined;
/** The Function.prototype of each realm this realm handed its registry to (once each). */
const served = privateWeakMap<object, true>();
let ownSource = '';

/**
 * What a stand-in does around one call of its native, decided before the native runs: call it with
 * `args` (`after` then sees its result, `failed` its exception, each with `state`; `reroot` when the
 * native cannot have run page code, so the stack of what it throws may be re-rooted at the page's
 * call), or answer `value` without calling it. Null-prototype: a member left out is not looked up
 * on the page's Object.prototype. The callbacks are the plan's own (none is made per call).
 */
export interface Step {
  skip?: true;
  value?: unknown;
  args: ArrayLike<unknown>;
  /** Asked only once the native threw (a test of the arguments may read page objects). */
  reroot?: boolean | ((args: ArrayLike<unknown>) => boolean);
  state?: unknown;
  after?: (state: unknown, result: unknown) => void;
  failed?: (state: unknown, error: unknown) => void;
}
export type Plan = (thisArg: unknown, args: ArrayLike<unknown>) => Step;
export const callWith = <S>(args: ArrayLike<unknown>, reroot: Step['reroot'], state?: S, after?: (state: S, result: unknown) => void, failed?: (state: S, error: unknown) => void): Step =>
  ({ __proto__: null, args, reroot, state, after, failed }) as Step;
export const answer = (value: unknown): Step => ({ __proto__: null, skip: true, value, args: [] }) as unknown as Step;

type OnThrow = (error: unknown, step: Step) => unknown;
const asThrown: OnThrow = (error) => {
  throw error;
};

/** Runs `plan`'s step around one call of `native`; `onThrow` answers for what the native threw. */
function runStep(native: Function, plan: Plan, thisArg: unknown, pageArgs: ArrayLike<unknown>, onThrow: OnThrow): unknown {
  const step = plan(thisArg, pageArgs);
  if (step.skip) return step.value;
  let result: unknown;
  try {
    result = apply(native, thisArg, step.args);
  } catch (error) {
    step.failed?.(step.state, error);
    return onThrow(error, step);
  }
  step.after?.(step.state, result);
  return result;
}

function runConstruct(plan: (pageArgs: unknown[]) => Step, target: Function, pageArgs: unknown[], newTarget: Function, onThrow: OnThrow): unknown {
  const step = plan(pageArgs);
  let object: object;
  try {
    object = construct(target, step.args, newTarget) as object;
  } catch (error) {
    return onThrow(error, step);
  }
  step.after!(step.state, object);
  return object;
}

const mayReroot = (step: Step): boolean => (typeof step.reroot === 'function' ? step.reroot(step.args) : step.reroot === true);

/** V8: the exception's stack re-rooted at the page's call of `standIn` (where no page code ran). */
const rerootAt = (standIn: Function): OnThrow => (error, step) => {
  throw mayReroot(step) ? hideFrames(error, standIn) : error;
};

/** Firefox: where the handler of a Proxy the page sees leaves arguments to call its native with once more. */
interface Again {
  again: ArrayLike<unknown> | undefined;
}
/**
 * Firefox: the lent trap calls the handler's `run` (one crossing into this world: the whole step
 * runs here). When the native threw and calling it again runs no page code, `run` leaves the
 * arguments in `again`, and the trap calls the native once more from its own frame: what it throws
 * then has no frame of this script. Otherwise the exception goes as it is (page code ran inside
 * the call, and its frames show as they do through any wrapper).
 */
/**
 * Errors a native throws before doing anything (argument and state checks): calling it again repeats
 * nothing the page can see. Not SecurityError: a CSP or mixed-content refusal also sends a report.
 */
const repeatable = (name: string) => name === 'SyntaxError' || name === 'TypeError' || name === 'InvalidStateError' || name === 'InvalidAccessError';
const againIfSafe = (handler: Again, converts: number): OnThrow => (error, step) => {
  if (!mayReroot(step) || !callableAgain(step.args, converts) || !repeatable(errorField(error, 'name'))) throw error;
  handler.again = step.args;
  return undefined;
};
/** What the page sees of a stand-in: itself, or in Firefox a Proxy on it whose lent trap runs the plan. */
function visible(standIn: Function, native: Function, plan: Plan, converts: number): Function {
  if (!lent) return standIn;
  const handler = {
    __proto__: null,
    apply: lent.apply,
    native,
    again: undefined as ArrayLike<unknown> | undefined,
    run: (thisArg: unknown, args: ArrayLike<unknown>) => {
      handler.again = undefined; // a retry left by a call whose trap never read it
      return runStep(native, plan, thisArg, args, onThrow);
    },
  };
  const onThrow = againIfSafe(handler, converts);
  const proxy = new Proxy(standIn, handler as ProxyHandler<Function>);
  registry.targets.set(proxy, native);
  return proxy;
}

/**
 * Replaces the method `name` of `proto` by a stand-in (a strict class member with the native's
 * name and length) that does what `plan` says around each call of the native, which converts its
 * first `converts` arguments (and ignores the others).
 */
export function standInMethod(proto: object, name: string, plan: Plan, converts: number): void {
  const native = getOwnPropertyDescriptor(proto, name)!.value as Function;
  const length = ownValue(native, 'length');
  // The native's length from its parameter list where one fits: SpiderMonkey defines a function's
  // `length` and `name` when first read, and lists them in that order (a defined length goes first).
  const members = length === 1
    ? class {
        [name](this: unknown, _value: unknown) {
          // eslint-disable-next-line prefer-rest-params
          return runStep(native, plan, this, arguments, onThrow);
        }
      }
    : class {
        [name](this: unknown) {
          // eslint-disable-next-line prefer-rest-params
          return runStep(native, plan, this, arguments, onThrow);
        }
      };
  const standIn = getOwnPropertyDescriptor(members.prototype, name)!.value as Function;
  const onThrow = rerootAt(standIn);
  if (length !== 0 && length !== 1) defineProperty(standIn, 'length', { __proto__: null, value: length, configurable: true } as PropertyDescriptor);
  replaceMethod(proto, name, visible(standIn, native, plan, converts));
}

/** Replaces the setter of accessor `name` of `proto` by a stand-in that does what `plan` says around each call. */
export function standInSetter(proto: object, name: string, plan: Plan): void {
  const native = getOwnPropertyDescriptor(proto, name)!.set!;
  const standIn = getOwnPropertyDescriptor(class {
    set [name](_value: unknown) {
      // eslint-disable-next-line prefer-rest-params
      runStep(native, plan, this, arguments, onThrow);
    }
  }.prototype, name)!.set!;
  const onThrow = rerootAt(standIn);
  replaceSetter(proto, name, visible(standIn, native, plan, 1));
}

/**
 * Re-roots the stack of `error`, thrown by an API native (no frame of its own) that `fn` called.
 * Only where the engine gave it an own `stack` (V8): Firefox keeps an exception's stack inside it,
 * and captureStackTrace would add an own property it never has.
 */
export function hideFrames(error: unknown, fn: Function): unknown {
  if (captureStackTrace && error !== null && (typeof error === 'object' || typeof error === 'function') && hasOwn(error, 'stack')) {
    try {
      captureStackTrace(error, fn);
    } catch {
      // A frozen error: leave it as it is.
    }
  }
  return error;
}

type CallSite = { getFileName(): string | null | undefined; getScriptNameOrSourceURL?(): string | null | undefined };
/** A frame's script: its sourceURL where it has one (the worker hook, evaluated by the debugger, is named only so). */
const scriptOf = (frame: CallSite) => (typeof frame.getScriptNameOrSourceURL === 'function' ? frame.getScriptNameOrSourceURL() : frame.getFileName());
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
  // Read and set as a data property only: a getter or setter the page put there must not run.
  const d = getOwnPropertyDescriptor(ErrorNative, 'stackTraceLimit');
  const limit = d !== undefined && d.writable === true ? d.value : undefined;
  const bumped = typeof limit === 'number' && limit >= 1 && limit < 1e6 && ownUrl() !== undefined;
  if (bumped) ErrorNative.stackTraceLimit = limit + OWN_FRAMES;
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
    const pageFormat = ownValue(ErrorNative, 'prepareStackTrace') as PrepareStackTrace | undefined;
    if (typeof pageFormat === 'function') {
      ErrorNative.prepareStackTrace = (err: Error, frames: CallSite[]) => {
        ErrorNative.prepareStackTrace = pageFormat;
        const kept: CallSite[] = [];
        for (let i = 0; i < frames.length && kept.length < limit; i++) if (scriptOf(frames[i]) !== selfUrl) kept[kept.length] = frames[i];
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
      if (isFrame && (apply(stringIndexOf, line, [selfUrl!]) >= 0 || frames >= limit)) continue;
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
      const source = registry.sources.get(this);
      if (source !== undefined) return source;
      const text = apply(nativeToString, this, []) as string;
      return text === ownSource ? serve(this) : text;
    }
    if (adopting && this !== null && typeof this === 'object') {
      const sources = ownValue(this, 'sources');
      const targets = ownValue(this, 'targets');
      if (sources && targets) adopted = this as Registry;
      return '';
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

/**
 * Another realm's toString stand-in (the text of this one) printed with this realm's toString:
 * hands it the registry, once per realm, and answers what a native toString would.
 */
function serve(standIn: Function): string {
  const realm = getPrototypeOf(standIn); // not a Proxy: a Proxy's text is not the stand-in's
  if (realm !== null && !served.has(realm)) {
    served.set(realm, true);
    try {
      apply(standIn, registry, []);
    } catch {
      // not installing: it answered as a native would
    }
  }
  return registry.sources.get(toString)!;
}

/** A same-origin window's own toString, if it is the hook's stand-in (read without running page code). */
function hookToString(w: unknown): Function | undefined {
  try {
    const proto = ownValue(ownValue(ownValue(w, 'Function'), 'prototype'), 'toString');
    return typeof proto === 'function' && apply(nativeToString, proto, []) === ownSource ? proto : undefined;
  } catch {
    return undefined; // cross-origin
  }
}

/** The registry of the nearest same-origin ancestor (or opener) that runs this hook, if any. */
function sharedRegistry(win: typeof globalThis): Registry | undefined {
  const candidates: unknown[] = [];
  try {
    for (let w: unknown = win, up = parentOf && apply(parentOf, w, []); up !== w && up; w = up, up = apply(parentOf!, w, [])) append(candidates, up);
    const opener = openerOf && apply(openerOf, win, []);
    if (opener) append(candidates, opener);
  } catch {
    // no ancestors to ask
  }
  for (let i = 0; i < candidates.length && adopted === undefined; i++) {
    const theirs = hookToString(candidates[i]);
    if (!theirs) continue;
    adopting = true;
    try {
      apply(theirs, toString, []);
    } catch {
      // not answered
    } finally {
      adopting = false;
    }
  }
  return adopted;
}

export function disguiseAs(standIn: object, native: Function): void {
  registry.sources.set(standIn, apply(nativeToString, native, []));
}

export function installDisguise(win: typeof globalThis): void {
  ownSource = apply(nativeToString, toString, []);
  registry = sharedRegistry(win) ?? registry;
  disguiseRealm(win);
}

/** True when a same-origin realm's toString is the hook's stand-in (its own hook's, or this one's). */
export const isHooked = (win: unknown): boolean => hookToString(win) !== undefined;

/** Installs the toString, caller and arguments stand-ins in a realm (this one, or a frame it hooks). */
export function disguiseRealm(win: typeof globalThis): void {
  const proto = win.Function.prototype;
  replaceMethod(proto, 'toString', toString);
  if (callerDescriptor?.get && argumentsDescriptor?.get) {
    disguiseAs(callerGet, callerDescriptor.get);
    disguiseAs(argumentsGet, argumentsDescriptor.get);
    defineProperty(proto, 'caller', { __proto__: null, ...callerDescriptor, get: callerGet as () => unknown } as PropertyDescriptor);
    defineProperty(proto, 'arguments', { __proto__: null, ...argumentsDescriptor, get: argumentsGet as () => unknown } as PropertyDescriptor);
  }
}

/** Replaces the method `name` of `proto` by `standIn`, keeping the property's attributes. */
export function replaceMethod(proto: object, name: PropertyKey, standIn: Function): void {
  const d = getOwnPropertyDescriptor(proto, name)!;
  disguiseAs(standIn, d.value);
  defineProperty(proto, name, { __proto__: null, ...d, value: standIn } as PropertyDescriptor);
}

/** Replaces the setter of accessor `name` of `proto` by `standIn`, keeping getter and attributes. */
export function replaceSetter(proto: object, name: string, standIn: Function): void {
  const d = getOwnPropertyDescriptor(proto, name)!;
  disguiseAs(standIn, d.set!);
  defineProperty(proto, name, { __proto__: null, ...d, set: standIn as (v: unknown) => void } as PropertyDescriptor);
}

/** The setter of a class member accessor (a strict, non-constructor function named "set <name>"). */
export function setterOf(cls: { prototype: object }, name: string): Function {
  return getOwnPropertyDescriptor(cls.prototype, name)!.set!;
}

/**
 * A Proxy standing in for the native constructor `Native` (identity of `prototype`, statics,
 * `instanceof`, subclassing and `new.target` kept): `onConstruct` sees each object the native
 * builds. `simple(args)` tells whether the arguments are such that the native cannot have run
 * page code: only then is an exception's stack re-rooted at the page's call site. `convert` may
 * turn the page's arguments into the hook's own (converting them as the native would) first.
 * Installs it as `win[name]` and as `prototype.constructor`.
 */
export function wrapConstructor<T extends object>(
  win: typeof globalThis,
  name: string,
  Native: Function & { prototype: object },
  onConstruct: (object: T, args: unknown[]) => void,
  simple: (args: unknown[]) => boolean,
  convert: (args: unknown[]) => unknown[] = (args) => args,
): void {
  const constructed = (args: unknown[], object: unknown) => {
    try {
      onConstruct(object as T, args);
    } catch {
      // The page gets its object whatever happens to the bookkeeping.
    }
  };
  const plan = (pageArgs: unknown[]): Step => {
    const args = convert(pageArgs);
    return callWith(args, simple as (args: ArrayLike<unknown>) => boolean, args, constructed);
  };
  // Null-prototype: the Proxy looks up every other trap on the handler, and must not find one a page
  // put on Object.prototype.
  let onThrow: OnThrow;
  const handler = lent
    ? {
        __proto__: null,
        construct: lent.construct,
        native: Native,
        again: undefined as ArrayLike<unknown> | undefined,
        run(pageArgs: unknown[], newTarget: Function) {
          (handler as Again).again = undefined;
          // Only `new` on the stand-in itself: the native reads a subclass's `prototype` before it throws.
          return runConstruct(plan, Native, pageArgs, newTarget, newTarget === wrapped ? onThrow : asThrown);
        },
      }
    : {
        __proto__: null,
        construct: (target: Function, pageArgs: unknown[], newTarget: Function) => runConstruct(plan, target, pageArgs, newTarget, onThrow),
      };
  onThrow = lent ? againIfSafe(handler as Again, 2) : rerootAt(handler.construct as Function);
  const wrapped = new Proxy(Native, handler as ProxyHandler<Function & { prototype: object }>);
  disguiseAs(wrapped, Native);
  registry.targets.set(wrapped, Native);
  const proto = Native.prototype;
  defineProperty(proto, 'constructor', { __proto__: null, ...getOwnPropertyDescriptor(proto, 'constructor'), value: wrapped } as PropertyDescriptor);
  defineProperty(win, name, { __proto__: null, ...getOwnPropertyDescriptor(win, name), value: wrapped } as PropertyDescriptor);
}
