import type { CaptureEvent, MessageEvent } from '../model';
import { payloadOf } from '../payload';
import { socketKey } from '../session';
import type { ImportedSocket, Warn } from './imported';
import { readSocketsEvent, type Obj, type ReadError, type ReadMessage } from './read';
import type { HarSocketsExtras } from './types';

/**
 * Restores a socket from an entry Sockets wrote: the record as it was at export time (its state
 * included, even 'open': `imported` is what marks it as not live) and every event with its seq.
 */
export function ownSocket(
  entry: Obj,
  url: string,
  x: HarSocketsExtras,
  items: (ReadMessage | ReadError)[],
  doc: string,
  label: string,
  warn: Warn,
): ImportedSocket {
  const raw = Array.isArray(entry._socketsEvents) ? entry._socketsEvents : [];
  if (!Array.isArray(entry._socketsEvents)) warn('no Sockets event list; lifecycle events left out');
  const lifecycle: CaptureEvent[] = [];
  for (const v of raw) {
    const e = readSocketsEvent(v);
    if (e) lifecycle.push(e);
  }
  if (lifecycle.length < raw.length) warn(`skipped ${raw.length - lifecycle.length} unreadable lifecycle event(s)`);

  const messages: MessageEvent[] = [];
  for (const m of items) {
    if (m.kind === 'message' && m.seq !== undefined) messages.push(messageEvent(m, m.seq, x.socket));
  }
  if (messages.length < items.length) warn(`skipped ${items.length - messages.length} message(s) without a Sockets sequence number`);

  return {
    record: {
      key: socketKey(doc, x.socket),
      doc,
      frameId: x.frameId,
      socket: x.socket,
      url,
      protocols: [...x.protocols],
      frameUrl: x.frameUrl,
      api: x.api,
      protocol: x.protocol,
      extensions: x.extensions,
      binaryType: x.binaryType,
      state: x.state,
      createdAt: x.createdAt,
      ...(x.openedAt !== undefined ? { openedAt: x.openedAt } : {}),
      ...(x.closedAt !== undefined ? { closedAt: x.closedAt } : {}),
      ...(x.close ? { close: { ...x.close } } : {}),
      ...(x.closeCalled ? { closeCalled: { ...x.closeCalled } } : {}),
      errors: x.errors,
      sent: { ...x.sent },
      received: { ...x.received },
      ...(x.notKept ? { notKept: { ...x.notKept } } : {}),
      ...(x.unloaded ? { unloaded: true as const } : {}),
      ...(x.intercepted ? { intercepted: x.intercepted } : {}),
      ...(x.handshake ? { handshake: x.handshake } : {}),
      ...(x.initiator ? { initiator: x.initiator } : {}),
      ...(x.context ? { context: x.context } : {}),
      imported: label,
      ...(x.state !== 'closed' ? { recordedUntil: [...lifecycle, ...messages].reduce((t, e) => Math.max(t, e.time), x.createdAt) } : {}),
    },
    events: mergeBySeq(lifecycle, messages),
    dropped: (x.dropped ?? []).map((d) => ({ kind: 'dropped', seq: d.seq, socket: -1, time: d.time, count: d.count })),
  };
}

export function messageEvent(m: ReadMessage, seq: number, socket: number): MessageEvent {
  return {
    kind: 'message',
    seq,
    socket,
    time: m.time,
    dir: m.dir,
    ...payloadOf(m),
    ...(m.truncated ? { truncated: true } : {}),
    ...(m.bufferedAmount !== undefined ? { bufferedAmount: m.bufferedAmount } : {}),
    ...(m.origin ? { origin: m.origin } : {}),
    ...(m.intercept ? { intercept: m.intercept } : {}),
    ...(m.original ? { original: payloadOf(m.original) } : {}),
    ...(m.delay !== undefined ? { delay: m.delay } : {}),
  };
}

/** Interleaves two lists by seq without reordering either. */
function mergeBySeq(a: CaptureEvent[], b: CaptureEvent[]): CaptureEvent[] {
  const out: CaptureEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].seq <= b[j].seq)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
