import { useEffect, useRef, useState } from 'preact/hooks';
import type { SocketRecord } from '../../core/session';
import type { CommandResult } from '../../core/protocol';
import styles from './CloseSocketDialog.module.css';

interface Props {
  socket: SocketRecord;
  onClose: (code: number, reason: string) => Promise<CommandResult>;
  onDone: (result: CommandResult | null) => void;
}

/** Asks for a close code and reason, then closes the page's socket with them (as the page's `close()` would). */
export function CloseSocketDialog({ socket, onClose, onDone }: Props) {
  const [code, setCode] = useState('1000');
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.select(), []);
  const n = Number(code);
  // What close() accepts: 1000, or 3000–4999; a reason of at most 123 UTF-8 bytes.
  const valid = Number.isInteger(n) && (n === 1000 || (n >= 3000 && n <= 4999)) && new TextEncoder().encode(reason).length <= 123;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (valid) onDone(await onClose(n, reason));
  };
  return (
    <div class={styles.dialog} role="dialog" aria-label="Close socket" data-role="close-socket" onKeyDown={(e) => e.key === 'Escape' && onDone(null)}>
      <form class={styles.form} onSubmit={submit}>
        <div class={styles.title}>Close {socket.url}</div>
        <label>
          Code <input ref={first} aria-label="Close code" value={code} inputMode="numeric" onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Reason <input aria-label="Close reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
        {valid ? null : <div class={styles.error}>The code must be 1000 or 3000–4999, the reason at most 123 bytes.</div>}
        <div class={styles.buttons}>
          <button type="submit" disabled={!valid} data-action="close-socket">Close socket</button>
          <button type="button" onClick={() => onDone(null)}>Cancel</button>
        </div>
      </form>
    </div>
  );
}
