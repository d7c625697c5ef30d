import { ADOPT_FRAME_EVENT } from '../core/raw';
import { isHooked } from './disguise';
import { addListener, apply, getOwnPropertyDescriptor } from './natives';

const eventTarget = getOwnPropertyDescriptor(Event.prototype, 'target')!.get!;
const stopImmediatePropagation = Event.prototype.stopImmediatePropagation;
const frameWindow = typeof HTMLIFrameElement === 'function' ? getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!.get! : undefined;

/**
 * Hooks the realm of a same-origin child frame where no hook of its own runs (Chrome: sandboxed
 * without scripts; only this realm's scripts can use its WebSocket), when that frame's relay asks
 * for it on the frame element. A page forging the request gains nothing: a frame already hooked,
 * or not an iframe, is left alone. The listener comes first and stops the event.
 */
export function adoptFrames(hookRealm: (win: typeof globalThis) => void): void {
  if (!frameWindow) return;
  apply(addListener, globalThis, [ADOPT_FRAME_EVENT, (e: Event) => {
    apply(stopImmediatePropagation, e, []);
    try {
      const win = apply(frameWindow, apply(eventTarget, e, []), []) as typeof globalThis | null;
      if (win && !isHooked(win)) hookRealm(win);
    } catch {
      // not an iframe, or not same-origin
    }
  }, true]);
}
