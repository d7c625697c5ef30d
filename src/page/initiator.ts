import { apply, captureStackTrace, deleteProperty, getOwnPropertyDescriptor, hasOwn, stringIndexOf, stringLastIndexOf, stringSlice } from './natives';

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
 * Firefox workers: the hook is prepended to the worker's script, so its frames carry the script's
 * URL. `end` is an Error made right after the hook's code, on the same line: frames on that line
 * before its column are the hook's (`@<url>:<line>:` and that column, once known).
 */
let ownAt: string | undefined;
let ownEnd = 0;
export function ownCodeEndsAt(end: unknown): void {
  if (!stackGetter) return;
  try {
    const stack = apply(stackGetter, end, []) as string;
    const nl = apply(stringIndexOf, stack, ['\n']) as number;
    const first = apply(stringSlice, stack, [0, nl < 0 ? stack.length : nl]) as string;
    const colon = apply(stringLastIndexOf, first, [':']) as number;
    const at = apply(stringIndexOf, first, ['@']) as number;
    if (colon < 0 || at < 0) return;
    ownAt = apply(stringSlice, first, [at, colon + 1]) as string;
    ownEnd = +(apply(stringSlice, first, [colon + 1]) as string);
  } catch {
    // no stack to read: the hook's frames stay in (the panel shows them)
  }
}
const isOwnFrame = (line: string) => {
  const colon = apply(stringLastIndexOf, line, [':']) as number;
  return apply(stringSlice, line, [colon + 1 - ownAt!.length, colon + 1]) === ownAt && +(apply(stringSlice, line, [colon + 1]) as string) < ownEnd;
};
/** The stack without the hook's innermost frames (Firefox workers). */
function withoutOwnFrames(stack: string): string {
  let start = 0;
  for (;;) {
    const nl = apply(stringIndexOf, stack, ['\n', start]) as number;
    if (nl < 0 || !isOwnFrame(apply(stringSlice, stack, [start, nl]) as string)) return apply(stringSlice, stack, [start]) as string;
    start = nl + 1;
  }
}

/**
 * The page's stack here, as the engine writes it (the relay parses it and removes the hook's
 * frames), or undefined where it cannot be read unseen. V8: captured into a null-prototype object
 * with the engine's own formatting and our frame limit, the page's `prepareStackTrace` and
 * `stackTraceLimit` set aside and put back at once (nothing of the page runs in between).
 * SpiderMonkey: a fresh Error's stack through the getter taken at start.
 */
export function pageStack(): string | undefined {
  try {
    if (__BROWSER__ === 'firefox') {
      const stack = stackGetter ? (apply(stackGetter, new ErrorNative(), []) as string) : undefined;
      return stack !== undefined && ownAt !== undefined ? withoutOwnFrames(stack) : stack;
    }
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
