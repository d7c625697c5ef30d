import type { RawPayload } from '../core/raw';
import type { Emit } from './channel';
import { hideFrames, replaceMethod, wrapConstructor } from './disguise';
import { tapStreams } from './stream-taps';
import {
  apply,
  epochNow,
  errorField,
  getOwnPropertyDescriptor,
  hasOwn,
  isPrimitive,
  privateMap,
  privateWeakMap,
  observe,
  ownValue,
  quietly,
  StringNative,
} from './natives';
import { primitives, requestedProtocols, snapshotBinary } from './websocket';
import { isReplay } from './protocols-argument';
import { convertedCloseInfo, convertedStreamArguments } from './stream-arguments';

type Stream = { readonly url: string; readonly opened: Promise<unknown>; readonly closed: Promise<unknown>; close(info?: unknown): void };
type StreamConstructor = { new (url: string, options?: unknown): Stream; prototype: Stream };

const abortSignalAborted = typeof AbortSignal === 'function' ? getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')?.get : undefined;
function isAbortSignal(v: unknown): boolean {
  if (!abortSignalAborted || v === null || typeof v !== 'object') return false;
  try {
    apply(abortSignalAborted, v, []);
    return true;
  } catch {
    return false;
  }
}


/**
 * True when converting `v` to a WebIDL dictionary with these members runs no page code: absent, or
 * an object whose members are absent or primitive data properties (arrays of primitives allowed).
 */
function simpleDictionary(v: unknown, members: string[]): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v !== 'object') return false;
  for (let i = 0; i < members.length; i++) {
    const d = getOwnPropertyDescriptor(v, members[i]);
    if (d && (!hasOwn(d, 'value') || !(primitives(d.value) || isReplay(d.value) || isAbortSignal(d.value)))) return false;
  }
  return true;
}

/**
 * Wraps `WebSocketStream` (where the browser has it) the way `wrapWebSocket` wraps WebSocket: a
 * Proxy constructor, a `close` stand-in, and the `opened` / `closed` promises observed with
 * reactions registered before the page can register its own. The page gets the native readable and
 * writable from `opened`; the stream taps note each chunk that passes (see `tapStreams`).
 * Answers whether a socket id belongs to a WebSocketStream.
 */
export function wrapWebSocketStream(win: typeof globalThis, emit: Emit, newId: () => number): (id: number) => boolean {
  const Native = (win as unknown as { WebSocketStream?: StreamConstructor }).WebSocketStream;
  if (typeof Native !== 'function') return () => false;
  const proto = Native.prototype;
  const get = (name: string) => getOwnPropertyDescriptor(proto, name)!.get!;
  const urlOf = get('url');
  const openedOf = get('opened');
  const closedOf = get('closed');
  const nativeClose = proto.close;
  const ids = privateMap<number, true>();
  const idOf = privateWeakMap<object, number>();

  const record = quietly((id: number, dir: 'sent' | 'received', chunk: unknown) => {
    const binary = typeof chunk === 'string' ? undefined : snapshotBinary(chunk);
    if (binary !== undefined || typeof chunk === 'string') {
      emit({ k: 'message', id, t: epochNow(), dir, data: binary ? binary.data : (chunk as RawPayload) }, binary?.copy);
    }
  });
  const taps = tapStreams(win, record, quietly((id: number, error: unknown) => {
    emit({ k: 'send-failed', id, t: epochNow(), error: errorField(error, 'name'), message: errorField(error, 'message') });
  }));

  const onOpened = quietly((id: number, info: unknown) => {
    emit({ k: 'open', id, t: epochNow(), protocol: StringNative(ownValue(info, 'protocol') ?? ''), extensions: StringNative(ownValue(info, 'extensions') ?? '') });
    const readable = ownValue(info, 'readable');
    const writable = ownValue(info, 'writable');
    if (readable && writable && typeof readable === 'object' && typeof writable === 'object') taps!.watch(readable, writable, id);
  });

  const onClosed = quietly((id: number, info: unknown, clean: boolean) => {
    const code = ownValue(info, 'closeCode');
    const reason = ownValue(info, 'reason');
    emit({ k: 'closed', id, t: epochNow(), code: typeof code === 'number' ? code : 1006, reason: typeof reason === 'string' ? reason : '', wasClean: clean });
  });

  const recordClose = quietly((id: number, code: unknown, reason: unknown) => {
    emit({ k: 'close-called', id, t: epochNow(), ...(typeof code === 'number' ? { code } : {}), ...(typeof reason === 'string' ? { reason } : {}) });
  });

  class StandIns {
    close(this: Stream) {
      // eslint-disable-next-line prefer-rest-params
      let args = arguments as unknown as unknown[];
      const id = idOf.get(this);
      // The native checks its receiver before it reads the close info: only a stream's is converted here.
      if (id !== undefined && args.length > 0) args = [convertedCloseInfo(args[0])];
      const code = ownValue(args[0], 'closeCode');
      const reason = ownValue(args[0], 'reason');
      try {
        apply(nativeClose, this, args);
      } catch (error) {
        throw simpleDictionary(args[0], ['closeCode', 'reason']) ? hideFrames(error, StandIns.prototype.close) : error;
      }
      if (id !== undefined) recordClose(id, code, reason);
    }
  }
  replaceMethod(proto, 'close', StandIns.prototype.close);

  wrapConstructor<Stream>(win, 'WebSocketStream', Native, (stream, args) => {
    const id = newId();
    ids.set(id, true);
    idOf.set(stream, id);
    emit({
      k: 'created', id, t: epochNow(), url: apply(urlOf, stream, []), protocols: requestedProtocols(ownValue(args[1], 'protocols')),
      binaryType: 'arraybuffer', api: 'websocketstream',
    });
    // Both promises are marked as handled by the browser, and the reactions never throw (their own
    // promises never reject): these reactions change nothing the page sees.
    observe(apply(openedOf, stream, []), (info: unknown) => onOpened(id, info), quietly(() => emit({ k: 'error', id, t: epochNow() })));
    observe(apply(closedOf, stream, []), (info: unknown) => onClosed(id, info, true), (error: unknown) => onClosed(id, error, false));
  }, (args) => isPrimitive(args[0]) && simpleDictionary(args[1], ['protocols', 'signal']), convertedStreamArguments);
  return (id) => ids.has(id);
}
