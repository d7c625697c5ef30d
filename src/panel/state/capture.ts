import { signal } from '@preact/signals';
import { MAX_FILL_SEQS, type BackgroundToPanel, type PanelToBackground } from '../../core/protocol';
import type { SessionEvent } from '../../core/session';
import { unpackEvents, unpackInline, unpackWithoutPayloads } from '../../core/wire';
import { isPartial, type CaptureEvent } from '../../core/model';
import { CaptureStore, type StoreLimits } from '../model/capture-store';
import { DEFAULT_LIMITS } from '../../core/limits';
import { harHandshake } from '../../core/har/import-chrome';
import { isObj } from '../../core/har/read';


/**
 * The capture store behind signals. Incoming batches are applied at once; renders are announced
 * at a bounded rate (see announce), so a flood costs a few renders a second, not one per batch.
 */
const RENDER_INTERVAL_MS = 100;
const FLOOD_INTERVAL_MS = 250;

export function createCaptureState(limits: StoreLimits = { maxEvents: DEFAULT_LIMITS.maxEvents, maxBytes: DEFAULT_LIMITS.maxBytes }, tabId = -1) {
  const store = new CaptureStore(limits, performance.timeOrigin + performance.now());
  const version = signal(0);
  const recording = signal(true);
  const skipped = signal(0);
  let frameRequested = false;

  // At most once per animation frame and once per RENDER_INTERVAL_MS; while batches keep coming
  // (a flood), once per FLOOD_INTERVAL_MS: each render costs the panel a layout and a paint, and
  // on a busy machine that time is taken from the inspected page. The timer also covers windows
  // whose frames are suspended (an occluded DevTools window), so the panel is current when shown.
  let lastRender = 0;
  let flooding = false;
  const announce = () => {
    if (frameRequested) return;
    frameRequested = true;
    const fire = () => {
      if (!frameRequested) return;
      frameRequested = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      lastRender = performance.now();
      version.value++;
    };
    const sinceLast = performance.now() - lastRender;
    flooding = sinceLast < FLOOD_INTERVAL_MS + RENDER_INTERVAL_MS && (flooding || sinceLast < RENDER_INTERVAL_MS);
    const wait = Math.max(0, (flooding ? FLOOD_INTERVAL_MS : RENDER_INTERVAL_MS) - sinceLast);
    const frame = wait === 0 ? requestAnimationFrame(fire) : 0;
    const timer = setTimeout(fire, wait === 0 ? 250 : wait);
  };

  type Batch = Omit<Extract<BackgroundToPanel, { type: 'batch' }>, 'events' | 'messages' | 'payloads'> & { events: CaptureEvent[] };
  let queue = Promise.resolve();
  let unpacking = 0;
  const fillWaiters = new Set<() => void>();
  const apply = (batch: Batch) => {
    if (batch.fill) {
      if (store.fill(batch.doc, batch.events, batch.gone)) {
        announce();
        for (const check of fillWaiters) check();
      }
      return;
    }
    if (!recording.value) {
      // Paused: messages are not collected (nor replayed later); sockets still come and go.
      const lastSeq = store.docs.get(batch.doc)?.lastSeq ?? 0;
      const kept = batch.events.filter((e) => e.kind !== 'message');
      skipped.value += batch.events.filter((e) => e.kind === 'message' && e.seq > lastSeq).length;
      const changed = store.ingest({ ...batch, events: kept }, true);
      const doc = store.docs.get(batch.doc);
      const last = batch.events.at(-1)?.seq ?? 0;
      if (doc && last > doc.lastSeq) doc.lastSeq = last;
      if (changed) announce();
      return;
    }
    if (store.ingest(batch)) announce();
  };

  let send: ((message: PanelToBackground) => void) | undefined;
  /** Fill requests for one document's messages, as many as it takes. */
  const requestFills = (doc: string, seqs: number[]) => {
    const frameId = store.docs.get(doc)?.frameId;
    if (frameId === undefined) return;
    for (let i = 0; i < seqs.length; i += MAX_FILL_SEQS) send?.({ type: 'fill', tabId, frameId, doc, seqs: seqs.slice(i, i + MAX_FILL_SEQS) });
  };
  /** Asks the relays for the whole payloads of these rows' partial messages. */
  const askFill = (rows: SessionEvent[]) => {
    const byDoc = new Map<string, number[]>();
    for (const row of rows) {
      const doc = store.sockets.get(row.socketKey)?.doc;
      if (!isPartial(row.event) || doc === undefined) continue;
      let seqs = byDoc.get(doc);
      if (!seqs) byDoc.set(doc, (seqs = []));
      seqs.push(row.event.seq);
    }
    for (const [doc, seqs] of byDoc) requestFills(doc, seqs);
  };

  return {
    store,
    version,
    /** Where fill requests go (the panel's connection). */
    sendWith(sender: (message: PanelToBackground) => void) {
      send = sender;
    },
    askFill,
    /**
     * Asks again for every payload still partial: after the panel reconnects (a fill posted while
     * the service worker was stopping may never have arrived; the relay still holds the bytes).
     */
    askAllFills() {
      for (const [doc, waiting] of store.partial) requestFills(doc, [...waiting.keys()]);
    },
    /**
     * Resolves true once these rows' payloads are whole, asking for them; false if some are still
     * partial after `timeoutMs` (the page went away, or its relay no longer holds them).
     */
    whole(rows: SessionEvent[], timeoutMs = 10_000): Promise<boolean> {
      const isWhole = () => !rows.some((r) => isPartial(r.event));
      if (isWhole()) return Promise.resolve(true);
      askFill(rows);
      return new Promise((resolve) => {
        const done = (ok: boolean) => {
          fillWaiters.delete(check);
          clearTimeout(timer);
          resolve(ok);
        };
        const check = () => isWhole() && done(true);
        const timer = setTimeout(() => done(isWhole()), timeoutMs);
        fillWaiters.add(check);
      });
    },
    recording,
    /** Messages not collected while paused. */
    skipped,
    /** Batches apply in arrival order; one whose payloads come in a Blob holds back those after it. */
    receive(message: BackgroundToPanel) {
      if (message.type !== 'batch') return;
      const { events: _events, messages: _messages, payloads, ...info } = message;
      if (!payloads && unpacking === 0) return apply({ ...info, events: unpackInline(message) });
      unpacking++;
      // A Blob that cannot be read (its sender's document went away mid-read) must not stop the
      // batches after it: its payloads stay partial, and are asked for again.
      const unpacked = unpackEvents(message).then((events) => ({ events, lost: false }), () => ({ events: unpackWithoutPayloads(message), lost: true }));
      queue = queue
        .then(async () => {
          const { events, lost } = await unpacked;
          if (lost && info.fill) return;
          apply({ ...info, events });
          if (lost) requestFills(info.doc, events.filter(isPartial).map((e) => e.seq));
        })
        .catch((error: unknown) => console.error('Sockets: a batch could not be applied', error))
        .finally(() => unpacking--);
    },
    /** An entry of DevTools' network log of the inspected page (HAR): a socket's handshake completes its record. */
    networkEntry(entry: unknown) {
      if (!isObj(entry) || entry._resourceType !== 'websocket' || !isObj(entry.request) || typeof entry.request.url !== 'string') return;
      const startedAt = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
      const handshake = Number.isFinite(startedAt) ? harHandshake(entry, entry.request.url, startedAt) : undefined;
      if (handshake && store.logged(entry.request.url, startedAt, handshake)) announce();
    },
    setLimits(next: StoreLimits) {
      store.limits.maxEvents = next.maxEvents;
      store.limits.maxBytes = next.maxBytes;
    },
    /** DevTools saw the inspected tab navigate, at `seen` (epoch ms); `began`: the page's word for its start. */
    navigatedTo(seen: number, began?: number) {
      if (store.navigatedTo(seen, began)) announce();
    },
    setPreserveLog(on: boolean) {
      store.preserveLog = on;
    },
    clear() {
      store.clear();
      skipped.value = 0;
      version.value++;
    },
    changed: announce,
  };
}

export type CaptureState = ReturnType<typeof createCaptureState>;
