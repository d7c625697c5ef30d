/**
 * Firefox: sockets of the tab's workers, by prepending the worker hook to each worker script as it
 * arrives (webRequest.filterResponseData), while a Sockets panel watches a tab. Only script
 * requests are looked at, only while a panel is open; one whose Sec-Fetch-Dest is not a worker's is
 * let go untouched. The hook goes on the script's first line (its line numbers stay the page's),
 * with a channel name made here; the relay of the frame that asked for the worker (or, for shared
 * and service workers, of each watched tab of that origin) is started and told that name, and the
 * page hook there listens on that BroadcastChannel: the worker's reports reach the relay through
 * the page hook's private port. Nothing captured stays here.
 */
import browser from 'webextension-polyfill';
import { workerHookSource } from './worker-hook-source';
import { originOf } from './tab-origin';
import type { WorkerChannelMessage, WorkerKind } from '../core/protocol';

type Details = { requestId: string; url: string; tabId: number; frameId: number; requestHeaders?: { name: string; value?: string }[] };
type StreamFilter = { ondata: ((e: { data: ArrayBuffer }) => void) | null; onstop: (() => void) | null; onerror: (() => void) | null; write(data: ArrayBuffer | Uint8Array): void; disconnect(): void; close(): void };
type FilterResponseData = (requestId: string) => StreamFilter;

const DESTINATIONS: Record<string, WorkerKind> = { worker: 'worker', sharedworker: 'shared-worker', serviceworker: 'service-worker' };
const FILTER: browser.WebRequest.RequestFilter = { urls: ['<all_urls>'], types: ['script'] };

interface Pending {
  filter: StreamFilter;
  details: Details;
  kind?: WorkerKind;
  channel?: string;
}

const pending = new Map<string, Pending>();
let prefix: string | undefined;
let watching: () => number[] = () => [];

const randomName = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The hook on one line (its only line breaks are in template literals: written as escapes). */
async function loadPrefix(): Promise<void> {
  prefix = (await workerHookSource((p) => browser.runtime.getURL(p))).replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();
/**
 * The first chunk with the hook in front: after a BOM, and after a "use strict" directive (and the
 * comments and blank space before it) if the script starts with one, so the script keeps its
 * strictness. Nothing inserted holds a line break: the script's line numbers stay its own.
 */
const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use strict\1;?/;
export function prepend(data: ArrayBuffer, code: string): Uint8Array {
  const bytes = new Uint8Array(data);
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = new TextDecoder().decode(bytes.subarray(at, at + 4096));
  const directive = DIRECTIVE.exec(head);
  if (directive) at += encoder.encode(directive[0]).length;
  const inserted = encoder.encode(`${directive && !directive[0].endsWith(';') ? ';' : ''}${code};`);
  const out = new Uint8Array(bytes.length + inserted.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(inserted, at);
  out.set(bytes.subarray(at), at + inserted.length);
  return out;
}

function onBeforeRequest(details: Details): void {
  const tabs = watching();
  if (details.tabId >= 0 ? !tabs.includes(details.tabId) : tabs.length === 0) return;
  const filter = (browser.webRequest as unknown as { filterResponseData: FilterResponseData }).filterResponseData(details.requestId);
  const entry: Pending = { filter, details };
  pending.set(details.requestId, entry);
  let first = true;
  filter.ondata = (e) => {
    pending.delete(details.requestId);
    // `end`, made after the hook's code on the same line, tells the hook where its frames end.
    if (first && entry.channel && prefix) filter.write(prepend(e.data, `(function (__SOCKETS_WORKER__) {${prefix}})({ __proto__: null, channel: ${JSON.stringify(entry.channel)}, end: new Error() })`));
    else filter.write(e.data);
    first = false;
    filter.disconnect();
  };
  filter.onstop = () => {
    pending.delete(details.requestId);
    filter.close();
  };
  filter.onerror = () => void pending.delete(details.requestId);
}

/** The request's destination decides (a blocking listener: it runs before the request goes out, so before any response byte). */
function onBeforeSendHeaders(details: Details): Promise<object> | undefined {
  const entry = pending.get(details.requestId);
  if (!entry) return undefined;
  const dest = details.requestHeaders?.find((h) => h.name.toLowerCase() === 'sec-fetch-dest')?.value ?? '';
  const kind = DESTINATIONS[dest];
  if (!kind || !prefix) {
    pending.delete(details.requestId);
    entry.filter.disconnect();
    return undefined;
  }
  entry.kind = kind;
  entry.channel = randomName();
  // The script is asked for once every frame that will hear the worker listens (a shared worker's
  // first reports go to every tab at once): a tab told later would miss its sockets' creation.
  return announce(entry, kind, entry.channel).then(() => ({}), () => ({}));
}

/** Starts a frame's relay and tells it a worker channel's name. */
async function tell(tabId: number, frameId: number, message: WorkerChannelMessage): Promise<void> {
  await browser.scripting
    .executeScript({ target: { tabId, frameIds: [frameId] }, func: () => (globalThis as { socketsStartRelay?: () => Promise<boolean> }).socketsStartRelay?.() })
    .catch(() => {});
  await browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => {});
}

/**
 * The channels of shared and service workers by origin (the most recent few), in session storage:
 * a tab whose panel opens later is told them too (the background may have restarted meanwhile).
 */
const KNOWN_KEY = 'workerChannels';
const KNOWN_PER_ORIGIN = 16;
type Known = Record<string, WorkerChannelMessage[]>;
async function remember(origin: string, message: WorkerChannelMessage): Promise<void> {
  const known = ((await browser.storage.session.get(KNOWN_KEY))[KNOWN_KEY] ?? {}) as Known;
  known[origin] = [...(known[origin] ?? []), message].slice(-KNOWN_PER_ORIGIN);
  await browser.storage.session.set({ [KNOWN_KEY]: known });
}

/** A panel now watches `tabId`: its top frame hears the shared and service workers of its origin. */
export async function announceKnownWorkers(tabId: number): Promise<void> {
  const origin = await originOf(tabId);
  if (!origin) return;
  const stored: Record<string, unknown> = await browser.storage.session.get(KNOWN_KEY).catch(() => ({}));
  const known = (stored[KNOWN_KEY] ?? {}) as Known;
  for (const message of known[origin] ?? []) await tell(tabId, 0, message);
}

/** Starts the relay of each frame that will hear this worker and tells it the channel's name. */
async function announce(entry: Pending, kind: WorkerKind, channel: string): Promise<void> {
  const { tabId, frameId, url } = entry.details;
  const message: WorkerChannelMessage = { type: 'worker-channel', channel, context: { kind, url } };
  const targets: { tabId: number; frameId: number }[] = [];
  if (tabId >= 0) targets.push({ tabId, frameId });
  else {
    const origin = new URL(url).origin;
    await remember(origin, message).catch(() => {});
    for (const t of watching()) if ((await originOf(t)) === origin) targets.push({ tabId: t, frameId: 0 });
  }
  for (const target of targets) await tell(target.tabId, target.frameId, message);
  // Past the relay, the page hook takes the channel's name in a task of its own.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

let listening = false;
/** Looks at worker scripts while any panel watches a tab (`tabs` answers which). */
export function filterWorkerScripts(tabs: () => number[]): void {
  watching = tabs;
  const on = tabs().length > 0;
  if (on === listening || !browser.webRequest || !('filterResponseData' in browser.webRequest)) return;
  listening = on;
  if (on) {
    void loadPrefix().catch(() => {});
    browser.webRequest.onBeforeRequest.addListener(onBeforeRequest, FILTER, ['blocking']);
    browser.webRequest.onBeforeSendHeaders.addListener(onBeforeSendHeaders, FILTER, ['blocking', 'requestHeaders']);
  } else {
    browser.webRequest.onBeforeRequest.removeListener(onBeforeRequest);
    browser.webRequest.onBeforeSendHeaders.removeListener(onBeforeSendHeaders);
  }
}
