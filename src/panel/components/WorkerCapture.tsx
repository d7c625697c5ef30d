import styles from './WorkerCapture.module.css';

export interface WorkerCaptureProps {
  on: boolean;
  onChange: (on: boolean) => void;
}

/**
 * Chrome: worker sockets are captured only through the debugger, an optional permission; this says
 * what that costs (Chrome's bar) and turns it on or off.
 */
export function WorkerCapture({ on, onChange }: WorkerCaptureProps) {
  return (
    <div class={styles.bar} data-role="worker-capture" data-on={String(on)}>
      {on ? (
        <>
          Capturing sockets of this tab's workers (dedicated, nested, blob and service workers) while Sockets is open; Chrome
          shows "Sockets started debugging this browser" meanwhile. Reload to see a worker's sockets from its first line.{' '}
          <button data-action="stop-worker-capture" onClick={() => onChange(false)}>Stop</button>
        </>
      ) : (
        <>
          Sockets opened in workers are not captured: Chrome lets extensions into workers only through its debugger, and shows
          "Sockets started debugging this browser" while it is on.{' '}
          <button data-action="capture-workers" onClick={() => onChange(true)}>Capture worker sockets</button>
        </>
      )}
    </div>
  );
}
