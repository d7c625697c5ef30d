import { PAGE_TRAPS_KEY } from '../core/raw';

/** What the hook's Proxy handlers hold (a page object, read here through an Xray waiver). */
interface Handler {
  native: Function;
  /** Arguments to call the native with once more (it threw, and calling it again runs no page code). */
  again: ArrayLike<unknown> | undefined;
  run(...args: unknown[]): unknown;
}

declare const XPCNativeWrapper: { unwrap<T>(v: T): T };
declare function cloneInto<T>(value: T, target: object): T;
declare function exportFunction(fn: Function, target: object, options: { defineAs: string; allowCrossOriginArguments: boolean }): Function;

/**
 * Firefox: lends this frame's page hook (which runs next, before any page script) the Proxy traps
 * its stand-ins are called through, on the page's window under PAGE_TRAPS_KEY (the hook deletes it
 * at once). A trap hands the call to the hook's handler (`run` does the whole step: the native call
 * and the bookkeeping). When the native threw and the handler says calling it again is harmless,
 * the trap calls it again, from here: this is the isolated world's code, and SpiderMonkey leaves a
 * more privileged principal's frames out of every stack a page reads, so that exception has the
 * stack it has without the extension (a MAIN-world frame would stay in it, and Firefox gives no way
 * to re-root an exception's stack). The natives are called through the page's own Reflect, taken
 * here before any page script: a call made from this world would run with its principal (the
 * WebSocket constructor refuses it).
 */
export function lendPageTraps(): void {
  const page = (window as unknown as { wrappedJSObject: Record<string, unknown> & typeof globalThis }).wrappedJSObject;
  const { apply, construct } = page.Reflect;
  const traps = {
    apply(this: Handler, _target: Function, thisArg: unknown, args: unknown[]): unknown {
      const handler = XPCNativeWrapper.unwrap(this);
      const result = handler.run(thisArg, args);
      const again = handler.again;
      if (again === undefined) return result;
      handler.again = undefined;
      return apply(handler.native, thisArg, again);
    },
    construct(this: Handler, _target: Function, args: unknown[], newTarget: Function): unknown {
      const handler = XPCNativeWrapper.unwrap(this);
      const object = handler.run(args, newTarget);
      const again = handler.again;
      if (again === undefined) return object;
      handler.again = undefined;
      return construct(handler.native, again, newTarget);
    },
  };
  try {
    // A page object holding the two traps. Cross-origin arguments allowed: `send.call(parent)` in a
    // frame must reach the native (which throws its own TypeError), not stop at the export.
    const lentTraps = cloneInto({}, window);
    exportFunction(traps.apply, lentTraps, { defineAs: 'apply', allowCrossOriginArguments: true });
    exportFunction(traps.construct, lentTraps, { defineAs: 'construct', allowCrossOriginArguments: true });
    // A key page code planted first (a realm it reached before this script) goes; one it cannot
    // delete makes this throw, and the hook takes nothing (it also checks the key's attributes).
    Reflect.deleteProperty(page, PAGE_TRAPS_KEY);
    Object.defineProperty(page, PAGE_TRAPS_KEY, { value: lentTraps, configurable: true });
  } catch {
    // Nothing lent: the stand-ins call their natives themselves.
  }
}
