import { signal } from '@preact/signals';
import type { BackgroundToPanel } from '../../core/protocol';
import { CaptureStore } from '../model/capture-store';

export const DEFAULT_LIMITS = { maxEvents: 1_000_000 };

/**
 * The capture store behind signals. Incoming batches are applied at once but announced at most
 * once per animation frame, so a flood costs one render per frame.
 */
export function createCaptureState(limits = DEFAULT_LIMITS) {
  const store = new CaptureStore(limits);
  const version = signal(0);
  const recording = signal(true);
  const skipped = signal(0);
  let frameRequested = false;

  const announce = () => {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(() => {
      frameRequested = false;
      version.value++;
    });
  };

  return {
    store,
    version,
    recording,
    /** Messages not collected while paused. */
    skipped,
    receive(message: BackgroundToPanel) {
      if (message.type !== 'batch') return;
      if (!recording.value) {
        // Paused: advance the cursors so nothing is collected now or replayed later.
        const doc = store.docs.get(message.doc);
        const last = message.events.at(-1)?.seq;
        if (doc && last !== undefined && last > doc.lastSeq) {
          skipped.value += message.events.filter((e) => e.seq > doc.lastSeq).length;
          doc.lastSeq = last;
          return;
        }
      }
      if (store.ingest(message)) announce();
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
