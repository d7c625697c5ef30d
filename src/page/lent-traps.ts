import { PAGE_TRAPS_KEY } from '../core/raw';
import { arrayIterationUntouched, deleteProperty, getOwnPropertyDescriptor, getPrototypeOf, hasOwn, isArray, isArrayBuffer, isBlob, isPrimitive, isView, iteratorSymbol, ownValue } from './natives';
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
  deleteProperty(globalThis, PAGE_TRAPS_KEY);
  const applyTrap = ownValue(d.value, 'apply');
  const constructTrap = ownValue(d.value, 'construct');
  return typeof applyTrap === 'function' && typeof constructTrap === 'function' ? { apply: applyTrap as Trap, construct: constructTrap as Trap } : undefined;
}

/** An array of primitives the native iterates without page code (the page has not patched array iteration). */
function plainPrimitiveArray(v: unknown[]): boolean {
  if (getPrototypeOf(v) !== Array.prototype || hasOwn(v, iteratorSymbol) || !arrayIterationUntouched()) return false;
  for (let i = 0; i < v.length; i++) {
    const d = getOwnPropertyDescriptor(v, i);
    if (!d || !hasOwn(d, 'value') || !isPrimitive(d.value)) return false;
  }
  return true;
}

/**
 * True when a native handed `args` converts them without running page code: calling it once more
 * throws what it threw, and nothing else happens (primitives, callbacks, buffers, views, Blobs,
 * plain arrays of primitives, the hook's own protocol iterables).
 */
export function callableAgain(args: ArrayLike<unknown>): boolean {
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (isPrimitive(v) || typeof v === 'function' || isArrayBuffer(v) || isView(v) || isBlob(v) || isCleanReplay(v)) continue;
    if (!isArray(v) || !plainPrimitiveArray(v)) return false;
  }
  return true;
}
