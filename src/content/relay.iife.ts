/**
 * The relay stub: an isolated-world content script in every frame. Until the page hook reports the
 * frame's first socket it only holds the hook's port: no message to the background, no storage
 * read, no timer. The first record starts the relay proper, which takes that record and every
 * later one, so nothing of the first socket is lost. The background may also start it (through
 * `scripting`, in this isolated world) for a worker's first socket, and the Chrome panel (in this
 * world too) to hear of the page's service workers.
 *
 * A worker the page starts whose sockets may not be captured is kept here, and starts the relay
 * only for a panel: at once if one is open somewhere (a flag the background keeps in storage; no
 * message, the background sleeps on), or when this tab's panel opens and says so.
 */
import { isWorkerStart } from '../core/normalize';
import type { RawWorkerStart } from '../core/raw';
import { PANELS_OPEN_KEY } from '../core/protocol';
import { extensionApi } from './extension-api';
import { linkToPage } from './page-link';
import { startRelay } from './relay';

const MAX_KEPT = 32;
let relay: ReturnType<typeof startRelay> | undefined;
let workerStarts: unknown[] | undefined;
const start = () => {
  if (relay) return relay;
  relay = startRelay(page);
  if (workerStarts) relay.records(workerStarts);
  workerStarts = undefined;
  return relay;
};
/** Worker starts before any socket: kept; the first asks whether a panel is open. */
const keep = (batch: unknown[]) => {
  const first = workerStarts === undefined;
  const kept = (workerStarts ??= []);
  // Each worker once: a pool of workers on one script must not crowd out the others.
  const same = (a: unknown, b: unknown) => (a as RawWorkerStart).kind === (b as RawWorkerStart).kind && (a as RawWorkerStart).url === (b as RawWorkerStart).url;
  for (const r of batch) if (kept.length < MAX_KEPT && !kept.some((k) => same(k, r))) kept.push(r);
  if (!first) return;
  const ext = extensionApi();
  ext.storage.local.get(PANELS_OPEN_KEY).then((stored) => void (stored[PANELS_OPEN_KEY] === true && start()), () => {});
  const onMessage = (message: unknown, sender: chrome.runtime.MessageSender) => {
    if (sender.id !== ext.runtime.id || sender.tab || (message as { type?: unknown } | null)?.type !== 'watch') return;
    ext.runtime.onMessage.removeListener(onMessage);
    start();
  };
  ext.runtime.onMessage.addListener(onMessage);
};
const page = linkToPage(
  (batch) => (relay || !batch.every(isWorkerStart) ? start().records(batch) : keep(batch)),
  (reply) => ((reply as { k?: unknown } | null)?.k === 'hold' ? relay?.hold(reply) : relay?.reply(reply)),
);
(globalThis as { socketsStartRelay?: () => void }).socketsStartRelay = () => void start();
