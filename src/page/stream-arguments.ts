import { isPrimitive } from './language-natives';
import { isReplay, protocolsOf } from './protocols-argument';

type Dictionary = { [member: string]: unknown };

/**
 * `new WebSocketStream(url, options)` and `stream.close(info)` with a page's object: the hook
 * converts the dictionary as WebIDL does — each member read once with [[Get]], in the dictionary's
 * order, and converted at once — and hands the native a null-prototype dictionary of its own, so a
 * page's Proxy or getters see exactly the native's reads. Where the native would throw on a member,
 * it gets that member as it is, and nothing after it is read.
 */
export function convertedStreamArguments(args: unknown[]): unknown[] {
  if (args.length < 2 || isPrimitive(args[1]) || typeof args[0] === 'symbol') return args;
  const out = [isPrimitive(args[0]) ? args[0] : `${args[0] as string}`, convertedOptions(args[1] as Dictionary)];
  return out;
}

function convertedOptions(v: Dictionary): Dictionary {
  const out: Dictionary = { __proto__: null };
  const protocols = v.protocols;
  if (protocols !== undefined) {
    out.protocols = isPrimitive(protocols) ? protocols : protocolsOf(protocols as object, false);
    if (isPrimitive(protocols) || isReplay(out.protocols)) return out;
  }
  const signal = v.signal;
  if (signal !== undefined) out.signal = signal;
  return out;
}

/** `WebSocketCloseInfo`: `closeCode` (a number), then `reason` (a string). */
export function convertedCloseInfo(v: unknown): unknown {
  if (isPrimitive(v)) return v;
  const out: Dictionary = { __proto__: null };
  const code = (v as Dictionary).closeCode;
  if (code !== undefined) out.closeCode = isPrimitive(code) ? code : +(code as number);
  const reason = (v as Dictionary).reason;
  if (reason !== undefined) out.reason = isPrimitive(reason) ? reason : `${reason as string}`;
  return out;
}
