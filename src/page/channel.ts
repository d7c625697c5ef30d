import type { RawRecord } from '../core/raw';
import {
  addListener,
  apply,
  dispatch,
  MessageChannelNative,
  MessageEventNative,
  portPostMessage,
  removeListener,
  setTimeoutNative,
} from './natives';
import { HOOK_PORT_EVENT, RELAY_READY_EVENT } from '../core/raw';

const FLUSH_MS = 8;
const FLUSH_AT = 1024;

/**
 * The page side of the private channel to the relay: a MessagePort handed over in a DOM event
 * dispatched synchronously at document_start, before any page script can listen. Works whichever
 * of the two content scripts runs first.
 */
export function openChannel(onCommand: (command: unknown) => void) {
  const channel = new MessageChannelNative();
  const port = channel.port1;
  let queue: RawRecord[] = [];
  let scheduled = false;

  const handOver = () =>
    apply(dispatch, document, [new MessageEventNative(HOOK_PORT_EVENT, { ports: [channel.port2] })]);
  const onRelayReady = () => {
    apply(removeListener, document, [RELAY_READY_EVENT, onRelayReady]);
    handOver();
  };
  apply(addListener, document, [RELAY_READY_EVENT, onRelayReady]);
  handOver();

  port.onmessage = (e) => onCommand(e.data);

  const flush = () => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    apply(portPostMessage, port, [batch]);
  };

  return {
    emit(record: RawRecord) {
      queue[queue.length] = record;
      if (queue.length >= FLUSH_AT) flush();
      else if (!scheduled) {
        scheduled = true;
        setTimeoutNative(flush, FLUSH_MS);
      }
    },
    reply(message: unknown) {
      apply(portPostMessage, port, [message]);
    },
  };
}
