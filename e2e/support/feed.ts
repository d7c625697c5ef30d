/**
 * What the panel's connection delivers, read inside the real panel page in either browser (through
 * `panelEval`): a second subscription on the panel's own port to the background (same code path,
 * same validation), for facts the panel's rows do not print (exact bytes, bufferedAmount, api,
 * frame URL) and for how batches travel.
 */
import type { Panel } from './harness';
import { panelEval } from './panel-eval';
import { until } from './panel';

/**
 * A capture event as the panel receives it, with the frame id the background stamped and the
 * document it came from. Binary payloads that crossed as bytes or in a Blob are given as base64,
 * and messages sent as columns as objects, as the panel's own unpacking does.
 */
export interface FeedEvent {
  kind: string;
  seq: number;
  socket: number;
  time: number;
  frameId: number;
  doc: string;
  docUrl: string;
  [field: string]: unknown;
}

// Strings, not functions: tsx's keepNames helpers do not exist in the panel page. In Firefox they
// run in a sandbox whose JavaScript builtins are its own: an ArrayBuffer is recognised by its tag.
const FEED_SCRIPT = `(() => {
  if (!window.__feed) {
    const seen = new Map();
    window.__feed = seen;
    const isBuffer = (d) => Object.prototype.toString.call(d) === '[object ArrayBuffer]';
    const base64 = (buffer) => {
      const bytes = new Uint8Array(buffer);
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    const connect = () => {
      const port = chrome.runtime.connect({ name: 'sockets:panel' });
      port.onMessage.addListener(async (m) => {
        if (m.type !== 'batch' || !m.events) return;
        const blob = m.payloads ? new Uint8Array(await m.payloads.arrayBuffer()) : undefined;
        const events = [...m.events];
        const c = m.messages;
        const offsets = (c && c.blobAt) || [];
        for (let i = 0; c && i < c.seq.length; i++) {
          const at = offsets[i] ?? -1;
          let end = blob ? blob.length : 0;
          for (let j = i + 1; j < offsets.length; j++) if (offsets[j] >= 0) { end = offsets[j]; break; }
          const raw = c.data[i];
          const data = at >= 0 ? base64(blob.subarray(at, end)) : isBuffer(raw) ? base64(raw) : raw;
          const e = { kind: 'message', seq: c.seq[i], socket: c.socket[i], time: c.time[i], dir: c.dir[i] ? 'received' : 'sent', opcode: c.opcode[i], size: c.size[i], data };
          if (c.truncated && c.truncated.includes(i)) e.truncated = true;
          if (c.bufferedAmount[i] >= 0) e.bufferedAmount = c.bufferedAmount[i];
          if (c.origin && c.origin[i]) e.origin = c.origin[i];
          events.push(e);
        }
        for (const e of events) seen.set(m.doc + ':' + e.seq, { ...e, frameId: m.frameId, doc: m.doc, docUrl: m.docUrl });
      });
      port.onDisconnect.addListener(() => setTimeout(connect, 50));
      port.postMessage({ type: 'subscribe', tabId: chrome.devtools.inspectedWindow.tabId, panelId: crypto.randomUUID(), cursors: {} });
    };
    connect();
  }
  return [...window.__feed.values()];
})()`;

export const feed = (panel: Panel): Promise<FeedEvent[]> => panelEval<FeedEvent[]>(panel, FEED_SCRIPT);

/** Facts about a socket (its handshake, its initiator): the panel folds them into the socket, they are no events of its history. */
const FACT_KINDS = new Set(['handshake-request', 'handshake-response', 'handshake-failed', 'initiator']);

/**
 * The events of the socket whose 'created' event has this URL (the latest such socket created at
 * or after `since`, epoch ms), its facts left out, once `test` holds.
 */
export async function socketEvents(panel: Panel, url: string | RegExp, test: (events: FeedEvent[]) => boolean, what: string, since = 0): Promise<FeedEvent[]> {
  return until(
    async () => {
      const all = await feed(panel);
      const created = all
        .filter((e) => e.kind === 'created' && e.time >= since && (typeof url === 'string' ? e.url === url : url.test(e.url as string)))
        .sort((a, b) => a.time - b.time)
        .at(-1);
      if (!created) return [];
      return all.filter((e) => e.doc === created.doc && e.socket === created.socket && !FACT_KINDS.has(e.kind)).sort((a, b) => a.seq - b.seq);
    },
    (events) => events.length > 0 && test(events),
    what,
  );
}

export const messagesOf = (events: FeedEvent[], dir?: 'sent' | 'received') =>
  events.filter((e) => e.kind === 'message' && (dir === undefined || e.dir === dir));

export const bytesOf = (e: FeedEvent): number[] => (e.opcode === 2 ? [...Buffer.from(e.data as string, 'base64')] : [...Buffer.from(e.data as string, 'utf8')]);

/** The first batch with at least `messages` messages, as it travelled: its Blob of payloads and where each starts. */
export interface FirstBatch {
  blobSize: number;
  blobAt: number[];
  blobBytesAt: number[];
  data: (string | number[])[];
}

export const firstRawBatch = (panel: Panel, messages = 1): Promise<FirstBatch> =>
  panelEval<FirstBatch>(panel, `new Promise((resolve) => {
    const port = chrome.runtime.connect({ name: 'sockets:panel' });
    port.onMessage.addListener(async (m) => {
      if (m.type !== 'batch' || !m.messages || m.messages.seq.length < ${messages}) return;
      port.disconnect();
      const blob = m.payloads instanceof Blob ? new Uint8Array(await m.payloads.arrayBuffer()) : undefined;
      const blobAt = m.messages.blobAt ?? [];
      resolve({
        blobSize: blob ? blob.length : -1,
        blobAt,
        blobBytesAt: blob ? blobAt.filter((at) => at >= 0).map((at) => blob[at]) : [],
        data: m.messages.data.map((d) => (Object.prototype.toString.call(d) === '[object ArrayBuffer]' ? [...new Uint8Array(d)] : d)),
      });
    });
    port.postMessage({ type: 'subscribe', tabId: chrome.devtools.inspectedWindow.tabId, panelId: 'raw', cursors: {} });
  })`);

/** A batch as the panel's port delivered it: its message sequence numbers, which were partial, a fill or not. */
export interface RawBatch {
  fill: boolean;
  seqs: number[];
  partial: number[];
}

/**
 * Opens a second subscription on the panel's own connection and keeps every raw batch it gets;
 * answers a reader of what arrived so far.
 */
export async function recordRawBatches(panel: Panel): Promise<() => Promise<RawBatch[]>> {
  await panelEval(panel, `(() => {
    window.rawBatches = [];
    const port = chrome.runtime.connect({ name: 'sockets:panel' });
    port.onMessage.addListener((m) => {
      if (m.type !== 'batch') return;
      const seqs = m.messages ? [...m.messages.seq] : [];
      window.rawBatches.push({ fill: m.fill === true, seqs, partial: m.messages && m.messages.partial ? m.messages.partial.map((i) => seqs[i]) : [] });
    });
    port.postMessage({ type: 'subscribe', tabId: chrome.devtools.inspectedWindow.tabId, panelId: 'raw', cursors: {} });
    return true;
  })()`);
  return () => panelEval<RawBatch[]>(panel, 'window.rawBatches');
}
