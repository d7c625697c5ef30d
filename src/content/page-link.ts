import { HOOK_PORT_EVENT, RELAY_READY_EVENT } from '../core/raw';

/**
 * Receives the hook's MessagePort from the one DOM event dispatched at document_start (before any
 * page script), then stops listening so a page cannot hand over a port of its own later.
 */
export function linkToPage(onBatch: (batch: unknown) => void, onReply: (reply: unknown) => void) {
  let port: MessagePort | undefined;
  const onPort = (e: Event) => {
    const p = (e as MessageEvent).ports?.[0];
    if (!p || port) return;
    port = p;
    document.removeEventListener(HOOK_PORT_EVENT, onPort);
    port.onmessage = (m) => (Array.isArray(m.data) ? onBatch(m.data) : onReply(m.data));
  };
  document.addEventListener(HOOK_PORT_EVENT, onPort);
  document.dispatchEvent(new Event(RELAY_READY_EVENT));
  return {
    command(message: unknown) {
      port?.postMessage(message);
    },
  };
}
