import { useRef } from 'preact/hooks';
import type { CaptureState } from '../state/capture';
import { formatBytes, formatDuration } from '../model/format';
import { summarizeShown, type ShownSummary } from '../model/shown-summary';
import type { FilterStore } from '../state/filter';
import { plural } from '../model/format';
import type { InterceptStore } from '../state/intercept';
import styles from './StatusBar.module.css';

export function StatusBar({ capture, filter, intercept }: { capture: CaptureState; filter: FilterStore; intercept: InterceptStore }) {
  capture.version.value;
  let intercepted = 0;
  for (const s of capture.store.sockets.values()) intercepted += s.intercepted ?? 0;
  const held = intercept.held.value.length;
  const replay = intercept.replay.value;
  const shown = filter.visible.value.count;
  const total = capture.store.events.length;
  const dropped = capture.store.dropped;
  const skipped = capture.skipped.value;
  const partial = capture.store.partialCount;
  const summaryRef = useRef<ShownSummary | null>(null);
  const summary = (summaryRef.current = summarizeShown(filter.visible.value, summaryRef.current));
  return (
    <div class={styles.bar} role="status">
      <span data-role="shown-count" data-count={shown}>{shown.toLocaleString()} shown</span>
      <span class={styles.summary} data-role="summary" data-messages={summary.messages} data-sent-bytes={summary.sentBytes} data-received-bytes={summary.receivedBytes} title="The shown rows: messages, bytes sent and received, and the time from the first to the last">
        {summary.messages.toLocaleString()} messages · {formatBytes(summary.sentBytes)} sent · {formatBytes(summary.receivedBytes)} received{summary.counted > 1 ? ` · ${formatDuration(summary.last - summary.first)}` : ''}
      </span>
      {filter.visible.value.hiddenHeartbeats ? <span data-role="hidden-heartbeats" data-count={filter.visible.value.hiddenHeartbeats}>{plural(filter.visible.value.hiddenHeartbeats, 'heartbeat')} hidden</span> : null}
      <span data-role="total-count" data-count={total}>{total.toLocaleString()} captured</span>
      <span data-role="socket-count">{plural(capture.store.sockets.size, 'socket')}</span>
      {dropped ? <span class={styles.warn} data-role="dropped-count" data-count={dropped}>{dropped.toLocaleString()} dropped (memory bound)</span> : null}
      {skipped ? <span class={styles.warn} data-role="skipped-count" data-count={skipped}>{skipped.toLocaleString()} skipped while paused</span> : null}
      {partial ? <span data-role="partial-count" data-count={partial} title="A flood deferred these payloads: their first bytes are here, the rest follows when the page is quiet or when you open one">{partial.toLocaleString()} payloads on their way</span> : null}
      {!capture.recording.value ? <span class={styles.warn}>Recording paused</span> : null}
      {held ? <span class={styles.warn} data-role="held-count" data-count={held}>{held.toLocaleString()} held</span> : null}
      {intercepted ? <span data-role="intercepted-count" data-count={intercepted} title="Messages a breakpoint, rule or connection control held, changed, stopped, delayed or made">{intercepted.toLocaleString()} intercepted</span> : null}
      {replay ? (
        <span data-role="replay" data-done={replay.done} data-total={replay.total}>
          Replaying {replay.done.toLocaleString()}/{replay.total.toLocaleString()} <button onClick={() => intercept.stopReplay()}>Stop replay</button>
        </span>
      ) : null}
    </div>
  );
}
