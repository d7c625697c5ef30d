import { apply, captureStackTrace, deleteProperty, getOwnPropertyDescriptor, hasOwn } from './natives';

const ErrorNative = Error;
/** Frames of the page kept, besides the hook's own (the relay removes those). */
const PAGE_FRAMES = 12;
const OWN_FRAMES = 4;
/** Firefox: every Error's `stack` is a getter on Error.prototype (taken now, before a page can replace it). */
const stackGetter = __BROWSER__ === 'firefox' ? getOwnPropertyDescriptor(ErrorNative.prototype, 'stack')?.get : undefined;

/** A data property the hook may set for a moment and put back (no page getter or setter runs, nothing frozen). */
const swappable = (name: string) => {
  const d = getOwnPropertyDescriptor(ErrorNative, name);
  return d === undefined ? true : hasOwn(d, 'value') && d.writable === true ? d : false;
};

/**
 * The page's stack here, as the engine writes it (the relay parses it and removes the hook's
 * frames), or undefined where it cannot be read unseen. V8: captured into a null-prototype object
 * with the engine's own formatting and our frame limit, the page's `prepareStackTrace` and
 * `stackTraceLimit` set aside and put back at once (nothing of the page runs in between).
 * SpiderMonkey: a fresh Error's stack through the getter taken at start.
 */
export function pageStack(): string | undefined {
  try {
    if (__BROWSER__ === 'firefox') return stackGetter ? (apply(stackGetter, new ErrorNative(), []) as string) : undefined;
    if (!captureStackTrace) return undefined;
    const format = swappable('prepareStackTrace');
    const limit = swappable('stackTraceLimit');
    if (!format || !limit) return undefined;
    ErrorNative.prepareStackTrace = undefined as unknown as typeof ErrorNative.prepareStackTrace;
    ErrorNative.stackTraceLimit = PAGE_FRAMES + OWN_FRAMES;
    try {
      const holder = { __proto__: null } as { stack?: unknown };
      captureStackTrace(holder);
      const stack = holder.stack;
      return typeof stack === 'string' ? stack : undefined;
    } finally {
      if (format === true) deleteProperty(ErrorNative, 'prepareStackTrace');
      else ErrorNative.prepareStackTrace = format.value;
      if (limit === true) deleteProperty(ErrorNative, 'stackTraceLimit');
      else ErrorNative.stackTraceLimit = limit.value;
    }
  } catch {
    return undefined;
  }
}
