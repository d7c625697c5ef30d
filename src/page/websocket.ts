import type { HookCommand, HookCommandResult, RawPayload, RawRecord } from '../core/raw';
import { disguiseAs } from './disguise';
import {
  addListener,
  apply,
  ArrayBufferNative,
  BlobNative,
  bufferSlice,
  construct,
  defineProperty,
  dispatch,
  epochNow,
  getOwnPropertyDescriptor,
  isArray,
  isView,
  MapNative,
  MessageEventNative,
  StringNative,
  Uint8ArrayNative,
  URLNative,
  WeakMapNative,
  WeakRefNative,
} from './natives';

type Emit = (record: RawRecord) => void;

const OPEN = 1;

/** A copy the page can no longer change (it may reuse or detach its buffer after send()). */
function snapshotPayload(data: unknown): RawPayload {
  if (typeof data === 'string') return data;
  if (data instanceof BlobNative) return data;
  if (data instanceof ArrayBufferNative) return apply(bufferSlice, data, [0]);
  if (isView(data)) {
    const v = data as ArrayBufferView;
    return new Uint8ArrayNative(new Uint8ArrayNative(v.buffer, v.byteOffset, v.byteLength)).buffer;
  }
  return StringNative(data);
}

function requestedProtocols(arg: unknown): string[] {
  if (arg === undefined) return [];
  if (typeof arg === 'string') return [arg];
  if (isArray(arg)) {
    const out: string[] = [];
    for (let i = 0; i < arg.length; i++) out[i] = StringNative(arg[i]);
    return out;
  }
  return [StringNative(arg)];
}

/**
 * Wraps `WebSocket` in this realm: a Proxy keeps the native constructor's identity, statics and
 * subclassing; `send`, `close` and the `binaryType` setter are replaced by stand-ins that call the
 * natives; events are observed with the socket's own native listeners, added before the page's.
 */
export function wrapWebSocket(win: typeof globalThis, emit: Emit) {
  const Native = win.WebSocket;
  const proto = Native.prototype;
  const get = (name: string) => getOwnPropertyDescriptor(proto, name)!.get!;
  const urlOf = get('url');
  const readyStateOf = get('readyState');
  const protocolOf = get('protocol');
  const extensionsOf = get('extensions');
  const binaryTypeOf = get('binaryType');
  const bufferedAmountOf = get('bufferedAmount');
  const binaryTypeDescriptor = getOwnPropertyDescriptor(proto, 'binaryType')!;
  const nativeSend = proto.send;
  const nativeClose = proto.close;

  const ids = new WeakMapNative<WebSocket, number>();
  const sockets = new MapNative<number, WeakRef<WebSocket>>();
  let nextId = 1;
  let simulating = false;

  const track = (ws: WebSocket, protocols: string[]): number => {
    const id = nextId++;
    ids.set(ws, id);
    sockets.set(id, new WeakRefNative(ws));
    emit({
      k: 'created', id, t: epochNow(), url: apply(urlOf, ws, []), protocols,
      binaryType: apply(binaryTypeOf, ws, []), frameUrl: win.location.href, api: 'websocket',
    });
    apply(addListener, ws, ['open', () => {
      emit({ k: 'open', id, t: epochNow(), protocol: apply(protocolOf, ws, []), extensions: apply(extensionsOf, ws, []) });
    }]);
    apply(addListener, ws, ['message', (e: MessageEvent) => {
      const data = e.data instanceof ArrayBufferNative ? apply(bufferSlice, e.data, [0]) : e.data;
      emit({ k: 'message', id, t: epochNow(), dir: 'received', data, ...(simulating ? { origin: 'simulated' as const } : {}) });
    }]);
    apply(addListener, ws, ['error', () => emit({ k: 'error', id, t: epochNow() })]);
    apply(addListener, ws, ['close', (e: CloseEvent) => {
      emit({ k: 'closed', id, t: epochNow(), code: e.code, reason: e.reason, wasClean: e.wasClean });
      sockets.delete(id);
    }]);
    return id;
  };
  const idOf = (ws: WebSocket) => ids.get(ws) ?? track(ws, []);

  const recordSend = (ws: WebSocket, data: unknown, origin?: 'devtools') => {
    const id = idOf(ws);
    if (apply(readyStateOf, ws, []) !== OPEN) {
      emit({ k: 'send-failed', id, t: epochNow(), error: 'NotSent', message: 'The socket is closing or closed; the browser discarded the data.' });
      return;
    }
    emit({
      k: 'message', id, t: epochNow(), dir: 'sent', data: snapshotPayload(data),
      bufferedAmount: apply(bufferedAmountOf, ws, []), ...(origin ? { origin } : {}),
    });
  };

  const standIns = {
    send(this: WebSocket, _data: unknown) {
      try {
        // eslint-disable-next-line prefer-rest-params
        apply(nativeSend, this, arguments as unknown as unknown[]);
      } catch (error) {
        if (ids.has(this)) {
          const e = error as DOMException;
          emit({ k: 'send-failed', id: ids.get(this)!, t: epochNow(), error: e?.name ?? 'Error', message: e?.message ?? StringNative(e) });
        }
        throw error;
      }
      recordSend(this, _data);
    },
    close(this: WebSocket) {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments as unknown as unknown[];
      const code = args[0] === undefined ? undefined : Number(args[0]);
      const reason = args[1] === undefined ? undefined : StringNative(args[1]);
      try {
        apply(nativeClose, this, args);
      } catch (error) {
        if (ids.has(this)) {
          emit({ k: 'close-called', id: ids.get(this)!, t: epochNow(), code, reason, error: (error as DOMException)?.name ?? 'Error' });
        }
        throw error;
      }
      emit({ k: 'close-called', id: idOf(this), t: epochNow(), code, reason });
    },
  };
  const binaryTypeSetter = getOwnPropertyDescriptor({
    set binaryType(value: unknown) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const ws = this as unknown as WebSocket;
      const before = apply(binaryTypeOf, ws, []);
      apply(binaryTypeDescriptor.set!, ws, [value]);
      const after = apply(binaryTypeOf, ws, []);
      if (after !== before && ids.has(ws)) emit({ k: 'binary-type', id: ids.get(ws)!, t: epochNow(), binaryType: after });
    },
  }, 'binaryType')!.set!;

  disguiseAs(standIns.send, nativeSend);
  disguiseAs(standIns.close, nativeClose);
  disguiseAs(binaryTypeSetter, binaryTypeDescriptor.set!);
  defineProperty(proto, 'send', { ...getOwnPropertyDescriptor(proto, 'send'), value: standIns.send });
  defineProperty(proto, 'close', { ...getOwnPropertyDescriptor(proto, 'close'), value: standIns.close });
  defineProperty(proto, 'binaryType', { ...binaryTypeDescriptor, set: binaryTypeSetter });

  const Wrapped = new Proxy(Native, {
    construct(target, args, newTarget) {
      const ws = construct(target, args, newTarget) as WebSocket;
      track(ws, requestedProtocols(args[1]));
      return ws;
    },
  });
  disguiseAs(Wrapped, Native);
  defineProperty(proto, 'constructor', { ...getOwnPropertyDescriptor(proto, 'constructor'), value: Wrapped });
  defineProperty(win, 'WebSocket', { ...getOwnPropertyDescriptor(win, 'WebSocket'), value: Wrapped });

  /** Runs a command from the DevTools panel on one of this realm's sockets. */
  return function runCommand(command: HookCommand): HookCommandResult {
    const ws = sockets.get(command.socket)?.deref();
    if (!ws) return { k: 'result', id: command.id, ok: false, error: 'The socket no longer exists.' };
    if (apply(readyStateOf, ws, []) !== OPEN) return { k: 'result', id: command.id, ok: false, error: 'The socket is not open.' };
    try {
      if (command.k === 'send') {
        apply(nativeSend, ws, [command.data]);
        recordSend(ws, command.data, 'devtools');
      } else {
        const binary = typeof command.data !== 'string';
        const data = binary && apply(binaryTypeOf, ws, []) === 'blob' ? new BlobNative([command.data]) : command.data;
        const origin = new URLNative(apply(urlOf, ws, [])).origin;
        simulating = true;
        try {
          apply(dispatch, ws, [new MessageEventNative('message', { data, origin })]);
        } finally {
          simulating = false;
        }
      }
      return { k: 'result', id: command.id, ok: true };
    } catch (error) {
      return { k: 'result', id: command.id, ok: false, error: StringNative(error) };
    }
  };
}
