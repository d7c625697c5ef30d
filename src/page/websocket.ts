import type { HookCommand, HookCommandResult, HoldRequest, RawPayload } from '../core/raw';
import type { InterceptMark } from '../core/model';
import type { Emit } from './channel';
import { createInterception, type Synthetic } from './intercept';
import { convertedArguments, isReplay, isUnread, replayedItems } from './protocols-argument';
import { answer, callWith, standInMethod, standInSetter, wrapConstructor, type Step } from './disguise';
import { pageStack } from './initiator';
import {
  addListener,
  append,
  apply,
  BlobNative,
  dispatch,
  epochNow,
  getOwnPropertyDescriptor,
  isArray,
  isArrayBuffer,
  isBlob,
  isPrimitive,
  isView,
  ownValue,
  closeEventCode,
  closeEventReason,
  closeEventWasClean,
  CloseEventNative,
  copyBytes,
  EventNative,
  messageEventLastEventId,
  messageEventOrigin,
  errorField,
  eventIsTrusted,
  hasOwn,
  MessageEventNative,
  messageEventData,
  privateMap,
  privateWeakMap,
  quietly,
  sequence,
  urlOrigin,
  weakRefDeref,
  NumberNative,
  StringNative,
  URLNative,
  WeakRefNative,
} from './natives';

const OPEN = 1;
const CLOSED = 3;

/**
 * A binary payload as the record keeps it: bytes the page can no longer change (it may reuse,
 * transfer or detach its buffer after send()) in a copy the hook owns (and transfers to the relay),
 * or a Blob as it is (immutable; the relay reads it, in order). Undefined for anything else.
 */
export function snapshotBinary(data: unknown): { data: ArrayBuffer | Blob; copy?: ArrayBuffer } | undefined {
  if (isView(data) || isArrayBuffer(data)) {
    const copy = copyBytes(data);
    return { data: copy, copy };
  }
  if (isBlob(data)) return { data };
  return undefined;
}

/** True for a primitive or an array of primitives: converting it (to strings) runs no page code. */
export function primitives(v: unknown): boolean {
  if (isPrimitive(v)) return true;
  if (!isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const d = getOwnPropertyDescriptor(v, i);
    if (d && (!hasOwn(d, 'value') || !isPrimitive(d.value))) return false;
  }
  return true;
}

/** The requested sub-protocols as far as reading them cannot run page code (strings, arrays of strings). */
export function requestedProtocols(arg: unknown): string[] {
  if (arg === undefined) return [];
  if (typeof arg === 'string') return [arg];
  const replayed = replayedItems(arg);
  if (replayed) return replayed;
  if (isUnread(arg)) return [];
  const out: string[] = [];
  if (isArray(arg)) {
    for (let i = 0; i < arg.length; i++) {
      const d = getOwnPropertyDescriptor(arg, i);
      if (d && hasOwn(d, 'value') && typeof d.value === 'string') append(out, d.value);
    }
  }
  return out;
}

/**
 * Wraps `WebSocket` in this realm, keeping the native object, prototype and event dispatch:
 * - a Proxy on the constructor keeps identity, statics, `instanceof` and subclassing, and starts
 *   observing each new socket with native listeners added before any of the page's;
 * - `send`, `close`, the `binaryType` setter and the `on*` handler setters are stand-ins that call
 *   the natives (the setters also adopt a socket made by a constructor obtained before the hook ran).
 * Only trusted events count (a page may dispatch events of its own on a socket), and the hook's
 * listeners are capture listeners added first, so that no page listener can stop them.
 * Answers the runner of DevTools commands on this realm's sockets.
 */
export function wrapWebSocket(win: typeof globalThis, emit: Emit, newId: () => number, hold: (request: HoldRequest) => void = () => {}) {
  const Native = win.WebSocket;
  const proto = Native.prototype;
  const get = (name: string) => getOwnPropertyDescriptor(proto, name)!.get!;
  const urlOf = get('url');
  const readyStateOf = get('readyState');
  const protocolOf = get('protocol');
  const extensionsOf = get('extensions');
  const binaryTypeOf = get('binaryType');
  const bufferedAmountOf = get('bufferedAmount');
  const nativeSend = proto.send;
  const nativeClose = proto.close;

  const ids = privateWeakMap<object, number>();
  const sockets = privateMap<number, WeakRef<WebSocket>>();
  /** Set while the hook dispatches an event of its own: its listeners record it, marked so. */
  let synthetic: Synthetic | undefined;

  const track = (ws: WebSocket, protocols: string[], adopted?: true): number => {
    const id = newId();
    ids.set(ws, id);
    sockets.set(id, new WeakRefNative(ws));
    emit({ k: 'created', id, t: epochNow(), url: apply(urlOf, ws, []), protocols, binaryType: apply(binaryTypeOf, ws, []), api: 'websocket', adopted });
    const listen = (type: string, listener: (e: Event) => void) =>
      apply(addListener, ws, [type, quietly((e: Event) => {
        if (synthetic !== undefined || apply(eventIsTrusted, e, [])) listener(e);
      }), true]);
    listen('open', () => emit({ k: 'open', id, t: epochNow(), protocol: apply(protocolOf, ws, []), extensions: apply(extensionsOf, ws, []) }));
    listen('message', (e) => {
      const t = epochNow();
      const data: unknown = apply(messageEventData, e, []);
      const s = synthetic;
      if (s === undefined && interception.state.on && interception.takeReceived(ws, id, e as MessageEvent, data, apply(messageEventOrigin, e, []), apply(messageEventLastEventId, e, []))) return;
      const copy = typeof data !== 'string' && isArrayBuffer(data) ? copyBytes(data) : undefined;
      const payload = (copy ?? data) as RawPayload;
      emit(s === undefined
        ? { k: 'message', id, t, dir: 'received', data: payload }
        : { k: 'message', id, t, dir: 'received', data: payload, origin: s.origin, intercept: s.intercept, original: s.original as RawPayload | undefined, delay: s.delay }, copy);
    });
    listen('error', (e) => {
      const s = synthetic;
      if (s === undefined && interception.state.on && interception.takeLifecycle(id, e, 'error', 0, '', false)) return;
      emit(s?.byDevtools ? { k: 'error', id, t: epochNow(), byDevtools: true } : { k: 'error', id, t: epochNow() });
    });
    listen('close', (e) => {
      const s = synthetic;
      const code: number = apply(closeEventCode, e, []);
      const reason: string = apply(closeEventReason, e, []);
      const wasClean: boolean = apply(closeEventWasClean, e, []);
      if (s === undefined && interception.state.on && interception.takeLifecycle(id, e, 'close', code, reason, wasClean)) return;
      emit(s?.byDevtools ? { k: 'closed', id, t: epochNow(), code, reason, wasClean, byDevtools: true } : { k: 'closed', id, t: epochNow(), code, reason, wasClean });
      sockets.delete(id);
      if (interception.state.on) interception.closed(id);
    });
    return id;
  };

  /** A socket the constructor stand-in never saw (made with a constructor taken before the hook ran). */
  const adopt = (ws: WebSocket): number => {
    const id = track(ws, [], true);
    const state = apply(readyStateOf, ws, []);
    if (state >= OPEN && state < CLOSED) {
      emit({ k: 'open', id, t: epochNow(), protocol: apply(protocolOf, ws, []), extensions: apply(extensionsOf, ws, []) });
    }
    return id;
  };
  const idOf = (ws: WebSocket) => ids.get(ws) ?? adopt(ws);
  const isSocket = (v: unknown): v is WebSocket => {
    if (ids.has(v as object)) return true;
    try {
      apply(readyStateOf, v, []);
      return true;
    } catch {
      return false;
    }
  };

  const recordSend = (ws: WebSocket, data: unknown, origin?: 'devtools', s?: Synthetic) => {
    const id = idOf(ws);
    if (apply(readyStateOf, ws, []) !== OPEN) {
      emit({ k: 'send-failed', id, t: epochNow(), error: 'NotSent', message: 'The socket is closing or closed; the browser discarded the data.' });
      return;
    }
    const binary = typeof data === 'string' ? undefined : snapshotBinary(data);
    const payload = binary ? binary.data : StringNative(data);
    const bufferedAmount: number = apply(bufferedAmountOf, ws, []);
    const t = epochNow();
    emit(s
      ? { k: 'message', id, t, dir: 'sent', data: payload, bufferedAmount, intercept: s.intercept, original: s.original as RawPayload | undefined, delay: s.delay }
      : origin ? { k: 'message', id, t, dir: 'sent', data: payload, bufferedAmount, origin } : { k: 'message', id, t, dir: 'sent', data: payload, bufferedAmount }, binary?.copy);
  };

  const interception = createInterception({
    hold,
    deliverSent(ws, data, s) {
      apply(nativeSend, ws, [data]);
      recordSend(ws, data, undefined, s);
    },
    recordStopped(ws, dir, data, mark: InterceptMark) {
      const copy = isArrayBuffer(data) ? (data as ArrayBuffer) : undefined;
      emit({ k: 'message', id: idOf(ws), t: epochNow(), dir, data: data as RawPayload, intercept: mark }, dir === 'sent' ? copy : undefined);
    },
    dispatch(ws, item, data, s) {
      const event = item.kind === 'message'
        ? new MessageEventNative('message', { __proto__: null, data, origin: item.origin, lastEventId: item.lastEventId } as MessageEventInit)
        : item.kind === 'close'
          ? new CloseEventNative('close', { __proto__: null, code: item.code, reason: item.reason, wasClean: item.wasClean } as CloseEventInit)
          : new EventNative('error');
      synthetic = s;
      try {
        apply(dispatch, ws, [event]);
      } finally {
        synthetic = undefined;
      }
    },
    asReceived(ws, data) {
      return typeof data !== 'string' && apply(binaryTypeOf, ws, []) === 'blob' ? new BlobNative(sequence([data]) as BlobPart[]) : data;
    },
    close(ws) {
      apply(nativeClose, ws, []);
    },
  });

  const recordSendQuietly = quietly(recordSend);
  const recordBinaryType = quietly((ws: WebSocket, before: string) => {
    const after = apply(binaryTypeOf, ws, []);
    if (after !== before) emit({ k: 'binary-type', id: ids.get(ws)!, t: epochNow(), binaryType: after });
  });

  type Sending = { __proto__: null; socket: WebSocket; data: unknown };
  const sent = (s: unknown) => recordSendQuietly((s as Sending).socket, (s as Sending).data);
  const sendFailed = quietly((s: unknown, error: unknown) => {
    const socket = (s as Sending).socket;
    if (isSocket(socket)) emit({ k: 'send-failed', id: idOf(socket), t: epochNow(), error: errorField(error, 'name'), message: errorField(error, 'message') });
  });
  const sendPlan = (ws: unknown, pageArgs: ArrayLike<unknown>): Step => {
    let args = pageArgs;
    let data = args[0];
    // An object that is no binary payload is sent as its string: convert it once, here, so page
    // code (its toString) runs once, as with the native alone (WebIDL converts before any check).
    if (args.length > 0 && !isPrimitive(data) && !isView(data) && !isArrayBuffer(data) && !isBlob(data)) {
      data = `${data as string}`;
      args = [data];
    }
    const socket = ws as WebSocket;
    if (interception.state.on && args.length > 0 && ids.has(socket) && interception.holdsSent(ids.get(socket)!) && apply(readyStateOf, socket, []) === OPEN) {
      const held = typeof data === 'string' ? data : snapshotBinary(data)?.data;
      if (held !== undefined) return answer(interception.takeSent(socket, ids.get(socket)!, held));
    }
    return callWith(args, true, { __proto__: null, socket, data } as Sending, sent, sendFailed);
  };

  type Closing = { __proto__: null; socket: WebSocket; code: number | undefined; reason: string | undefined; simple: boolean };
  const closeCalled = quietly((s: unknown) => {
    const { socket, code, reason } = s as Closing;
    emit({ k: 'close-called', id: idOf(socket), t: epochNow(), code, reason });
  });
  const closeFailed = quietly((s: unknown, error: unknown) => {
    const { socket, code, reason, simple } = s as Closing;
    // When the native ran page code (a valueOf), what it threw may be the page's own: not read.
    if (isSocket(socket)) emit({ k: 'close-called', id: idOf(socket), t: epochNow(), code, reason, error: simple ? errorField(error, 'name') : 'Error' });
  });
  const closePlan = (ws: unknown, args: ArrayLike<unknown>): Step => {
    const socket = ws as WebSocket;
    // Read for the record only what reading cannot run page code for; the native converts.
    const code = args[0] === undefined || !isPrimitive(args[0]) || typeof args[0] === 'symbol' || typeof args[0] === 'bigint' ? undefined : NumberNative(args[0]);
    const reason = args[1] === undefined || !isPrimitive(args[1]) || typeof args[1] === 'symbol' ? undefined : StringNative(args[1]);
    if (interception.state.on && ids.has(socket)) quietly(interception.beforeClose)(ids.get(socket)!);
    const simple = isPrimitive(args[0]) && isPrimitive(args[1]);
    return callWith(args, simple, { __proto__: null, socket, code, reason, simple } as Closing, closeCalled, closeFailed);
  };

  type Retyping = { __proto__: null; socket: WebSocket; before: string };
  const retyped = (s: unknown) => recordBinaryType((s as Retyping).socket, (s as Retyping).before);
  const binaryTypePlan = (ws: unknown, args: ArrayLike<unknown>): Step => {
    const socket = ws as WebSocket;
    if (!ids.has(socket)) return callWith(args, isPrimitive(args[0]));
    return callWith(args, isPrimitive(args[0]), { __proto__: null, socket, before: apply(binaryTypeOf, socket, []) } as Retyping, retyped);
  };

  standInMethod(proto, 'send', sendPlan, 1);
  standInMethod(proto, 'close', closePlan, 2);
  standInSetter(proto, 'binaryType', binaryTypePlan);

  // The event handler setters adopt a socket the constructor stand-in never saw, before its handler
  // is set (so the hook's listeners still come first). An indexed loop: a frame adopted late must
  // not iterate through the page's Array.prototype[Symbol.iterator].
  const handlerPlan = (ws: unknown, args: ArrayLike<unknown>): Step => {
    if (!ids.has(ws as object) && isSocket(ws)) quietly(adopt)(ws);
    return callWith(args, true);
  };
  const handlers = ['onopen', 'onmessage', 'onerror', 'onclose'];
  for (let i = 0; i < handlers.length; i++) standInSetter(proto, handlers[i], handlerPlan);

  const created = (ws: WebSocket, args: unknown[]) => {
    const stack = pageStack();
    const id = track(ws, requestedProtocols(args[1]));
    if (stack !== undefined) emit({ k: 'initiator', id, t: epochNow(), stack });
  };
  wrapConstructor<WebSocket>(win, 'WebSocket', Native, created, (args) => isPrimitive(args[0]) && (primitives(args[1]) || isReplay(args[1])), convertedArguments);

  /** Sockets made before this hook ran (a hook that came late, e.g. into a running shared worker): tracked from now on. */
  const adoptLive = (list: ArrayLike<unknown>): void => {
    const n = ownValue(list, 'length') as number;
    for (let i = 0; i < n; i++) {
      const ws = ownValue(list, i);
      if (!ids.has(ws as object) && isSocket(ws) && apply(readyStateOf, ws, []) !== CLOSED) adopt(ws);
    }
  };

  /** Runs a command from the DevTools panel on one of this realm's sockets. */
  function runCommand(command: HookCommand): HookCommandResult {
    if (command.k === 'intercept') {
      interception.configure(command.sent === true, command.received === true, command.releaseAll === true);
      return { k: 'result', id: command.id, ok: true };
    }
    if (command.k === 'release') {
      const ok = interception.release({ hold: command.hold, drop: command.drop, data: command.data, mark: command.mark, delay: command.delay });
      return ok ? { k: 'result', id: command.id, ok } : { k: 'result', id: command.id, ok, error: 'That message is no longer held.' };
    }
    const ref = sockets.get(command.socket);
    const ws = ref && (apply(weakRefDeref, ref, []) as WebSocket | undefined);
    if (!ws) return { k: 'result', id: command.id, ok: false, error: 'The socket no longer exists.' };
    if (apply(readyStateOf, ws, []) !== OPEN) return { k: 'result', id: command.id, ok: false, error: 'The socket is not open.' };
    try {
      if (command.k === 'control') {
        interception.control(ws, command.socket, command);
      } else if (command.k === 'close') {
        apply(nativeClose, ws, [command.code, command.reason]);
      } else if (command.k === 'send') {
        apply(nativeSend, ws, [command.data]);
        recordSend(ws, command.data, 'devtools');
      } else {
        const binary = typeof command.data !== 'string';
        const data = binary && apply(binaryTypeOf, ws, []) === 'blob' ? new BlobNative(sequence([command.data]) as BlobPart[]) : command.data;
        const origin = apply(urlOrigin, new URLNative(apply(urlOf, ws, [])), []);
        synthetic = { origin: 'simulated', intercept: command.mark };
        try {
          apply(dispatch, ws, [new MessageEventNative('message', { __proto__: null, data, origin } as MessageEventInit)]);
        } finally {
          synthetic = undefined;
        }
      }
      return { k: 'result', id: command.id, ok: true };
    } catch (error) {
      return { k: 'result', id: command.id, ok: false, error: `${errorField(error, 'name')}: ${errorField(error, 'message')}` };
    }
  }
  return { runCommand, adoptLive };
}
