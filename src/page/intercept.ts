import type { ControlOp, HoldRequest, Release } from '../core/raw';
import type { InterceptMark } from '../core/model';
import { apply, epochNow, privateMap, setTimeoutNative, stopImmediatePropagation } from './natives';

/** What the hook's own listeners add to the record of an event the hook dispatches itself. */
export interface Synthetic {
  origin?: 'simulated';
  intercept?: InterceptMark;
  original?: unknown;
  delay?: number;
  byDevtools?: true;
}

/** Something held back on its way: a message either way, or a close or error the page is owed after held messages. */
interface Held {
  kind: 'message' | 'close' | 'error';
  data: unknown;
  origin: string;
  lastEventId: string;
  code: number;
  reason: string;
  wasClean: boolean;
  /** When the page sent it, or the browser delivered it. */
  t: number;
  /** The panel's hold number while it decides; 0 = nothing to decide. */
  hold: number;
  release: Release | undefined;
  notBefore: number;
  /** Its mark when the panel did not choose one: held while paused, delayed by latency. */
  mark: InterceptMark | undefined;
  /** A close or error DevTools made (server-style close, dropped connection). */
  byDevtools: boolean;
  next: Held | undefined;
}

/** A queue made of the hook's own objects: no page-patchable Array method is ever called. */
interface Queue {
  head: Held | undefined;
  tail: Held | undefined;
}

interface SocketControl {
  ws: WebSocket;
  sent: Queue;
  received: Queue;
  paused: boolean;
  latency: number;
  /** Set once DevTools closed the socket as the server would, or dropped it: what the page sees at the end. */
  ending: { code: number; reason: string; wasClean: boolean; error: boolean } | undefined;
  timer: boolean;
}

export interface InterceptDeps {
  /** Posts a hold request to the relay, after the records queued before it. */
  hold(request: HoldRequest): void;
  /** The native send, and the record of what was delivered. */
  deliverSent(ws: WebSocket, data: unknown, synthetic: Synthetic | undefined): void;
  /** Records a message that never left or never reached the page. */
  recordStopped(ws: WebSocket, dir: 'sent' | 'received', data: unknown, mark: InterceptMark): void;
  /** Dispatches an event made by the hook, its record marked with `synthetic`. */
  dispatch(ws: WebSocket, item: Held, data: unknown, synthetic: Synthetic): void;
  /** The payload for the page: text, or bytes as the socket's binaryType wants them. */
  asReceived(ws: WebSocket, data: string | ArrayBuffer): unknown;
  close(ws: WebSocket): void;
}

const empty = (): Queue => ({ head: undefined, tail: undefined });

/**
 * Breakpoints, rules and connection controls, inside the page's socket. Nothing here runs, and no
 * socket is touched, until the DevTools panel asks for it: `state.on` is the one check the hot
 * paths make. Messages are held per socket and direction in arrival order and leave in that order,
 * each once the panel settled it (or at once when nothing is asked of it), after any delay.
 */
export function createInterception(deps: InterceptDeps) {
  const state = { on: false };
  /** Sockets with controls (a private Map's `size` getter is the page's to patch). */
  let controlled = 0;
  let holdSent = false;
  let holdReceived = false;
  let nextHold = 1;
  const controls = privateMap<number, SocketControl>();
  /** Holds waiting for the panel, by hold number, to find them when the release comes. */
  const waiting = privateMap<number, { item: Held; control: SocketControl; id: number; dir: 'sent' | 'received' }>();

  const update = () => {
    state.on = holdSent || holdReceived || controlled > 0;
  };

  const controlOf = (ws: WebSocket, id: number): SocketControl => {
    let c = controls.get(id);
    if (!c) {
      c = { ws, sent: empty(), received: empty(), paused: false, latency: 0, ending: undefined, timer: false };
      controls.set(id, c);
      controlled++;
      update();
    }
    return c;
  };

  /** Forgets a socket's controls once nothing is held or asked for (the hot path is native again). */
  const settle = (id: number, c: SocketControl) => {
    if (!c.sent.head && !c.received.head && !c.paused && c.latency === 0 && !c.ending && !c.timer) {
      controls.delete(id);
      controlled--;
      update();
    }
  };

  const enqueue = (q: Queue, item: Held) => {
    if (q.tail) q.tail.next = item;
    else q.head = item;
    q.tail = item;
  };

  const item = (kind: Held['kind'], data: unknown, t: number, notBefore: number): Held => ({
    kind, data, origin: '', lastEventId: '', code: 0, reason: '', wasClean: false, t, hold: 0, release: undefined, notBefore, mark: undefined, byDevtools: false, next: undefined,
  });

  /** Everything in the queue may leave now: as the panel settled it, or else unchanged. */
  const now = (q: Queue) => {
    for (let it = q.head; it; it = it.next) {
      const r = it.release;
      it.release = { hold: it.hold, drop: r?.drop, data: r?.data, mark: r?.mark };
      it.notBefore = 0;
      if (it.hold) waiting.delete(it.hold);
    }
  };

  const askPanel = (id: number, c: SocketControl, it: Held, dir: 'sent' | 'received') => {
    it.hold = nextHold++;
    waiting.set(it.hold, { item: it, control: c, id, dir });
    deps.hold({ k: 'hold', socket: id, hold: it.hold, t: it.t, dir, data: it.data as HoldRequest['data'] });
  };

  const leave = (c: SocketControl, dir: 'sent' | 'received', it: Held) => {
    if (it.kind !== 'message') return deps.dispatch(c.ws, it, undefined, it.byDevtools ? { byDevtools: true } : {});
    const r = it.release;
    if (r?.drop) return deps.recordStopped(c.ws, dir, it.data, r.mark ?? 'dropped');
    const changed = r?.data !== undefined;
    const mark = r?.mark ?? (changed ? 'edited' : it.mark);
    const delay = r?.delay || it.mark ? epochNow() - it.t : undefined;
    const synthetic: Synthetic | undefined = mark ? { intercept: mark, original: changed ? it.data : undefined, delay } : undefined;
    if (dir === 'sent') return deps.deliverSent(c.ws, changed ? r!.data : it.data, synthetic);
    deps.dispatch(c.ws, it, changed ? deps.asReceived(c.ws, r!.data!) : it.data, synthetic ?? {});
  };

  /** Lets out of one queue what may leave now, in order; answers when the next one is due. */
  const drain = (c: SocketControl, dir: 'sent' | 'received'): number => {
    const q = c[dir];
    while (q.head) {
      const it = q.head;
      if ((it.hold !== 0 && !it.release) || (dir === 'received' && c.paused)) return Infinity;
      // A delay counts from when the page sent it (or the browser delivered it).
      const delay = it.release?.delay;
      const due = delay ? (it.t + delay > it.notBefore ? it.t + delay : it.notBefore) : it.notBefore;
      if (due > epochNow()) return due;
      q.head = it.next;
      if (!q.head) q.tail = undefined;
      try {
        leave(c, dir, it);
      } catch {
        // a page handler threw: the page saw its own error as it would have; the queue goes on
      }
    }
    return Infinity;
  };

  /** Lets out what may leave now; comes back when a delay runs out. */
  const pump = (id: number, c: SocketControl) => {
    const sentDue = drain(c, 'sent');
    const receivedDue = drain(c, 'received');
    const wake = sentDue < receivedDue ? sentDue : receivedDue;
    if (wake !== Infinity && !c.timer) {
      c.timer = true;
      setTimeoutNative(() => {
        c.timer = false;
        pump(id, c);
      }, wake - epochNow());
    }
    settle(id, c);
  };

  return {
    state,

    /** Whether a send on this socket is to be held (asked before its payload is copied). */
    holdsSent: (id: number): boolean => holdSent || controls.get(id)?.sent.head !== undefined,

    /** send() on an open socket whose sends are held (`holdsSent`): send returns as usual. */
    takeSent(ws: WebSocket, id: number, data: unknown): void {
      const control = controls.get(id) ?? controlOf(ws, id);
      const it = item('message', data, epochNow(), 0);
      enqueue(control.sent, it);
      if (holdSent) askPanel(id, control, it, 'sent');
      pump(id, control);
    },

    /** A trusted message event: true when it was stopped here (it reaches the page later, or never). */
    takeReceived(ws: WebSocket, id: number, e: MessageEvent, data: unknown, origin: string, lastEventId: string): boolean {
      const c = controls.get(id);
      if (!holdReceived && !c) return false;
      const control = c ?? controlOf(ws, id);
      apply(stopImmediatePropagation, e, []);
      const t = epochNow();
      if (control.ending) {
        deps.recordStopped(ws, 'received', data, 'dropped');
        settle(id, control);
        return true;
      }
      const it = item('message', data, t, t + control.latency);
      it.mark = control.paused ? 'held' : control.latency > 0 ? 'delayed' : undefined;
      it.origin = origin;
      it.lastEventId = lastEventId;
      enqueue(control.received, it);
      if (holdReceived) askPanel(id, control, it, 'received');
      pump(id, control);
      return true;
    },

    /** A trusted error or close event: held behind held messages, or replaced by the ending DevTools chose. */
    takeLifecycle(id: number, e: Event, kind: 'close' | 'error', code: number, reason: string, wasClean: boolean): boolean {
      const c = controls.get(id);
      if (!c || (!c.received.head && !c.ending)) return false;
      apply(stopImmediatePropagation, e, []);
      const end = c.ending;
      if (end) {
        if (kind === 'error') return true;
        if (end.error) {
          const error = item('error', undefined, epochNow(), 0);
          error.byDevtools = true;
          enqueue(c.received, error);
        }
        code = end.code;
        reason = end.reason;
        wasClean = end.wasClean;
      }
      const it = item(kind, undefined, epochNow(), 0);
      it.byDevtools = end !== undefined;
      it.code = code;
      it.reason = reason;
      it.wasClean = wasClean;
      enqueue(c.received, it);
      pump(id, c);
      return true;
    },

    /** close() by the page: what it sent before leaves first, as it would have without DevTools. */
    beforeClose(id: number): void {
      const c = controls.get(id);
      if (!c?.sent.head) return;
      now(c.sent);
      pump(id, c);
    },

    configure(sent: boolean, received: boolean, releaseAll: boolean): void {
      holdSent = sent;
      holdReceived = received;
      update();
      if (!releaseAll) {
        // A panel that (re)subscribes hears of what is still waiting for it: a worker that stopped may have lost a request.
        waiting.forEach((w) => deps.hold({ k: 'hold', socket: w.id, hold: w.item.hold, t: w.item.t, dir: w.dir, data: w.item.data as HoldRequest['data'] }));
        return;
      }
      // The panel went away: everything held leaves now, unchanged unless the panel already settled it.
      controls.forEach((c, id) => {
        c.paused = false;
        c.latency = 0;
        now(c.sent);
        now(c.received);
        pump(id, c);
      });
    },

    release(r: Release): boolean {
      const w = waiting.get(r.hold);
      if (!w || w.item.release) return false;
      waiting.delete(r.hold);
      w.item.release = r;
      pump(w.id, w.control);
      return true;
    },

    control(ws: WebSocket, id: number, op: ControlOp): void {
      const c = controlOf(ws, id);
      switch (op.op) {
        case 'pause':
          c.paused = true;
          break;
        case 'resume':
          c.paused = false;
          break;
        case 'latency':
          c.latency = op.ms;
          break;
        case 'server-close':
        case 'drop':
          c.ending = op.op === 'drop'
            ? { code: 1006, reason: '', wasClean: false, error: true }
            : { code: op.code, reason: op.reason, wasClean: true, error: false };
          deps.close(ws);
          break;
      }
      pump(id, c);
    },

    /** The socket's close event reached the page (or was owed and delivered): its controls can go. */
    closed(id: number): void {
      const c = controls.get(id);
      if (!c) return;
      c.ending = undefined;
      c.paused = false;
      c.latency = 0;
      settle(id, c);
    },
  };
}

export type Interception = ReturnType<typeof createInterception>;
