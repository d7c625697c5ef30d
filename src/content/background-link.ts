import browser from 'webextension-polyfill';
import type { StoredEvent } from '../core/normalize';
import { packEvents, type BinaryTransport } from '../core/wire';
import { FRAME_PORT, type DocumentInfo, type RelayBatch, type RelayToBackground } from '../core/protocol';
import type { History } from './history';

const FLUSH_MS = 16;
const MAX_BATCH_EVENTS = 4096;
const MAX_BATCH_CHARS = 8 * 1024 * 1024;

/**
 * The relay's port to the background. Open only while a panel watches the tab; when the service
 * worker stops, the port closes and the relay waits for the next `watch` (panels re-subscribe).
 */
export class BackgroundLink {
  private port: browser.Runtime.Port | undefined;
  private pending: StoredEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** How binary payloads travel (the background says what the channel allows). */
  binary: BinaryTransport = 'base64';

  constructor(private info: DocumentInfo, private history: History) {}

  watch(panelId: string | undefined, cursor: number): void {
    this.flush();
    this.ensurePort();
    this.send(this.history.since(cursor), panelId);
  }

  unwatch(): void {
    this.pending = [];
    this.port?.disconnect();
    this.port = undefined;
  }

  live(events: StoredEvent[]): void {
    if (!this.port || events.length === 0) return;
    for (const e of events) this.pending.push(e);
    if (this.pending.length >= MAX_BATCH_EVENTS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.pending;
    this.pending = [];
    if (events.length > 0) this.send(events, undefined);
  }

  /** Sends events in chunks that stay far below the browsers' message size limits. */
  private send(events: StoredEvent[], to: string | undefined): void {
    let start = 0;
    do {
      let end = start;
      let chars = 0;
      while (end < events.length && end - start < MAX_BATCH_EVENTS) {
        const e = events[end++];
        if (e.kind === 'message') chars += typeof e.data === 'string' ? e.data.length : e.data.byteLength;
        if (chars >= MAX_BATCH_CHARS) break;
      }
      const batch: RelayBatch = {
        type: 'batch', ...this.info, firstSeq: this.history.firstSeq, dropped: this.history.dropped,
        ...packEvents(events.slice(start, end), this.binary), ...(to ? { to } : {}),
      };
      this.post(batch);
      start = end;
    } while (start < events.length);
  }

  private post(message: RelayToBackground): void {
    try {
      this.port?.postMessage(message);
    } catch {
      this.port = undefined;
    }
  }

  private ensurePort(): void {
    if (this.port) return;
    const port = browser.runtime.connect({ name: FRAME_PORT });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = undefined;
      this.pending = [];
    });
    this.port = port;
  }
}
