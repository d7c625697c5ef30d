import { hideFrames, replaceMethod } from './disguise';
import { apply, getOwnPropertyDescriptor, getPrototypeOf, isPrimitive, observe, ownValue, privateWeakMap, quietly } from './natives';

const ignore = () => {};

export interface StreamTaps {
  /** Starts watching a socket's own streams (the natives the page gets). */
  watch(readable: object, writable: object, id: number): void;
}

/**
 * Watches the chunks that pass through some streams (a WebSocketStream's readable and writable)
 * without standing between the page and them: the page keeps the native streams, with their
 * backpressure, errors and timing. The stream classes' methods that move chunks are stand-ins that
 * call the natives and, for a watched stream, note what went through:
 * - a reader or writer (getReader / getWriter), an async iterator (values / Symbol.asyncIterator)
 *   of a watched stream is watched too;
 * - `read()` / the iterator's `next()`: each chunk the page reads;
 * - `write()`: each chunk the browser accepted, or the error it rejected the write with;
 * - `pipeTo()` / `pipeThrough()` from or into a watched stream, where the browser moves the chunks
 *   itself: the source is piped through a recording TransformStream first.
 * Every other stream goes straight to the native after one WeakMap lookup. A rejection the native
 * creates at once (a reader or writer method called on the wrong object, a pipe from a locked
 * stream) carries the stand-in's frame in its stack: no reaction re-roots it, since one would mark
 * the page's promise handled.
 */
export function tapStreams(
  win: typeof globalThis,
  onChunk: (id: number, dir: 'sent' | 'received', chunk: unknown) => void,
  onRejected: (id: number, error: unknown) => void,
): StreamTaps | undefined {
  const RS = win.ReadableStream;
  const WS = win.WritableStream;
  const TS = win.TransformStream;
  const Reader = win.ReadableStreamDefaultReader;
  const Writer = win.WritableStreamDefaultWriter;
  const Controller = win.TransformStreamDefaultController;
  if (typeof RS !== 'function' || typeof WS !== 'function' || typeof TS !== 'function' || typeof Reader !== 'function' || typeof Writer !== 'function' || typeof Controller !== 'function') return undefined;
  const readableProto = RS.prototype;
  const writableProto = WS.prototype;
  const nativeGetReader = readableProto.getReader;
  const nativeGetWriter = writableProto.getWriter;
  const nativeRead = Reader.prototype.read;
  const nativeWrite = Writer.prototype.write;
  const nativePipeTo = readableProto.pipeTo;
  const nativePipeThrough = readableProto.pipeThrough;
  const nativeValues = (readableProto as { values?: (this: ReadableStream) => AsyncIterator<unknown> }).values;
  const enqueue = Controller.prototype.enqueue;
  const readableLocked = getOwnPropertyDescriptor(readableProto, 'locked')!.get!;
  const writableLocked = getOwnPropertyDescriptor(writableProto, 'locked')!.get!;
  /** A watched stream, or its reader, writer or async iterator → its socket. */
  const socketOf = privateWeakMap<object, number>();
  const idOf = (v: unknown) => (v !== null && typeof v === 'object' ? socketOf.get(v) : undefined);

  const noteRead = (id: number) =>
    quietly((result: unknown) => {
      if (ownValue(result, 'done') !== true) onChunk(id, 'received', ownValue(result, 'value'));
    });
  const isLocked = (getter: Function, stream: unknown) => {
    try {
      return apply(getter, stream, []) as boolean;
    } catch {
      return true; // not a stream: the native answers
    }
  };
  /** `source` piped through a TransformStream that notes each chunk (for `id`, as `dir`). */
  const recorded = (source: ReadableStream, id: number, dir: 'sent' | 'received') => {
    const recorder = new TS({
      __proto__: null,
      transform(chunk: unknown, controller: TransformStreamDefaultController) {
        quietly(onChunk)(id, dir, chunk);
        apply(enqueue, controller, [chunk]);
      },
    } as Transformer);
    return apply(nativePipeThrough, source, [recorder]) as ReadableStream;
  };

  class StandIns {
    getReader(this: ReadableStream) {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments as unknown as unknown[];
      let reader: object;
      try {
        reader = apply(nativeGetReader, this, args);
      } catch (error) {
        throw isPrimitive(args[0]) ? hideFrames(error, StandIns.prototype.getReader) : error;
      }
      const id = socketOf.get(this);
      if (id !== undefined) socketOf.set(reader, id);
      return reader;
    }

    getWriter(this: WritableStream) {
      let writer: object;
      try {
        writer = apply(nativeGetWriter, this, []);
      } catch (error) {
        throw hideFrames(error, StandIns.prototype.getWriter);
      }
      const id = socketOf.get(this);
      if (id !== undefined) socketOf.set(writer, id);
      return writer;
    }

    read(this: ReadableStreamDefaultReader) {
      // eslint-disable-next-line prefer-rest-params
      const read = apply(nativeRead, this, arguments as unknown as unknown[]) as Promise<unknown>;
      const id = socketOf.get(this);
      if (id !== undefined) observe(read, noteRead(id), ignore);
      return read;
    }

    write(this: WritableStreamDefaultWriter) {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments as unknown as unknown[];
      const id = socketOf.get(this);
      const written = apply(nativeWrite, this, args) as Promise<unknown>;
      if (id !== undefined) {
        const chunk = args[0];
        observe(written, quietly(() => onChunk(id, 'sent', chunk)), quietly((error: unknown) => onRejected(id, error)));
      }
      return written;
    }

    pipeTo(this: ReadableStream, destination: unknown) {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments as unknown as unknown[];
      const from = socketOf.get(this);
      const into = idOf(destination);
      if ((from === undefined && into === undefined) || isLocked(readableLocked, this) || isLocked(writableLocked, destination)) {
        return apply(nativePipeTo, this, args);
      }
      let source: ReadableStream = this;
      if (from !== undefined) source = recorded(source, from, 'received');
      if (into !== undefined) source = recorded(source, into, 'sent');
      return apply(nativePipeTo, source, args);
    }

    pipeThrough(this: ReadableStream, _transform: unknown) { // a parameter for the native's length (1)
      // eslint-disable-next-line prefer-rest-params
      const args = arguments as unknown as unknown[];
      const from = socketOf.get(this);
      const source = from !== undefined && !isLocked(readableLocked, this) ? recorded(this, from, 'received') : this;
      try {
        return apply(nativePipeThrough, source, args);
      } catch (error) {
        throw hideFrames(error, StandIns.prototype.pipeThrough);
      }
    }

    values(this: ReadableStream) {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments as unknown as unknown[];
      let iterator: object;
      try {
        iterator = apply(nativeValues!, this, args);
      } catch (error) {
        throw isPrimitive(args[0]) ? hideFrames(error, StandIns.prototype.values) : error;
      }
      const id = socketOf.get(this);
      if (id !== undefined) socketOf.set(iterator, id);
      return iterator;
    }
  }
  replaceMethod(readableProto, 'getReader', StandIns.prototype.getReader);
  replaceMethod(writableProto, 'getWriter', StandIns.prototype.getWriter);
  replaceMethod(Reader.prototype, 'read', StandIns.prototype.read);
  replaceMethod(Writer.prototype, 'write', StandIns.prototype.write);
  replaceMethod(readableProto, 'pipeTo', StandIns.prototype.pipeTo);
  replaceMethod(readableProto, 'pipeThrough', StandIns.prototype.pipeThrough);

  if (typeof nativeValues === 'function') {
    // `for await` and values() share one native (and so one stand-in); their iterator's next() is watched.
    const iteratorProto = getPrototypeOf(apply(nativeValues, new RS(), [])) as { next(): Promise<unknown> };
    const nativeNext = iteratorProto.next;
    const next = class {
      next(this: object) {
        // eslint-disable-next-line prefer-rest-params
        const step = apply(nativeNext, this, arguments as unknown as unknown[]) as Promise<unknown>;
        const id = socketOf.get(this);
        if (id !== undefined) observe(step, noteRead(id), ignore);
        return step;
      }
    }.prototype.next;
    replaceMethod(readableProto, 'values', StandIns.prototype.values);
    if ((readableProto as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === nativeValues) replaceMethod(readableProto, Symbol.asyncIterator, StandIns.prototype.values);
    replaceMethod(iteratorProto, 'next', next);
  }

  return {
    watch(readable, writable, id) {
      socketOf.set(readable, id);
      socketOf.set(writable, id);
    },
  };
}
