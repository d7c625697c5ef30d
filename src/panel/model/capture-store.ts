import { isSocketFact, type CaptureEvent, type MessageEvent } from '../../core/model';
import { heapSize } from '../../core/heap-size';
import { isWorkerContext, type RelayBatch, type WorkerContext } from '../../core/protocol';
import { applyToSocket, newSocketRecord, socketKey, withLoggedHandshake, type Handshake, type SessionEvent, type SocketRecord } from '../../core/session';

export interface DocumentRecord {
  doc: string;
  frameId: number;
  docStart: number;
  docUrl: string;
  top: boolean;
  lastSeq: number;
  /** Sequence numbers still to skip for the relay's gaps (not counted as dropped). */
  gapSkips: number;
  /** What the document's relay said its history takes (heap bytes), with its last batch. */
  memory?: number;
  /** The workers it started whose sockets may not be captured (its relay's latest list). */
  workers?: WorkerContext[];
  /** The store's navigation count when the document first reported. */
  navigation?: number;
}

/** At most this many workers are named per document (as many as its relay names), and per page. */
const MAX_DOC_WORKERS = 32;
const MAX_PAGE_WORKERS = 32;

export interface StoreLimits {
  maxEvents: number;
  /** Heap bytes the events may take (estimated as V8 holds them). */
  maxBytes: number;
}

/** A row's own cost beyond its event: the { socketKey, event } object and its slot. */
const ROW_BYTES = 24;
/**
 * Text payloads are counted at 2 bytes a character here: measured in the panel's heap (bench
 * section "bounds", 1 KB texts), they take about that much although they arrive as Latin-1.
 */
const rowBytes = (e: CaptureEvent) => ROW_BYTES + heapSize(e) + (e.kind === 'message' && e.opcode === 1 ? e.data.length : 0);

type Batch = Omit<RelayBatch, 'events'> & { frameId: number; events: CaptureEvent[] };

/**
 * Everything the panel holds for its tab: documents, sockets and events in arrival order.
 * Batches may repeat (a replay after a reconnect): events at or below a document's last sequence
 * number are skipped; a jump forward counts as events dropped at the source.
 */
/** A frame's word for its top document's start: a time at or before its own. */
/** DevTools' log and the page may date a socket's start this far apart (ms). */
const LOG_SLACK_MS = 2000;

const isStartOf = (topStart: unknown, docStart: number): topStart is number =>
  typeof topStart === 'number' && Number.isFinite(topStart) && topStart > 0 && topStart <= docStart;

export class CaptureStore {
  readonly docs = new Map<string, DocumentRecord>();
  readonly sockets = new Map<string, SocketRecord>();
  events: SessionEvent[] = [];
  /** Events lost to memory bounds (here or in the page's relay). */
  dropped = 0;
  /** Bumped whenever events were replaced or removed (clear, navigation, import), so views start over. */
  generation = 0;
  /** Trims of the oldest events by the bounds, and how many the last one took (views shift, see CaptureReader). */
  trims = 0;
  lastTrim = 0;
  preserveLog = false;
  /** Increments at each top-level navigation seen; sockets remember theirs. */
  navigation = 0;
  readonly socketNavigation = new Map<string, number>();
  /** Messages whose payload came in part (`partial`), by document and sequence number. */
  readonly partial = new Map<string, Map<number, MessageEvent>>();
  /** Bumped whenever payloads were completed, so views that look into payloads re-filter. */
  fills = 0;
  /** Estimated heap bytes of `events`. */
  bytes = 0;
  private topDocStart = -Infinity;
  /** Sockets whose handshake DevTools' log completed already. */
  private completed = new Set<string>();
  /** When DevTools last reported a navigation (epoch ms; at first, when this store was made). */
  private lastNavigation: number;

  /** How many payloads are still on their way. */
  get partialCount(): number {
    let n = 0;
    for (const waiting of this.partial.values()) n += waiting.size;
    return n;
  }

  constructor(readonly limits: StoreLimits, openedAt = -Infinity) {
    this.lastNavigation = openedAt;
  }

  /** Applies a batch; answers whether anything visible changed. Gaps count as dropped unless `gapsAreSkips`. */
  ingest(batch: Batch, gapsAreSkips = false): boolean {
    let changed = false;
    let doc = this.docs.get(batch.doc);
    if (!doc) {
      if (batch.top && batch.frameId === 0) changed = this.navigated(batch.docStart) || changed;
      // A frame of a new page whose top document has no relay (no socket): that page began at `topStart`.
      else if (isStartOf(batch.topStart, batch.docStart)) changed = this.navigated(batch.topStart) || changed;
      doc = { doc: batch.doc, frameId: batch.frameId, docStart: batch.docStart, docUrl: batch.docUrl, top: batch.top, lastSeq: 0, gapSkips: 0, navigation: this.navigation };
      this.docs.set(batch.doc, doc);
      changed = true;
    }
    if (batch.memory !== undefined) doc.memory = batch.memory;
    if (Array.isArray(batch.workers)) {
      doc.workers = batch.workers.filter(isWorkerContext).slice(0, MAX_DOC_WORKERS).map((w) => ({ kind: w.kind, url: w.url }));
      this.workersVersion++;
      changed = true;
    }
    for (const event of batch.events) {
      if (event.seq <= doc.lastSeq) continue;
      if (event.seq > doc.lastSeq + 1 && !gapsAreSkips) this.countDropped(doc, event.seq - doc.lastSeq - 1);
      doc.lastSeq = event.seq;
      this.apply(doc, event);
      changed = true;
    }
    if (batch.events.length === 0 && batch.firstSeq > doc.lastSeq + 1) {
      this.countDropped(doc, batch.firstSeq - doc.lastSeq - 1);
      doc.lastSeq = batch.firstSeq - 1;
    }
    this.enforceBound();
    return changed;
  }

  /**
   * Completes partial messages with the whole payloads of a fill; those the relay no longer held
   * stay cut, as `truncated`. Answers whether any message here changed.
   */
  fill(doc: string, events: CaptureEvent[], gone: number[] = []): boolean {
    const waiting = this.partial.get(doc);
    if (!waiting) return false;
    let changed = false;
    for (const e of events) {
      const target = waiting.get(e.seq);
      if (!target || e.kind !== 'message') continue;
      waiting.delete(e.seq);
      this.bytes += rowBytes(e) - rowBytes(target);
      target.data = e.data;
      target.partial = undefined;
      if (e.truncated) target.truncated = true;
      changed = true;
    }
    for (const seq of gone) {
      const target = waiting.get(seq);
      if (!target) continue;
      waiting.delete(seq);
      target.partial = undefined;
      target.truncated = true;
      changed = true;
    }
    if (waiting.size === 0) this.partial.delete(doc);
    if (changed) this.fills++;
    return changed;
  }

  private countDropped(doc: DocumentRecord, skipped: number): void {
    const gap = Math.min(skipped, doc.gapSkips);
    doc.gapSkips -= gap;
    this.dropped += skipped - gap;
  }

  /**
   * The workers the current page's documents started whose sockets may not be captured, each once,
   * at most MAX_PAGE_WORKERS (`more`: how many others).
   */
  pageWorkers(): { workers: WorkerContext[]; more: number } {
    if (this.workersCache?.navigation === this.navigation && this.workersCache.version === this.workersVersion) return this.workersCache.list;
    const seen = new Set<string>();
    const workers: WorkerContext[] = [];
    for (const d of this.docs.values()) {
      if (d.navigation !== this.navigation) continue;
      for (const w of d.workers ?? []) {
        const key = `${w.kind} ${w.url}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (workers.length < MAX_PAGE_WORKERS) workers.push(w);
      }
    }
    const list = { workers, more: seen.size - workers.length };
    this.workersCache = { navigation: this.navigation, version: this.workersVersion, list };
    return list;
  }
  private workersVersion = 0;
  private workersCache: { navigation: number; version: number; list: { workers: WorkerContext[]; more: number } } | undefined;

  cursors(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, d] of this.docs) out[id] = d.lastSeq;
    return out;
  }

  /**
   * Frees everything captured so far but the sockets still open (their counts restart). Documents
   * stay known so that replays do not bring the cleared events back.
   */
  clear(): void {
    this.events = [];
    this.bytes = 0;
    this.partial.clear();
    for (const [key, s] of this.sockets) {
      if (s.state === 'closed' || s.imported) {
        this.sockets.delete(key);
        this.socketNavigation.delete(key);
      } else {
        s.sent = { count: 0, bytes: 0 };
        s.received = { count: 0, bytes: 0 };
        s.intercepted = undefined;
      }
    }
    this.dropped = 0;
    this.generation++;
  }

  /**
   * DevTools logged a socket's handshake (its network log's HAR entry for `url`, started at
   * `startedAt`): it completes that of the live socket it describes, the one of that URL created
   * nearest in time. Answers whether a socket changed.
   */
  logged(url: string, startedAt: number, handshake: Handshake): boolean {
    let best: SocketRecord | undefined;
    for (const s of this.sockets.values()) {
      if (s.imported || s.url !== url || this.completed.has(s.key) || Math.abs(s.createdAt - startedAt) > LOG_SLACK_MS) continue;
      if (!best || Math.abs(s.createdAt - startedAt) < Math.abs(best.createdAt - startedAt)) best = s;
    }
    if (!best) return false;
    this.completed.add(best.key);
    best.handshake = withLoggedHandshake(best.handshake, handshake);
    return true;
  }

  /** Adds sockets and events from outside (a HAR import). */
  addImported(sockets: SocketRecord[], events: SessionEvent[]): void {
    for (const s of sockets) {
      this.sockets.set(s.key, s);
      this.socketNavigation.set(s.key, this.navigation);
    }
    for (const e of events) {
      this.events.push(e);
      this.bytes += rowBytes(e.event);
    }
    // A file's size is known: drop only what is over the bounds, not the tenth more a stream's are given.
    this.enforceBound(0);
    this.generation++;
  }

  private apply(doc: DocumentRecord, event: CaptureEvent): void {
    if (event.kind === 'dropped') {
      this.dropped += event.count;
      return;
    }
    // A gap stands for the messages whose sequence numbers it skips: they are not "dropped" too.
    if (event.kind === 'gap') doc.gapSkips += event.count - 1;
    const key = socketKey(doc.doc, event.socket);
    let socket = this.sockets.get(key);
    if (event.kind === 'created') {
      socket = newSocketRecord(doc.doc, doc.frameId, event);
      this.sockets.set(key, socket);
      this.socketNavigation.set(key, this.navigation);
    }
    if (!socket) return;
    applyToSocket(socket, event);
    // Facts about the socket (its handshake, its initiator) live in its record, not among the rows.
    if (isSocketFact(event)) return;
    this.events.push({ socketKey: socket.key, event });
    this.bytes += rowBytes(event);
    if (event.kind === 'message' && event.partial) {
      let waiting = this.partial.get(doc.doc);
      if (!waiting) this.partial.set(doc.doc, (waiting = new Map()));
      waiting.set(event.seq, event);
    }
  }

  /**
   * A top-level document started at `docStart` (epoch ms): told by its relay's first batch, or by
   * the panel when DevTools saw the navigation (a page without sockets has no relay to tell). Once
   * per document; answers whether anything visible changed.
   */
  navigated(docStart: number): boolean {
    if (docStart <= this.topDocStart) return false;
    this.topDocStart = docStart;
    return this.onNewTopDocument(docStart);
  }

  /**
   * DevTools saw the tab navigate, at `seen` (epoch ms). If a top document that started after the
   * previous navigation announced itself (its relay was first), that is the new page already; else
   * it has no relay (no socket yet), and every document that started before the new page began is of
   * earlier pages. `began`: the new top document's own start as the page tells it, taken only between
   * the previous navigation and `seen` (the page may lie); else the page is taken to begin at `seen`,
   * which drops a cross-origin frame of the new page that reported before DevTools' late word.
   */
  navigatedTo(seen: number, began?: number): boolean {
    const announced = this.topDocStart > this.lastNavigation;
    const start = began !== undefined && began > this.lastNavigation && began <= seen ? began : seen;
    this.lastNavigation = seen;
    return announced ? false : this.navigated(start);
  }

  private onNewTopDocument(docStart: number): boolean {
    this.navigation++;
    const stale = new Set<string>();
    for (const d of this.docs.values()) if (d.docStart < docStart) stale.add(d.doc);
    if (stale.size === 0) return false;
    if (this.preserveLog) return this.closeUnloaded(stale, docStart);
    for (const [key, s] of this.sockets) {
      if (stale.has(s.doc)) {
        this.sockets.delete(key);
        this.socketNavigation.delete(key);
      }
    }
    for (const doc of stale) this.partial.delete(doc);
    this.events = this.events.filter((e) => this.sockets.has(e.socketKey));
    this.bytes = this.events.reduce((n, e) => n + rowBytes(e.event), 0);
    this.dropped = 0;
    this.generation++;
    return true;
  }

  /** Sockets of documents that went away are closed from then on, not open forever. */
  private closeUnloaded(docs: Set<string>, time: number): boolean {
    let changed = false;
    for (const s of this.sockets.values()) {
      if (!docs.has(s.doc) || s.state === 'closed' || s.imported) continue;
      s.state = 'closed';
      s.closedAt = Math.max(time, s.createdAt);
      s.unloaded = true;
      changed = true;
    }
    return changed;
  }

  /** Drops the oldest events over the bounds, and `slack` of the bounds more (so that a flood does not copy the array on every batch). */
  private enforceBound(slack = 0.1): void {
    const { maxEvents, maxBytes } = this.limits;
    if (this.events.length <= maxEvents && this.bytes <= maxBytes) return;
    let excess = this.events.length > maxEvents ? this.events.length - maxEvents + Math.floor(maxEvents * slack) : 0;
    let freed = 0;
    for (let i = 0; i < excess; i++) freed += rowBytes(this.events[i].event);
    while (excess < this.events.length - 1 && this.bytes - freed > maxBytes * (1 - slack)) freed += rowBytes(this.events[excess++].event);
    for (let i = 0; i < excess; i++) {
      const { socketKey, event } = this.events[i];
      if (event.kind !== 'message' || !event.partial) continue;
      const doc = this.sockets.get(socketKey)?.doc;
      const waiting = doc === undefined ? undefined : this.partial.get(doc);
      waiting?.delete(event.seq);
      if (waiting?.size === 0) this.partial.delete(doc!);
    }
    this.events = this.events.slice(excess);
    this.bytes -= freed;
    this.dropped += excess;
    this.trims++;
    this.lastTrim = excess;
  }
}
