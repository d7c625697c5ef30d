import { ADOPT_FRAME_EVENT } from '../core/raw';
import { isHooked } from './disguise';
import { addListener, apply, getOwnPropertyDescriptor } from './natives';

const eventTarget = getOwnPropertyDescriptor(Event.prototype, 'target')!.get!;
const stopImmediatePropagation = Event.prototype.stopImmediatePropagation;
// Window's own accessors (not HTMLIFrameElement's `contentWindow`: touching that interface would
// build its prototype chain, ~12 KB in every frame, for a request that almost never comes).
const windowAccessor = (name: string) => getOwnPropertyDescriptor(globalThis, name)?.get;
const frameCount = windowAccessor('length');
const frameElementOf = windowAccessor('frameElement');

/** The child window whose frame element is `element`: indexed child access cannot be redefined by a page. */
function childWindowOf(element: unknown): typeof globalThis | undefined {
  const n = apply(frameCount!, globalThis, []) as number;
  for (let i = 0; i < n; i++) {
    const win = (globalThis as unknown as Record<number, typeof globalThis>)[i];
    try {
      if (apply(frameElementOf!, win, []) === element) return win;
    } catch {
      // a cross-origin child
    }
  }
  return undefined;
}

/**
 * Hooks the realm of a same-origin child frame where no hook of its own runs (Chrome: sandboxed
 * without scripts; only this realm's scripts can use its WebSocket), when that frame's relay asks
 * for it on the frame element. A page forging the request gains nothing: a frame already hooked,
 * or not a child frame's element, is left alone. The listener comes first and stops the event.
 */
export function adoptFrames(hookRealm: (win: typeof globalThis) => void): void {
  if (!frameCount || !frameElementOf) return;
  apply(addListener, globalThis, [ADOPT_FRAME_EVENT, (e: Event) => {
    apply(stopImmediatePropagation, e, []);
    try {
      const win = childWindowOf(apply(eventTarget, e, []));
      if (win && !isHooked(win)) hookRealm(win);
    } catch {
      // not same-origin after all
    }
  }, true]);
}
