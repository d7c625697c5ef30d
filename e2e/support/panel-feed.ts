import type { Frame } from 'playwright-core';
import { until } from './panel';

/**
 * The capture events as the DevTools panel receives them, read from inside the real panel page: a
 * second subscription on the panel's own port to the background (same code path, same validation),
 * for facts the panel's rows do not print (exact bytes, bufferedAmount, api, frame URL).
 * Each event carries the frame id the background stamped and the document it came from. Binary
 * payloads that crossed as bytes or in a Blob are given as base64, and messages sent as columns as
 * objects, as the panel's own unpacking does.
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

// A string, not a function: tsx's keepNames helpers do not exist in the panel page.
const FEED_SCRIPT = `(() => {
  if (!window.__feed) {
    const seen = new Map();
    window.__feed = seen;
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
          const data = at >= 0 ? base64(blob.subarray(at, end)) : raw instanceof ArrayBuffer ? base64(raw) : raw;
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

export async function feed(panel: Frame): Promise<FeedEvent[]> {
  return (await panel.evaluate(FEED_SCRIPT)) as FeedEvent[];
}

/**
 * The events of the socket whose 'created' event has this URL (the latest such socket created at
 * or after `since`, epoch ms), once `test` holds.
 */
export async function socketEvents(panel: Frame, url: string | RegExp, test: (events: FeedEvent[]) => boolean, what: string, since = 0): Promise<FeedEvent[]> {
  return until(
    async () => {
      const all = await feed(panel);
      const created = all
        .filter((e) => e.kind === 'created' && e.time >= since && (typeof url === 'string' ? e.url === url : url.test(e.url as string)))
        .sort((a, b) => a.time - b.time)
        .at(-1);
      if (!created) return [];
      return all.filter((e) => e.doc === created.doc && e.socket === created.socket).sort((a, b) => a.seq - b.seq);
    },
    (events) => events.length > 0 && test(events),
    what,
  );
}

export const messagesOf = (events: FeedEvent[], dir?: 'sent' | 'received') =>
  events.filter((e) => e.kind === 'message' && (dir === undefined || e.dir === dir));

export const bytesOf = (e: FeedEvent): number[] => (e.opcode === 2 ? [...Buffer.from(e.data as string, 'base64')] : [...Buffer.from(e.data as string, 'utf8')]);

/** The socket rows' tooltips: URL, "frame: <frame URL>" and the requested protocols. */
export function socketTitles(panel: Frame): Promise<{ url: string; title: string; text: string }[]> {
  return panel.$$eval('[data-socket-url]', (rows) =>
    rows.map((r) => ({ url: (r as HTMLElement).dataset.socketUrl!, title: r.getAttribute('title') ?? '', text: r.textContent ?? '' })),
  );
}
