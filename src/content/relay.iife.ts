/**
 * The relay stub: an isolated-world content script in every frame. Until the page hook reports the
 * frame's first socket it only holds the hook's port: no message to the background, no storage
 * read, no timer, and none of the relay's code (parsing it cost every frame about a millisecond).
 * The first record loads the relay proper (relay.ts, a module of the extension's own, imported
 * here), which takes that record and every later one in order, so nothing of the first socket is
 * lost. The background may also start it (through `scripting`, in this isolated world) for a
 * worker's first socket, and the Chrome panel (in this world too) to hear of the page's service
 * workers.
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
import type { startRelay } from './relay';
import { RELAY_MODULE } from './relay-module';
import { lendPageTraps } from './page-traps';

// First: the hook of this frame runs next and takes them on its start.
if (__BROWSER__ === 'firefox') lendPageTraps();

const MAX_KEPT = 32;
/** Batches and replies held while the relay loads (it loads in a moment; a frame that floods meanwhile loses the rest). */
const MAX_WAITING = 10_000;
type Relay = ReturnType<typeof startRelay>;
let relay: Relay | undefined;
/** `relay` is set from 'started' on. */
let state: 'stub' | 'loading' | 'started' | 'dead' = 'stub';
/** What waits for the relay, in the order it came. */
let waiting: ((relay: Relay) => void)[] = [];
/** Told when the relay listens (true) or never will (false). */
const onSettled: ((started: boolean) => void)[] = [];
let workerStarts: unknown[] | undefined;

const settle = (started: boolean) => {
  for (const f of onSettled.splice(0)) f(started);
};
/** Nothing more will start here: the extension went away under the frame, or its module could not load. */
const die = () => {
  state = 'dead';
  waiting = [];
  workerStarts = undefined;
  settle(false);
};
const start = (then?: (relay: Relay) => void) => {
  if (state === 'dead') return;
  if (relay) return then?.(relay);
  if (then && waiting.length < MAX_WAITING) waiting.push(then);
  if (state === 'loading') return;
  let url: string;
  try {
    url = extensionApi().runtime.getURL(RELAY_MODULE);
  } catch {
    return die(); // the extension was reloaded or removed under this frame
  }
  state = 'loading';
  import(url).then(
    (m: { startRelay: typeof startRelay }) => {
      let started: Relay;
      try {
        started = m.startRelay(page);
      } catch {
        return die();
      }
      relay = started;
      state = 'started';
      if (workerStarts) started.records(workerStarts);
      workerStarts = undefined;
      for (const f of waiting.splice(0)) {
        try {
          f(started);
        } catch {
          // one bad batch does not keep the others from the relay
        }
      }
      settle(true);
    },
    // A failed module fetch is not tried again by the browser either.
    die,
  );
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
  (batch) => (state !== 'stub' || !batch.every(isWorkerStart) ? start((r) => r.records(batch)) : keep(batch)),
  // Replies answer the relay's commands, and holds its intercept configuration: none come before it starts.
  (reply) => {
    if (state === 'loading' || state === 'started') start((r) => ((reply as { k?: unknown } | null)?.k === 'hold' ? r.hold(reply) : r.reply(reply)));
  },
);
// Resolves once the relay listens (the background sends it a worker's records next), or with
// false if it never will. No timer: a content script's setTimeout ids are the page's.
(globalThis as { socketsStartRelay?: () => Promise<boolean> }).socketsStartRelay = () =>
  new Promise((resolve) => {
    if (state === 'started' || state === 'dead') return resolve(state === 'started');
    onSettled.push(resolve);
    start();
  });
