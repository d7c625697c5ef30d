/**
 * Watches WebSocket opening handshakes as the network layer sees them (webRequest, observe only)
 * and hands each step at once to the relay of the frame that opened the socket, where it is kept
 * with that socket's history: nothing of it stays here. The filter asks only for `websocket`
 * requests, so the browser wakes this worker for socket handshakes alone, never for a page's
 * other requests.
 */
import browser from 'webextension-polyfill';
import type { HandshakeFact } from '../core/handshake';
import type { HandshakeMessage } from '../core/protocol';
import { originOf } from './tab-origin';

type Details = {
  requestId: string; url: string; tabId: number; frameId: number; timeStamp: number; documentId?: string;
  /** Who asked: Chrome names its origin, Firefox its URL (a worker's script, or its document). */
  initiator?: string; originUrl?: string; documentUrl?: string;
};
type Header = { name: string; value?: string; binaryValue?: number[] };

const FILTER: browser.WebRequest.RequestFilter = { urls: ['<all_urls>'], types: ['websocket'] };
/** Chrome leaves Cookie, Set-Cookie and a few more out unless asked for `extraHeaders` (Firefox has no such option). */
const EXTRA: ('extraHeaders')[] = __BROWSER__ === 'chrome' ? ['extraHeaders'] : [];
/**
 * The frame's relay may not be listening yet: it starts with the frame's first socket, a few
 * milliseconds after the page created it, while the network may already answer; on a busy machine
 * that has taken more than 3 s, and once more than 13 s (a browser's first page, its worker
 * starting, at a load average of ~8). Each step is offered again after these delays (about 32 s in
 * all), then given up.
 */
const RETRY_MS = [10, 25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 6400, 12800];

const headers = (list: Header[] | undefined) =>
  (list ?? []).map((h) => ({ name: h.name, value: h.value ?? String.fromCharCode(...(h.binaryValue ?? [])) }));

/** Steps for one frame go out one after the other, in the order the network reported them. */
const queues = new Map<string, Promise<void>>();

function enqueue(tabId: number, message: HandshakeMessage, target: { frameId: number; documentId?: string }): void {
  const key = `${tabId}:${target.frameId}`;
  const next = (queues.get(key) ?? Promise.resolve()).then(() => offer(tabId, message, target));
  queues.set(key, next);
  void next.then(() => {
    if (queues.get(key) === next) queues.delete(key);
  });
}

const originOfRequest = (d: Details): string | undefined => {
  const by = d.initiator ?? d.originUrl ?? d.documentUrl;
  return by && URL.canParse(by) ? new URL(by).origin : undefined;
};

let watchedTabs: () => number[] = () => [];

/** A step of a handshake no tab's network saw (Chrome: a shared or service worker's, from the debugger), for the tab's top frame. */
export function offerOutside(tabId: number, fact: HandshakeFact): void {
  enqueue(tabId, { type: 'handshake', fact, outside: true }, { frameId: 0 });
}

function deliver(d: Details, fact: HandshakeFact): void {
  if (d.tabId >= 0) return enqueue(d.tabId, { type: 'handshake', fact }, { frameId: d.frameId, ...(d.documentId ? { documentId: d.documentId } : {}) });
  // No tab's: a shared or service worker's (or another extension's). Offered to the top frame of
  // each watched tab of the origin that asked, whose relay matches it only with such workers' sockets.
  const origin = originOfRequest(d);
  const tabs = watchedTabs();
  if (!origin || origin === 'null' || tabs.length === 0) return;
  for (const tabId of tabs) {
    void originOf(tabId).then((o) => o === origin && offerOutside(tabId, fact));
  }
}

async function offer(tabId: number, message: HandshakeMessage, target: { frameId: number; documentId?: string }): Promise<void> {
  for (const wait of [...RETRY_MS, -1]) {
    const taken = await browser.tabs.sendMessage(tabId, message, target).then((r: unknown) => r === true, () => false);
    if (taken || wait < 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** `watched` answers which tabs a panel watches (they hear the handshakes of their origin's shared and service workers). */
export function observeHandshakes(watched: () => number[]): void {
  watchedTabs = watched;
  const base = (d: Details) => ({ requestId: d.requestId, time: d.timeStamp, url: d.url });
  browser.webRequest.onSendHeaders.addListener(
    (d) => deliver(d, { ...base(d), phase: 'request', method: d.method, headers: headers(d.requestHeaders) }),
    FILTER,
    ['requestHeaders', ...EXTRA] as browser.WebRequest.OnSendHeadersOptions[],
  );
  browser.webRequest.onHeadersReceived.addListener(
    (d) => deliver(d, { ...base(d), phase: 'response', status: d.statusCode, statusLine: d.statusLine, headers: headers(d.responseHeaders) }),
    FILTER,
    ['responseHeaders', ...EXTRA] as browser.WebRequest.OnHeadersReceivedOptions[],
  );
  browser.webRequest.onErrorOccurred.addListener((d) => deliver(d, { ...base(d), phase: 'failed', error: d.error }), FILTER);
}
