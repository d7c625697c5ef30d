import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SocketRecord } from '../../core/session';
import type { CaptureState } from '../state/capture';
import type { SelectionStore } from '../state/selection';
import type { DecodeState } from '../state/decode';
import type { SocketTableStore } from '../state/socket-table';
import { cellText, contextLabel, frameLabel, SOCKET_COLUMNS, sortSockets, type SocketColumn } from '../model/socket-columns';
import { plural } from '../model/format';
import styles from './SocketList.module.css';
import { NotKept } from './NotKept';

interface Props {
  capture: CaptureState;
  selection: SelectionStore;
  decode: DecodeState;
  table: SocketTableStore;
  onContextMenu: (socket: SocketRecord, x: number, y: number) => void;
  onHeaderMenu: (x: number, y: number) => void;
}

const ROW_HEIGHT = 21;
const OVERSCAN = 8;

/** The tab's sockets: sortable, resizable columns; only the rows in view exist (a page can open thousands). */
export function SocketList({ capture, selection, decode, table, onContextMenu, onHeaderMenu }: Props) {
  capture.version.value;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(200);
  useLayoutEffect(() => {
    const el = viewport.current!;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const selected = selection.socket.value;
  const now = Date.now();
  const sockets = sortSockets([...capture.store.sockets.values()], table.sort.value, now);
  const columns = SOCKET_COLUMNS.filter((c) => table.shown.value.includes(c.id));
  const widthOf = (c: SocketColumn) => table.widths.value[c.id] ?? c.width;
  const cellStyle = (c: SocketColumn) => (c.id === 'name' ? { flex: `1 0 ${widthOf(c)}px` } : { width: `${widthOf(c)}px` });
  // Every row as wide as the columns (or the view): a long URL is cut in its cell, never widens its row.
  const tableWidth = columns.reduce((sum, c) => sum + widthOf(c), 0);
  const showDocs = capture.store.preserveLog || sockets.some((s) => s.imported);
  const sort = table.sort.value;

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(sockets.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const startResize = (c: SocketColumn, e: PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startWidth = widthOf(c);
    const move = (m: PointerEvent) => table.resize(c.id, startWidth + m.clientX - startX);
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const docNote = (s: SocketRecord) => {
    if (!showDocs) return '';
    if (s.imported) return ` · imported ${s.imported}`;
    if (capture.store.docs.get(s.doc)?.top === false) return '';
    return capture.store.socketNavigation.get(s.key) === capture.store.navigation ? ' · current page' : ' · previous page';
  };

  const row = (s: SocketRecord, index: number) => {
    const stale = capture.store.socketNavigation.get(s.key) !== capture.store.navigation;
    const live = !s.imported && !s.unloaded;
    return (
      <div
        key={s.key}
        role="row"
        class={`${styles.row} ${s.key === selected ? styles.selected : ''} ${stale || s.imported ? styles.stale : ''}`}
        style={{ top: `${index * ROW_HEIGHT}px` }}
        aria-selected={s.key === selected}
        data-socket-url={s.url}
        data-state={s.state}
        data-messages={s.sent.count + s.received.count}
        data-socket-key={s.key}
        data-context={s.context?.kind ?? 'page'}
        title={`${s.url}${s.urlTruncated ? '\n(URL cut: it was longer than the 16 KiB kept)' : ''}\nframe: ${s.frameUrl}${s.context ? `\n${s.context.kind}: ${s.context.url}` : ''}${s.protocols.length ? `\nrequested: ${s.protocols.join(', ')}` : ''}`}
        onClick={() => (selection.socket.value = s.key)}
        onContextMenu={(e) => {
          e.preventDefault();
          selection.socket.value = s.key;
          onContextMenu(s, e.clientX, e.clientY);
        }}
      >
        {columns.map((c) => (
          <span key={c.id} role="cell" class={`${styles.cell} ${c.numeric ? styles.num : ''} ${c.id === 'status' ? styles[`text-${live ? s.state : 'closed'}`] : ''}`} style={cellStyle(c)} data-column={c.id}>
            {c.id === 'name' ? <span class={`${styles.dot} ${styles[live ? s.state : 'closed']}`} /> : null}
            {cellText(c.id, s, now, c.id === 'protocol' ? (decode.decoderOf(s.key) ?? undefined) : undefined)}
            {c.id === 'name' && s.urlTruncated ? <span class={styles.warn} data-role="url-cut"> … (URL cut at 16 KiB)</span> : null}
            {c.id === 'name' ? <span class={styles.muted}>{s.frameId !== 0 ? ` · frame ${frameLabel(s.frameUrl)}` : ''}{s.context ? ` · ${contextLabel(s.context)}` : ''}{docNote(s)}</span> : null}
            {c.id === 'name' ? <NotKept socket={s} /> : null}
          </span>
        ))}
      </div>
    );
  };

  const rows: preact.JSX.Element[] = [];
  for (let i = first; i < last; i++) rows.push(row(sockets[i], i));

  return (
    <div ref={viewport} class={styles.list} style={{ '--table-width': `${tableWidth}px` }} role="table" aria-label="Sockets" aria-rowcount={sockets.length} onScroll={(e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop)}>
      <div
        class={`${styles.row} ${styles.header}`}
        role="row"
        onContextMenu={(e) => {
          e.preventDefault();
          onHeaderMenu(e.clientX, e.clientY);
        }}
      >
        {columns.map((c) => (
          <span
            key={c.id}
            role="columnheader"
            class={`${styles.cell} ${c.numeric ? styles.num : ''}`}
            style={cellStyle(c)}
            data-column={c.id}
            aria-sort={sort?.column === c.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            tabIndex={0}
            onClick={() => table.toggleSort(c.id)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), table.toggleSort(c.id))}
          >
            {c.label}
            {sort?.column === c.id ? <span class={styles.arrow}>{sort.descending ? '▼' : '▲'}</span> : null}
            <span class={styles.resizer} data-resize={c.id} onPointerDown={(e) => startResize(c, e)} onClick={(e) => e.stopPropagation()} />
          </span>
        ))}
      </div>
      <div class={`${styles.row} ${styles.all} ${selected === null ? styles.selected : ''}`} role="row" data-all-sockets onClick={() => (selection.socket.value = null)}>
        <span class={styles.cell}>All sockets ({sockets.length.toLocaleString('en-US')})</span>
      </div>
      {sockets.length === 0 ? (
        <div class={styles.empty} data-role="sockets-empty">
          {capture.recording.value
            ? 'No sockets yet. Every WebSocket this page opens shows here, from page load on; reload the page to see the ones it opened earlier.'
            : 'Recording is paused: sockets still show here, their messages are not kept.'}
        </div>
      ) : (
        <div class={styles.body} style={{ height: `${sockets.length * ROW_HEIGHT}px` }} data-role="socket-rows" aria-label={plural(sockets.length, 'socket')}>
          {rows}
        </div>
      )}
    </div>
  );
}
