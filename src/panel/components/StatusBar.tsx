import type { CaptureState } from '../state/capture';
import type { FilterStore } from '../state/filter';
import styles from './StatusBar.module.css';

export function StatusBar({ capture, filter }: { capture: CaptureState; filter: FilterStore }) {
  capture.version.value;
  const shown = filter.visible.value.count;
  const total = capture.store.events.length;
  const dropped = capture.store.dropped;
  const skipped = capture.skipped.value;
  return (
    <div class={styles.bar} role="status">
      <span data-role="shown-count" data-count={shown}>{shown.toLocaleString()} shown</span>
      <span data-role="total-count" data-count={total}>{total.toLocaleString()} captured</span>
      <span>{capture.store.sockets.size} sockets</span>
      {dropped ? <span class={styles.warn} data-role="dropped-count" data-count={dropped}>{dropped.toLocaleString()} dropped (memory bound)</span> : null}
      {skipped ? <span class={styles.warn} data-role="skipped-count" data-count={skipped}>{skipped.toLocaleString()} skipped while paused</span> : null}
      {!capture.recording.value ? <span class={styles.warn}>Recording paused</span> : null}
    </div>
  );
}
