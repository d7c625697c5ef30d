import type { WorkerRecords } from '../core/protocol';

/**
 * Each tab's worker reports go to its top frame's relay, in order: at once while that relay takes
 * them (nothing waits here for long: a report in hand is lost if this worker stops), one after the
 * other through the start of a relay that has not started (no socket of the page's yet).
 */
const deliveries = new Map<number, Promise<void>>();
const taking = new Set<number>();
const toTopFrame = (tabId: number, message: WorkerRecords) => chrome.tabs.sendMessage(tabId, message, { frameId: 0 }).then((taken) => taken === true, () => false);
export function deliver(tabId: number, message: WorkerRecords): void {
  if (taking.has(tabId) && !deliveries.has(tabId)) {
    void toTopFrame(tabId, message).then((taken) => {
      if (taken) return;
      taking.delete(tabId);
      deliverInTurn(tabId, message);
    });
    return;
  }
  deliverInTurn(tabId, message);
}
/** After what is on its way to the tab's relay, whatever the relay answers. */
export function deliverInTurn(tabId: number, message: WorkerRecords): void {
  const next = (deliveries.get(tabId) ?? Promise.resolve()).then(async () => {
    if (!(await toTopFrame(tabId, message))) {
      await chrome.scripting
        .executeScript({ target: { tabId, frameIds: [0] }, func: () => (globalThis as { socketsStartRelay?: () => Promise<boolean> }).socketsStartRelay?.() })
        .catch(() => {});
      if (!(await toTopFrame(tabId, message))) return;
    }
    taking.add(tabId);
  });
  deliveries.set(tabId, next);
  void next.then(() => {
    if (deliveries.get(tabId) === next) deliveries.delete(tabId);
  });
}

/** The tab is no longer watched: its relay is asked again whether it takes reports. */
export function forgetTaking(tabId: number): void {
  taking.delete(tabId);
}
/** The tab is gone: nothing more goes to it. */
export function forgetDeliveries(tabId: number): void {
  taking.delete(tabId);
  deliveries.delete(tabId);
}
