import { useEffect, useRef, useState } from 'preact/hooks';
import type { SocketRecord } from '../../core/session';
import type { CommandResult } from '../../core/protocol';
import styles from './CloseSocketDialog.module.css';

interface Props {
  socket: SocketRecord;
  /** Close as the server would: the page gets a close event with this code and reason. */
  asServer?: boolean;
  onClose: (code: number, reason: string) => Promise<CommandResult>;
  onDone: (result: CommandResult | null) => void;
}

/** Codes a close frame may carry (RFC 6455 §7.4): what a server can send. */
const serverCode = (n: number) => n >= 1000 && n <= 4999 && n !== 1004 && n !== 1005 && n !== 1006 && n !== 1015;

/**
 * Asks for a close code and reason, then closes the page's socket with them: as the page's
 * `close()` would, or (`asServer`) as the server would, the page seeing that close event.
 */
export function CloseSocketDialog({ socket, asServer, onClose, onDone }: Props) {
  const [code, setCode] = useState('1000');
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.select(), []);
  const n = Number(code);
  // What close() accepts: 1000, or 3000–4999; a reason of at most 123 UTF-8 bytes.
  const codeOk = Number.isInteger(n) && (asServer ? serverCode(n) : n === 1000 || (n >= 3000 && n <= 4999));
  const valid = codeOk && new TextEncoder().encode(reason).length <= 123;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (valid) onDone(await onClose(n, reason));
  };
  return (
    <div class={styles.dialog} role="dialog" aria-label={asServer ? 'Close as server' : 'Close socket'} data-role={asServer ? 'server-close' : 'close-socket'} onKeyDown={(e) => e.key === 'Escape' && onDone(null)}>
      <form class={styles.form} onSubmit={submit}>
        <div class={styles.title}>{asServer ? 'Close as the server would' : 'Close'} {socket.url}</div>
        <label>
          Code <input ref={first} aria-label="Close code" value={code} inputMode="numeric" onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Reason <input aria-label="Close reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
        {valid ? null : <div class={styles.error}>{asServer ? 'The code must be one a close frame carries (1000–4999 but 1004–1006 and 1015)' : 'The code must be 1000 or 3000–4999'}, the reason at most 123 bytes.</div>}
        <div class={styles.buttons}>
          <button type="submit" disabled={!valid} data-action={asServer ? 'server-close' : 'close-socket'}>{asServer ? 'Close as server' : 'Close socket'}</button>
          <button type="button" onClick={() => onDone(null)}>Cancel</button>
        </div>
      </form>
    </div>
  );
}
