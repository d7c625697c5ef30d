import type { SocketRecord } from '../../core/session';
import type { CaptureState } from '../state/capture';
import type { SelectionStore } from '../state/selection';
import type { DecodeState } from '../state/decode';
import { formatBytes, formatClock, formatDuration } from '../model/format';
import styles from './SocketList.module.css';
import { NotKept } from './NotKept';

interface Props {
  capture: CaptureState;
  selection: SelectionStore;
  decode: DecodeState;
}

const hostPath = (url: string) => url.replace(/^wss?:\/\//, '');

function duration(s: SocketRecord, now: number) {
  return formatDuration((s.closedAt ?? now) - s.createdAt);
}

/** The tab's sockets: one row each with its state, counts and close details. */
export function SocketList({ capture, selection, decode }: Props) {
  capture.version.value;
  const selected = selection.socket.value;
  const sockets = [...capture.store.sockets.values()];
  const docs = capture.store.docs;
  const now = Date.now();
  const showDocs = capture.store.preserveLog || sockets.some((s) => s.imported);

  return (
    <div class={styles.list} role="table" aria-label="Sockets">
      <div class={`${styles.row} ${styles.header}`} role="row">
        <span class={styles.url}>URL</span>
        <span class={styles.state}>Status</span>
        <span class={styles.protocol}>Protocol</span>
        <span class={styles.num}>Sent</span>
        <span class={styles.num}>Received</span>
        <span class={styles.time}>Opened</span>
        <span class={styles.num}>Duration</span>
        <span class={styles.close}>Close</span>
      </div>
      <div
        class={`${styles.row} ${selected === null ? styles.selected : ''}`}
        role="row"
        data-all-sockets
        onClick={() => (selection.socket.value = null)}
      >
        <span class={styles.url}>All sockets ({sockets.length})</span>
      </div>
      {sockets.map((s) => {
        const frame = s.frameId !== 0 ? ` · frame ${new URL(s.frameUrl, 'about:blank').host || s.frameUrl}` : '';
        const doc = showDocs ? (s.imported ? ` · imported ${s.imported}` : docs.get(s.doc)?.top === false ? '' : ` · ${capture.store.socketNavigation.get(s.key) === capture.store.navigation ? 'current page' : 'previous page'}`) : '';
        const decoder = decode.decoderOf(s.key);
        return (
          <div
            key={s.key}
            role="row"
            class={`${styles.row} ${s.key === selected ? styles.selected : ''} ${capture.store.socketNavigation.get(s.key) !== capture.store.navigation ? styles.stale : ''}`}
            data-socket-url={s.url}
            data-state={s.state}
            data-messages={s.sent.count + s.received.count}
            data-socket-key={s.key}
            title={`${s.url}\nframe: ${s.frameUrl}${s.protocols.length ? `\nrequested: ${s.protocols.join(', ')}` : ''}`}
            onClick={() => (selection.socket.value = s.key)}
          >
            <span class={styles.url}>
              <span class={`${styles.dot} ${styles[s.state]}`} />
              {hostPath(s.url)}
              <span class={styles.muted}>{frame}{doc}</span>
              <NotKept socket={s} />
            </span>
            <span class={`${styles.state} ${styles[`text-${s.state}`]}`}>{s.state}{s.errors ? ` · ${s.errors} error${s.errors > 1 ? 's' : ''}` : ''}</span>
            <span class={styles.protocol}>{[s.protocol, decoder ? `(${decoder})` : ''].filter(Boolean).join(' ') || '—'}</span>
            <span class={styles.num}>{s.sent.count} · {formatBytes(s.sent.bytes)}</span>
            <span class={styles.num}>{s.received.count} · {formatBytes(s.received.bytes)}</span>
            <span class={styles.time}>{formatClock(s.openedAt ?? s.createdAt)}</span>
            <span class={styles.num}>{duration(s, now)}</span>
            <span class={styles.close} data-role="close">{s.close ? `${s.close.code}${s.close.reason ? ` ${s.close.reason}` : ''}${s.close.wasClean ? '' : ' (unclean)'}` : ''}</span>
          </div>
        );
      })}
    </div>
  );
}
