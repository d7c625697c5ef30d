import type { RawWorkerStart } from '../core/raw';
import type { Emit } from './channel';
import { wrapConstructor } from './disguise';
import { apply, epochNow, isPrimitive, StringNative, stringSlice, urlHref } from './natives';

/** A script URL as the page gave it, as far as reading it runs no page code (a primitive, a native URL). */
function scriptUrl(v: unknown): string {
  if (isPrimitive(v)) return typeof v === 'symbol' ? '' : StringNative(v);
  try {
    return apply(urlHref, v, []) as string;
  } catch {
    return ''; // a TrustedScriptURL or an object with its own toString: not read a second time
  }
}

/** Firefox captures the sockets of every worker whose script comes from the network. */
const uncaptured = (url: string) => {
  if (__BROWSER__ !== 'firefox') return true;
  const scheme = apply(stringSlice, url, [0, 5]) as string;
  return scheme === 'blob:' || scheme === 'data:';
};

/**
 * Tells the relay of each worker the page starts (`new Worker`, `new SharedWorker`) whose sockets
 * the extension may not see, so that the panel can say so. Observes only: the natives run with the
 * page's own arguments, and a refused start reports nothing. (Service workers: the relay asks for
 * the origin's registrations itself.)
 */
export function watchWorkerStarts(win: typeof globalThis, emit: Emit): void {
  const report = (kind: RawWorkerStart['kind']) => (_worker: object, args: unknown[]) => {
    const url = scriptUrl(args[0]);
    if (uncaptured(url)) emit({ k: 'worker-started', t: epochNow(), kind, url });
  };
  // An exception is re-rooted at the page's call site whatever the arguments: the natives' own (a
  // refused URL, a bad option) are the ones pages meet; one a page's getter throws from inside the
  // options loses that getter's frames rather than show the hook's.
  const simple = () => true;
  if (typeof win.Worker === 'function') wrapConstructor(win, 'Worker', win.Worker, report('worker'), simple);
  if (typeof win.SharedWorker === 'function') wrapConstructor(win, 'SharedWorker', win.SharedWorker, report('shared-worker'), simple);
}
