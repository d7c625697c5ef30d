import type { RawRecord } from '../core/raw';
import {
  addListener,
  append,
  apply,
  dispatch,
  MessageChannelNative,
  MessageEventNative,
  messageEventData,
  portPostMessage,
  portStart,
  postTask,
  removeListener,
  sequence,
} from './natives';
import { HOOK_PORT_EVENT, RELAY_READY_EVENT } from '../core/raw';

/** Records wait this long to travel together (a delayed task: no timer id is taken from the page). */
const FLUSH_MS = 8;
const FLUSH_AT = 1024;

export type Emit = (record: RawRecord, transfer?: ArrayBuffer) => void;

/**
 * The page side of the private channel to the relay: a MessagePort handed over in a cancelable DOM
 * event dispatched synchronously at document_start, before any page script can listen. The relay
 * cancels the event to say it took the port. If the relay is not there yet, the hook hands the port
 * over once more when the relay announces itself, and never again: a page script cannot make the
 * hook give its port away later by forging that announcement.
 *
 * Records are queued and posted in batches; ArrayBuffers the hook copied are transferred, not cloned.
 * Nothing here passes through page-patchable prototypes (see `append` and `sequence`).
 */
export function openChannel(onCommand: (command: unknown) => void) {
  const channel = new MessageChannelNative();
  const port = channel.port1;
  let queue: RawRecord[] = [];
  let transfer: ArrayBuffer[] = [];
  let scheduled = false;
  let nextSocketId = 1;

  const handOver = () =>
    !apply(dispatch, document, [new MessageEventNative(HOOK_PORT_EVENT, { __proto__: null, ports: sequence([channel.port2]) as MessagePort[], cancelable: true } as MessageEventInit)]);
  if (!handOver()) {
    const onRelayReady = () => {
      apply(removeListener, document, [RELAY_READY_EVENT, onRelayReady]);
      handOver();
    };
    apply(addListener, document, [RELAY_READY_EVENT, onRelayReady]);
  }

  apply(addListener, port, ['message', (e: MessageEvent) => onCommand(apply(messageEventData, e, []))]);
  apply(portStart, port, []);

  const flush = () => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    const buffers = transfer;
    queue = [];
    transfer = [];
    try {
      apply(portPostMessage, port, buffers.length > 0 ? [batch, sequence(buffers)] : [batch]);
    } catch {
      // Nothing the hook queues should fail to clone; never let the page see an error from here.
    }
  };
  // The last records of a document that is going away still reach the relay.
  apply(addListener, globalThis, ['pagehide', flush, true]);

  // Without scheduler.postTask: a message to itself on a private channel (no timer id either).
  let ping: MessagePort | undefined;
  const schedule = () => {
    if (postTask(flush, FLUSH_MS)) return;
    if (!ping) {
      const c = new MessageChannelNative();
      ping = c.port2;
      apply(addListener, c.port1, ['message', flush]);
      apply(portStart, c.port1, []);
    }
    apply(portPostMessage, ping, [0]);
  };

  const emit: Emit = (record, buffer) => {
    append(queue, record);
    if (buffer) append(transfer, buffer);
    if (queue.length >= FLUSH_AT) flush();
    else if (!scheduled) {
      scheduled = true;
      schedule();
    }
  };

  return {
    emit,
    /** Socket ids, unique in this document across WebSocket and WebSocketStream. */
    nextSocketId: () => nextSocketId++,
    reply(message: unknown) {
      apply(portPostMessage, port, [message]);
    },
  };
}
