/**
 * The relay: an isolated-world content script in every frame. It validates what the page hook
 * reports, keeps the document's history (it outlives the service worker), and streams batches to
 * the background while a DevTools panel watches this tab.
 */
import browser from 'webextension-polyfill';
import type { CaptureEvent } from '../core/model';
import { normalizeRaw } from '../core/normalize';
import { isBackgroundToRelay, type BackgroundToRelay, type DocumentInfo, type HelloResponse } from '../core/protocol';
import { History } from './history';
import { OrderedConversion } from './ordered-conversion';
import { linkToPage } from './page-link';
import { BackgroundLink } from './background-link';
import { toHookCommand } from './commands';
import { DEFAULT_LIMITS, LIMITS_KEY, readLimits } from '../core/limits';


const info: DocumentInfo = {
  doc: crypto.randomUUID(),
  docStart: performance.timeOrigin,
  docUrl: location.href,
  top: window === window.top,
};
const limits = { ...DEFAULT_LIMITS };
const history = new History(limits);
void browser.storage.local.get(LIMITS_KEY).then((stored) => Object.assign(limits, readLimits(stored[LIMITS_KEY])), () => {});
const link = new BackgroundLink(info, history);

const conversion = new OrderedConversion<unknown>((records) => {
  const events: CaptureEvent[] = [];
  for (const raw of records) {
    const event = normalizeRaw(raw, history.nextSeq, limits);
    if (!event) continue;
    history.append(event);
    events.push(event);
  }
  link.live(events);
});

const isBlob = (v: unknown): v is Blob => Object.prototype.toString.call(v) === '[object Blob]';

const pendingCommands = new Map<number, { panelId: string; requestId: number }>();
let nextCommandId = 1;

const page = linkToPage(
  (batch) => {
    for (const raw of batch as unknown[]) {
      const data = (raw as { data?: unknown } | null)?.data;
      if (isBlob(data)) {
        conversion.push(data.arrayBuffer().then((buffer) => ({ ...(raw as object), data: buffer }), () => null));
      } else conversion.push(raw);
    }
  },
  (reply) => {
    const r = reply as { k?: unknown; id?: unknown; ok?: unknown; error?: unknown };
    const pending = typeof r?.id === 'number' ? pendingCommands.get(r.id) : undefined;
    if (r?.k !== 'result' || !pending) return;
    pendingCommands.delete(r.id as number);
    link.commandResult(pending.panelId, pending.requestId, r.ok === true, typeof r.error === 'string' ? r.error : undefined);
  },
);

function onBackgroundMessage(message: BackgroundToRelay): void {
  switch (message.type) {
    case 'watch':
      link.watch(message.panelId, message.cursors[info.doc] ?? 0);
      break;
    case 'unwatch':
      link.unwatch();
      break;
    case 'clear':
      history.clear();
      break;
    case 'command': {
      if (message.doc !== info.doc) return;
      const id = nextCommandId++;
      pendingCommands.set(id, { panelId: message.panelId, requestId: message.requestId });
      page.command(toHookCommand(id, message.action, message.socket, message.payload));
      break;
    }
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || !isBackgroundToRelay(message)) return;
  onBackgroundMessage(message);
});

browser.runtime
  .sendMessage({ type: 'hello' })
  .then((response: unknown) => {
    if ((response as HelloResponse | undefined)?.watch) link.watch(undefined, 0);
  })
  .catch(() => {});
