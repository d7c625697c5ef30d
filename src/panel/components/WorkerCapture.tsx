import type { WorkerContext } from '../../core/protocol';
import type { CaptureState } from '../state/capture';
import { contextLabel } from '../model/socket-columns';
import { visibleText } from '../model/visible-text';
import styles from './WorkerCapture.module.css';

export interface WorkerCaptureProps {
  /** Chrome: whether worker capture (the debugger) is on; undefined in Firefox, which needs no opt-in. */
  on?: boolean;
  onChange?: (on: boolean) => void;
}

/** The workers named, each as the socket table would name its context, the script URL on hover. */
function WorkerList({ workers, more = 0, role = 'uncaptured-workers' }: { workers: WorkerContext[]; more?: number; role?: string }) {
  return (
    <span data-role={role}>
      {workers.map((w, i) => (
        <span key={i}>
          {i > 0 ? ', ' : null}
          <span class={styles.worker} data-worker-kind={w.kind} title={visibleText(w.url || '(a script URL Sockets could not read)')}>
            {visibleText(w.url ? contextLabel(w) : KIND_ONLY[w.kind])}
          </span>
        </span>
      ))}
      {more > 0 ? ` and ${more} more` : null}
    </span>
  );
}

const KIND_ONLY = { worker: 'a worker', 'shared-worker': 'a shared worker', 'service-worker': 'a service worker' } as const;
const count = (n: number) => (n === 1 ? 'a worker' : `${n} workers`);

/**
 * Chrome: worker sockets are captured only through the debugger, an optional permission; this says
 * what that costs (Chrome's bar), names the page's workers it would reach, and turns it on or off.
 * Firefox: names the workers whose sockets it cannot capture (blob: and data: workers).
 */
export function WorkerCapture({ on, onChange, capture }: WorkerCaptureProps & { capture: CaptureState }) {
  void capture.version.value;
  // The page's workers whose sockets may not be captured (Firefox: its blob: and data: workers).
  const { workers, more } = capture.store.pageWorkers();
  if (on === undefined) {
    if (workers.length === 0) return null;
    return (
      <div class={styles.bar} data-role="worker-capture" data-uncaptured={workers.length + more}>
        Sockets of blob: and data: workers are not captured in Firefox (their scripts never pass through the network where
        Sockets adds its hook): this page started <WorkerList workers={workers} more={more} />.
      </div>
    );
  }
  const shared = workers.filter((w) => w.kind === 'shared-worker');
  // A data: shared worker has no origin of the page's: Sockets does not attach to it.
  const late = shared.filter((w) => !w.url.startsWith('data:'));
  const missed = shared.filter((w) => w.url.startsWith('data:'));
  return (
    <div class={styles.bar} data-role="worker-capture" data-on={String(on)} data-uncaptured={on ? missed.length : workers.length + more}>
      {on ? (
        <>
          Capturing sockets of this tab's workers (dedicated, nested, blob, shared and service workers) while Sockets is open; Chrome
          shows "Sockets started debugging this browser" meanwhile. Reload to see a worker's sockets from its first line.{' '}
          {late.length > 0 ? (
            <>
              Chrome cannot hold a shared worker at its start: the sockets of <WorkerList workers={late} role="late-workers" /> show from
              when Sockets reached it (a moment after the page asked for it), without what they did before.{' '}
            </>
          ) : null}
          {missed.length > 0 ? (
            <>
              Not captured: <WorkerList workers={missed} />.{' '}
            </>
          ) : null}
          <button data-action="stop-worker-capture" onClick={() => onChange?.(false)}>Stop</button>
        </>
      ) : (
        <>
          {workers.length > 0 ? (
            <>
              This page started {count(workers.length + more)} whose sockets are not captured: <WorkerList workers={workers} more={more} />.{' '}
            </>
          ) : (
            'Sockets opened in workers are not captured: '
          )}
          Chrome lets extensions into workers only through its debugger, and shows "Sockets started debugging this browser"
          while it is on.{' '}
          <button data-action="capture-workers" onClick={() => onChange?.(true)}>Capture worker sockets</button>
        </>
      )}
    </div>
  );
}
