import type { WorkerContext } from '../core/protocol';

/** At most this many workers are named per document (a page starting thousands names the first). */
const MAX_WORKERS = 32;

/**
 * The workers a document started whose sockets the extension may not see (the page hook's worker
 * starts; Chrome: the origin's service workers too), each kind and script URL once, for the panel.
 */
export class PageWorkers {
  readonly list: WorkerContext[] = [];

  /** Adds a worker; answers whether the list changed. */
  add(worker: WorkerContext): boolean {
    if (this.list.length >= MAX_WORKERS || this.list.some((w) => w.kind === worker.kind && w.url === worker.url)) return false;
    this.list.push(worker);
    return true;
  }
}

const scriptOf = (r: ServiceWorkerRegistration): WorkerContext[] => {
  const url = (r.active ?? r.waiting ?? r.installing)?.scriptURL;
  return url ? [{ kind: 'service-worker', url }] : [];
};

/**
 * Chrome: the script URLs of this origin's service workers, now and once the document's own is
 * ready (a first registration). Asked from the content script's world: the page sees none of it.
 */
export function serviceWorkerScripts(found: (workers: WorkerContext[]) => void): void {
  const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (!container) return;
  container.getRegistrations().then((registrations) => found(registrations.flatMap(scriptOf)), () => {});
  container.ready.then((r) => found(scriptOf(r)), () => {});
}
