import { PAGE_TRAPS_KEY } from '../core/raw';
import { deleteProperty, getOwnPropertyDescriptor, isArrayBuffer, isBlob, isPrimitive, isView, ownValue } from './natives';
import { isCleanReplay } from './protocols-argument';

type Trap = (this: unknown, ...args: never[]) => unknown;

/**
 * Firefox: the traps this frame's relay stub lent (src/content/page-traps.ts), taken and the
 * window property deleted before any page script; undefined elsewhere, or where no stub ran first
 * (the stand-ins then call their natives themselves).
 */
export const lent = __BROWSER__ === 'firefox' ? takeLentTraps() : undefined;

function takeLentTraps(): { apply: Trap; construct: Trap } | undefined {
  const d = getOwnPropertyDescriptor(globalThis, PAGE_TRAPS_KEY);
  if (!d) return undefined;
  // Exactly as the stub defines it, and gone once deleted: in a realm where page code ran first (an
  // initial about:blank the parent reached into), a key the page planted is not taken.
  if (!deleteProperty(globalThis, PAGE_TRAPS_KEY) || d.configurable !== true || d.enumerable !== false || d.writable !== false) return undefined;
  const applyTrap = ownValue(d.value, 'apply');
  const constructTrap = ownValue(d.value, 'construct');
  return typeof applyTrap === 'function' && typeof constructTrap === 'function' ? { apply: applyTrap as Trap, construct: constructTrap as Trap } : undefined;
}

/**
 * True when a native that converts the first `converts` of `args` (and ignores the others) runs no
 * page code converting them: calling it once more throws what it threw (primitives, callbacks,
 * buffers, views, Blobs, the hook's own protocol iterables).
 */
export function callableAgain(args: ArrayLike<unknown>, converts: number): boolean {
  for (let i = 0; i < converts && i < args.length; i++) {
    const v = args[i];
    if (!(isPrimitive(v) || typeof v === 'function' || isArrayBuffer(v) || isView(v) || isBlob(v) || isCleanReplay(v))) return false;
  }
  return true;
}
