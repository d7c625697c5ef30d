import type { WorkerContext } from '../core/protocol';
import { later } from './later';

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

/** When to ask again (ms after the first time): a page that registers its first one while loading. */
const ASK_AGAIN_MS = [1000, 3000, 10_000];

/**
 * Chrome: the script URLs of this origin's service workers, now, a few times more (a page that
 * registers its first one while loading), and once the document's own is ready. Asked from the
 * content script's world: the page sees none of it.
 */
export function serviceWorkerScripts(found: (workers: WorkerContext[]) => void): void {
  const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (!container) return;
  const ask = () => void container.getRegistrations().then((registrations) => found(registrations.flatMap(scriptOf)), () => {});
  ask();
  for (const ms of ASK_AGAIN_MS) later(ask, ms);
  container.ready.then((r) => found(scriptOf(r)), () => {});
}
