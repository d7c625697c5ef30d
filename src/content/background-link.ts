import { ByteBudget } from '../core/byte-budget';
import { payloadLength, type StoredEvent, type StoredMessage } from '../core/normalize';
import { packEvents, type BinaryTransport, type PackOptions } from '../core/wire';
import { FRAME_PORT, type DocumentInfo, type RelayBatch, type RelayToBackground, type WorkerContext } from '../core/protocol';
import type { History } from './history';
import type { Port } from './extension-api';
import { later } from './later';
import type { HoldRequest } from '../core/raw';
import { bytesToBase64, utf8Length } from '../core/encoding';

const FLUSH_MS = 16;
const MAX_BATCH_EVENTS = 4096;
const MAX_BATCH_CHARS = 8 * 1024 * 1024;
/**
 * Live binary payloads go out whole while they stay under this rate (bytes a second, with as much
 * again in a burst). Above it the page is flooding, and carrying every byte to the panel at once
 * would cost it more than keeping them: larger payloads go out with their first bytes, and whole
 * once the page has been quiet for QUIET_MS, when the panel asks, or when the page goes away.
 */
const BINARY_RATE = 4 * 1024 * 1024;
const DEFER_ABOVE = 4 * 1024;
const QUIET_MS = 150;

/**
 * The relay's port to the background. Open only while a panel watches the tab; when the service
 * worker stops, the port closes and the relay waits for the next `watch` (panels re-subscribe).
 */
export class BackgroundLink {
  private port: Port | undefined;
  private pending: StoredEvent[] = [];
  private cancelFlush: (() => void) | undefined;
  private budget = new ByteBudget(BINARY_RATE, BINARY_RATE, () => performance.now());
  /** Messages sent with their first bytes only, oldest first: their fills are owed. */
  private deferred: number[] = [];
  private cancelFill: (() => void) | undefined;
  /** How binary payloads travel (the background says what the channel allows). */
  binary: BinaryTransport = 'base64';
  /** Whether the panels have yet to hear the document's list of workers as it is now. */
  private workersOwed = false;

  /** `workers`: the document's workers the panel should name (the relay's live list). */
  constructor(private info: DocumentInfo, private history: History, private ext: typeof chrome, private workers: readonly WorkerContext[] = []) {}

  watch(panelId: string | undefined, cursor: number): void {
    this.history.watch();
    this.flush();
    this.ensurePort();
    this.workersOwed = this.workers.length > 0;
    this.send(this.history.since(cursor), { to: panelId });
    if (this.deferred.length > 0) this.fillAfter(QUIET_MS);
  }

  unwatch(): void {
    this.pending = [];
    this.forgetDeferred();
    this.port?.disconnect();
    this.port = undefined;
  }

  live(events: StoredEvent[]): void {
    if (!this.port || events.length === 0) return;
    for (const e of events) this.pending.push(e);
    if (this.pending.length >= MAX_BATCH_EVENTS) this.flush();
    else this.cancelFlush ??= later(() => this.flush(), FLUSH_MS);
    if (this.deferred.length > 0) this.fillAfter(QUIET_MS);
  }

  /** Sends a held message to the panel now, after what is pending; false when no panel watches. */
  held(h: HoldRequest): boolean {
    if (!this.port) return false;
    this.flush();
    const text = typeof h.data === 'string';
    const bytes = text ? undefined : new Uint8Array(h.data as ArrayBuffer);
    this.post({
      type: 'held', ...this.info, socket: h.socket, hold: h.hold, time: h.t, dir: h.dir,
      opcode: text ? 1 : 2, size: text ? utf8Length(h.data as string) : bytes!.length, data: text ? (h.data as string) : bytesToBase64(bytes!),
    });
    return true;
  }

  /** The document's list of workers changed: the panels hear it with the next batch, or now. */
  workersChanged(): void {
    this.workersOwed = true;
    if (!this.port) return;
    this.flush();
    if (this.workersOwed) this.send([], {});
  }

  /** Tells the panel its rules are in effect in this document. */
  armed(config: { sent: boolean; received: boolean }): void {
    if (this.port) this.post({ type: 'armed', ...this.info, sent: config.sent, received: config.received });
  }

  /** Sends these messages' whole payloads now (the panel asked). */
  fill(seqs: number[]): void {
    if (!this.port) return;
    const asked = new Set(seqs);
    this.deferred = this.deferred.filter((seq) => !asked.has(seq));
    this.sendFill(seqs);
  }

  /** Sends every owed payload now (the document is going away). */
  fillAll(): void {
    this.flush();
    const owed = this.deferred;
    this.deferred = [];
    this.sendFill(owed);
  }

  /** The panel cleared: the owed payloads are of messages it no longer has. */
  forgetDeferred(): void {
    this.deferred = [];
    this.cancelFill?.();
    this.cancelFill = undefined;
  }

  private flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    const events = this.pending;
    this.pending = [];
    if (events.length > 0) this.send(events, { prefixOnly: this.defer });
    if (this.deferred.length > 0) this.fillAfter(QUIET_MS);
  }

  private defer = (e: StoredMessage & { data: ArrayBuffer }): boolean => {
    const size = e.data.byteLength;
    if (this.budget.take(size) || size <= DEFER_ABOVE) return false;
    this.deferred.push(e.seq);
    return true;
  };

  private fillAfter(ms: number): void {
    this.cancelFill?.();
    this.cancelFill = later(this.fillSome, ms);
  }

  /** One batch of owed payloads, oldest first; the next waits a task (or for the next quiet spell). */
  private fillSome = (): void => {
    this.cancelFill = undefined;
    if (!this.port) return;
    let end = 0;
    let bytes = 0;
    while (end < this.deferred.length && end < MAX_BATCH_EVENTS && bytes < MAX_BATCH_CHARS) {
      const e = this.history.at(this.deferred[end++]);
      if (e?.kind === 'message') bytes += payloadLength(e);
    }
    this.sendFill(this.deferred.splice(0, end));
    if (this.deferred.length > 0) this.fillAfter(0);
  };

  private sendFill(seqs: number[]): void {
    const events: StoredEvent[] = [];
    const gone: number[] = [];
    for (const seq of seqs) {
      const e = this.history.at(seq);
      if (e?.kind === 'message') events.push(e);
      else gone.push(seq);
    }
    if (events.length > 0 || gone.length > 0) this.send(events, { fill: true, ...(gone.length > 0 ? { gone } : {}) });
  }

  /** Sends events in chunks that stay far below the browsers' message size limits. */
  private send(events: StoredEvent[], { prefixOnly, ...extra }: Pick<RelayBatch, 'to' | 'fill' | 'gone'> & { prefixOnly?: PackOptions['prefixOnly'] }): void {
    let start = 0;
    do {
      let end = start;
      let chars = 0;
      while (end < events.length && end - start < MAX_BATCH_EVENTS) {
        const e = events[end++];
        if (e.kind === 'message') chars += payloadLength(e);
        if (chars >= MAX_BATCH_CHARS) break;
      }
      const batch: RelayBatch = {
        type: 'batch', ...this.info, firstSeq: this.history.firstSeq, dropped: this.history.dropped, memory: this.history.bytes,
        ...packEvents(events.slice(start, end), this.binary, { prefixOnly }),
        ...(extra.to ? { to: extra.to } : {}), ...(extra.fill ? { fill: true } : {}),
        ...(extra.gone && start === 0 ? { gone: extra.gone } : {}),
        ...(this.workersOwed && !extra.fill ? { workers: [...this.workers] } : {}),
      };
      if (!extra.fill) this.workersOwed = false;
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
    const port = this.ext.runtime.connect({ name: FRAME_PORT });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = undefined;
      this.pending = [];
    });
    this.port = port;
  }
}
