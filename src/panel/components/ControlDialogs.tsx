import { useState } from 'preact/hooks';
import type { SocketRecord } from '../../core/session';
import { MAX_DELAY_MS } from '../../core/protocol';
import { visibleText } from '../model/visible-text';
import styles from './CloseSocketDialog.module.css';

/** Asks for the latency added to every incoming message of a socket (0 = none). */
export function LatencyDialog({ socket, current, onSet, onDone }: { socket: SocketRecord; current: number; onSet: (ms: number) => void; onDone: () => void }) {
  const [ms, setMs] = useState(String(current || 500));
  const n = Number(ms);
  const valid = Number.isFinite(n) && n >= 0 && n <= MAX_DELAY_MS;
  return (
    <div class={styles.dialog} role="dialog" aria-label="Incoming latency" data-role="latency" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <form class={styles.form} onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        onSet(n);
        onDone();
      }}>
        <div class={styles.title}>Delay every incoming message of {visibleText(socket.url)}</div>
        <label>Latency (ms) <input aria-label="Latency (ms)" value={ms} inputMode="numeric" onInput={(e) => setMs((e.target as HTMLInputElement).value)} /></label>
        {valid ? null : <div class={styles.error}>0 to {MAX_DELAY_MS.toLocaleString()} ms.</div>}
        <div class={styles.buttons}>
          <button type="submit" disabled={!valid}>Set latency</button>
          <button type="button" onClick={onDone}>Cancel</button>
        </div>
      </form>
    </div>
  );
}

/** Picks the live socket that gets a socket's received messages again, and how fast. */
export function ReplayDialog({ source, targets, onStart, onDone }: { source: SocketRecord; targets: SocketRecord[]; onStart: (target: SocketRecord, speed: number) => void; onDone: () => void }) {
  const [target, setTarget] = useState(targets[0]?.key ?? '');
  const [speed, setSpeed] = useState('1');
  const n = Number(speed);
  const chosen = targets.find((t) => t.key === target);
  const valid = chosen !== undefined && Number.isFinite(n) && n >= 0;
  return (
    <div class={styles.dialog} role="dialog" aria-label="Replay received messages" data-role="replay" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <form class={styles.form} onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        onStart(chosen, n);
        onDone();
      }}>
        <div class={styles.title}>Replay what {visibleText(source.url)} received</div>
        <label>Into <select aria-label="Replay into" value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
          {targets.map((t) => <option key={t.key} value={t.key}>{visibleText(t.url)}</option>)}
        </select></label>
        <label>Speed (× original timing; 0 = as fast as possible) <input aria-label="Replay speed" value={speed} inputMode="decimal" onInput={(e) => setSpeed((e.target as HTMLInputElement).value)} /></label>
        {targets.length === 0 ? <div class={styles.error}>No open socket to replay into.</div> : null}
        <div class={styles.buttons}>
          <button type="submit" disabled={!valid}>Start replay</button>
          <button type="button" onClick={onDone}>Cancel</button>
        </div>
      </form>
    </div>
  );
}
