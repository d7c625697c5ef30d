/**
 * The relay: an isolated-world content script in every frame. It validates what the page hook
 * reports, keeps the document's history (it outlives the service worker), and streams batches to
 * the background while a DevTools panel watches this tab.
 */
import browser from 'webextension-polyfill';
import { normalizeRaw, type StoredEvent } from '../core/normalize';
import { isBackgroundToRelay, type BackgroundToRelay, type CommandResult, type DocumentInfo, type HelloRequest, type HelloResponse } from '../core/protocol';
import { History } from './history';
import { OrderedConversion } from './ordered-conversion';
import { linkToPage } from './page-link';
import { BackgroundLink } from './background-link';
import { toHookCommand } from './commands';
import { DEFAULT_LIMITS, LIMITS_KEY, readLimits } from '../core/limits';


/** A random id; crypto.randomUUID exists only in secure contexts, and plain-http pages need one too. */
const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const info: DocumentInfo = {
  doc: randomId(),
  docStart: performance.timeOrigin,
  docUrl: location.href,
  top: window === window.top,
};
const limits = { ...DEFAULT_LIMITS, keepBytes: true as const };
const history = new History(limits);
void browser.storage.local.get(LIMITS_KEY).then((stored) => Object.assign(limits, readLimits(stored[LIMITS_KEY])), () => {});
const link = new BackgroundLink(info, history);

const conversion = new OrderedConversion<unknown>((records) => {
  const events: StoredEvent[] = [];
  for (const raw of records) {
    const event = normalizeRaw(raw, history.nextSeq, limits);
    if (!event) continue;
    history.append(event);
    events.push(event);
  }
  link.live(events);
});

const isBlob = (v: unknown): v is Blob => Object.prototype.toString.call(v) === '[object Blob]';

const pendingCommands = new Map<number, (result: CommandResult) => void>();
let nextCommandId = 1;
const COMMAND_TIMEOUT_MS = 5000;

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
    const resolve = typeof r?.id === 'number' ? pendingCommands.get(r.id) : undefined;
    if (r?.k !== 'result' || !resolve) return;
    pendingCommands.delete(r.id as number);
    resolve({ ok: r.ok === true, ...(typeof r.error === 'string' ? { error: r.error } : {}) });
  },
);

function runCommand(message: Extract<BackgroundToRelay, { type: 'command' }>): Promise<CommandResult> {
  if (message.doc !== info.doc) return Promise.resolve({ ok: false, error: 'The page navigated away; its sockets are gone.' });
  const id = nextCommandId++;
  return new Promise((resolve) => {
    pendingCommands.set(id, resolve);
    page.command(toHookCommand(id, message.action, message.socket, message.payload, message.code));
    setTimeout(() => {
      if (pendingCommands.delete(id)) resolve({ ok: false, error: 'The page did not answer.' });
    }, COMMAND_TIMEOUT_MS);
  });
}

function onBackgroundMessage(message: Exclude<BackgroundToRelay, { type: 'command' }>): void {
  switch (message.type) {
    case 'watch':
      link.watch(message.panelId, message.cursors[info.doc] ?? 0);
      break;
    case 'unwatch':
      link.unwatch();
      break;
    case 'clear':
      history.clear();
      link.forgetDeferred();
      break;
    case 'fill':
      if (message.doc === info.doc) link.fill(message.seqs);
      break;
  }
}

// Payloads a flood deferred leave with the document, or never.
addEventListener('pagehide', () => link.fillAll());

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || sender.tab || !isBackgroundToRelay(message)) return;
  if (message.type === 'command') return runCommand(message);
  onBackgroundMessage(message);
});

browser.runtime
  .sendMessage({ type: 'hello', probe: new Uint8Array([1]), blobProbe: new Blob() } satisfies HelloRequest)
  .then((response: unknown) => {
    const hello = response as HelloResponse | undefined;
    if (hello?.binary === 'blob' || hello?.binary === 'clone') link.binary = hello.binary;
    if (hello?.watch) link.watch(undefined, 0);
  })
  .catch(() => {});
