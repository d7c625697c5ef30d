import type { HoldRequest, RawBatch, RawRecord, RawWorkerStart } from '../core/raw';
import {
  addListener,
  apply,
  chunkedSequence,
  dispatch,
  MessageChannelNative,
  MessageEventNative,
  messageEventData,
  OWN_LIST_MAX,
  ownList,
  portPostMessage,
  portStart,
  laterTask,
  removeListener,
  sequence,
} from './natives';
import { HOOK_PORT_EVENT, RELAY_READY_EVENT } from '../core/raw';

/** Records wait this long to travel together (a delayed task: no timer id is taken from the page). */
const FLUSH_MS = 8;
const FLUSH_AT = OWN_LIST_MAX;

export type Emit = (record: RawRecord | RawWorkerStart, transfer?: ArrayBuffer) => void;

/**
 * The page side of the private channel to the relay: a MessagePort handed over in a cancelable DOM
 * event dispatched synchronously at document_start, before any page script can listen. The relay
 * cancels the event to say it took the port. If the relay is not there yet, the hook hands the port
 * over once more when the relay announces itself, and never again: a page script cannot make the
 * hook give its port away later by forging that announcement.
 *
 * Records are queued and posted in batches (arrays of up to 64 records each); ArrayBuffers the hook
 * copied are transferred, not cloned. Nothing here passes through page-patchable prototypes (see
 * `ownList` and `sequence`).
 */
export function openChannel(onCommand: (command: unknown) => void) {
  const channel = new MessageChannelNative();
  const port = channel.port1;
  const queue = ownList<RawRecord | RawWorkerStart>();
  const transfer = ownList<ArrayBuffer>();
  let scheduled = false;
  let nextSocketId = 1;

  const handOver = () =>
    !apply(dispatch, globalThis, [new MessageEventNative(HOOK_PORT_EVENT, { __proto__: null, ports: sequence([channel.port2]) as MessagePort[], cancelable: true } as MessageEventInit)]);
  if (!handOver()) {
    const onRelayReady = () => {
      apply(removeListener, globalThis, [RELAY_READY_EVENT, onRelayReady]);
      handOver();
    };
    apply(addListener, globalThis, [RELAY_READY_EVENT, onRelayReady]);
  }

  apply(addListener, port, ['message', (e: MessageEvent) => onCommand(apply(messageEventData, e, []))]);
  apply(portStart, port, []);

  const flush = () => {
    scheduled = false;
    if (queue.size() === 0) return;
    const hasBuffers = transfer.size() > 0;
    const batch: RawBatch = queue.take();
    const buffers = hasBuffers ? transfer.take() : undefined;
    try {
      apply(portPostMessage, port, buffers ? [batch, chunkedSequence(buffers)] : [batch]);
    } catch {
      // Nothing the hook queues should fail to clone; never let the page see an error from here.
    }
  };
  // The last records of a document that is going away still reach the relay.
  apply(addListener, globalThis, ['pagehide', flush, true]);

  const schedule = laterTask(flush, FLUSH_MS);

  const emit: Emit = (record, buffer) => {
    queue.add(record);
    if (buffer) transfer.add(buffer);
    if (queue.size() >= FLUSH_AT) flush();
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
    /** A hold request goes at once, after the records queued before it (the panel waits on it). */
    hold(request: HoldRequest) {
      flush();
      apply(portPostMessage, port, [request]);
    },
  };
}
