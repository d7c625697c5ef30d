import { ADOPT_FRAME_EVENT, HOOK_PORT_EVENT, RELAY_READY_EVENT } from '../core/raw';
import { createRecordGate, isWorkerStart } from '../core/normalize';

/**
 * Receives the hook's MessagePort from the one DOM event dispatched at document_start (before any
 * page script), cancels that event to tell the hook the port was taken, then stops listening so a
 * page cannot hand over a port of its own later. Batches pass the record gate (records of sockets
 * that were never created are dropped; worker starts go by); everything else is the caller's to
 * validate.
 */
export function linkToPage(onBatch: (batch: unknown[]) => void, onReply: (reply: unknown) => void) {
  let port: MessagePort | undefined;
  const gate = createRecordGate();
  const onPort = (e: Event) => {
    const p = (e as MessageEvent).ports?.[0];
    if (!p || port) return;
    port = p;
    e.preventDefault();
    removeEventListener(HOOK_PORT_EVENT, onPort);
    port.onmessage = (m) => {
      const data: unknown = m.data;
      if (Array.isArray(data)) {
        // Plain loops: in Firefox the arrays belong to the page's compartment, and Array methods
        // that create arrays (filter, map) read its `constructor`, which the content script may not.
        // A batch is an array of arrays of records (see the hook's channel).
        const batch: unknown[] = [];
        for (let c = 0; c < data.length; c++) {
          const records: unknown = data[c];
          if (!Array.isArray(records)) continue;
          for (let i = 0; i < records.length; i++) if (gate(records[i]) || isWorkerStart(records[i])) batch.push(records[i]);
        }
        if (batch.length > 0) onBatch(batch);
      } else onReply(data);
    };
  };
  addEventListener(HOOK_PORT_EVENT, onPort);
  dispatchEvent(new Event(RELAY_READY_EVENT));
  // Chrome runs the hook before the relay (manifest order) in the same go, so its port came during
  // that dispatch or there is no hook: a frame sandboxed without scripts, whose same-origin parent
  // could otherwise hand over a port of its own.
  if (__BROWSER__ === 'chrome') {
    removeEventListener(HOOK_PORT_EVENT, onPort);
    // Without a hook of its own, the frame's same-origin parent's hook can hook its realm.
    if (!port) window.frameElement?.dispatchEvent(new Event(ADOPT_FRAME_EVENT, { composed: true }));
  }
  return {
    command(message: unknown) {
      port?.postMessage(message);
    },
  };
}

/**
 * The bytes of a Blob the page handed over, or null. Read with a FileReader, not `blob.arrayBuffer()`:
 * in Firefox that promise belongs to the page's compartment, and resolving it with the buffer looks
 * up `then` where a page can watch (a getter on Object.prototype); with Array.prototype index
 * setters in place, the read was even lost.
 */
export function readBlob(blob: Blob): Promise<ArrayBuffer | null> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => resolve(null);
    reader.readAsArrayBuffer(blob);
  });
}
