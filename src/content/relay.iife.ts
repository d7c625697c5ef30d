/**
 * The relay stub: an isolated-world content script in every frame. Until the page hook reports the
 * frame's first socket (or a worker the extension may not capture) it only holds the hook's port:
 * no message to the background, no storage read, no timer. The first record starts the relay
 * proper, which takes that record and every later one, so nothing of the first socket is lost. The
 * background may also start it (through `scripting`, in this isolated world) for a worker's first
 * socket, and the Chrome panel (in this world too) to hear of the page's service workers.
 */
import { linkToPage } from './page-link';
import { startRelay } from './relay';

let relay: ReturnType<typeof startRelay> | undefined;
const page = linkToPage(
  (batch) => (relay ??= startRelay(page)).records(batch),
  (reply) => ((reply as { k?: unknown } | null)?.k === 'hold' ? relay?.hold(reply) : relay?.reply(reply)),
);
(globalThis as { socketsStartRelay?: () => void }).socketsStartRelay = () => void (relay ??= startRelay(page));
