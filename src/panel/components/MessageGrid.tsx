import { useEffect } from 'preact/hooks';
import { useComputed } from '@preact/signals';
import type { SessionEvent } from '../../core/session';
import { isPartial } from '../../core/model';
import type { CaptureState } from '../state/capture';
import type { DecodeState } from '../state/decode';
import type { FilterStore } from '../state/filter';
import type { SelectionStore } from '../state/selection';
import { formatBytes, formatClock } from '../model/format';
import { rowPreview } from '../model/row-text';
import { visibleText } from '../model/visible-text';
import { VirtualRows } from './VirtualRows';
import styles from './MessageGrid.module.css';

const ROW_HEIGHT = 21;

interface Props {
  capture: CaptureState;
  filter: FilterStore;
  selection: SelectionStore;
  decode: DecodeState;
  onContextMenu: (row: SessionEvent, x: number, y: number) => void;
  /** Enter or double-click: show the row's details. */
  onOpen: () => void;
}

function directionOf(row: SessionEvent) {
  const e = row.event;
  return e.kind === 'message' ? e.dir : 'lifecycle';
}

export function MessageGrid({ capture, filter, selection, decode, onContextMenu, onOpen }: Props) {
  const visible = filter.visible.value;
  const selected = selection.row.value;
  const selectedIndex = useComputed(() => {
    const v = filter.visible.value;
    const row = selection.row.value;
    if (!row) return -1;
    for (let i = v.count - 1; i >= 0; i--) if (v.events[v.indices[i]] === row) return i;
    return -1;
  }).value;
  const timeMode = selection.timeMode.value;
  // A selection the grid no longer shows (another socket, a filter) is let go: the detail pane
  // never shows a message that is not in the list.
  useEffect(() => {
    if (selected && selectedIndex < 0) selection.row.value = null;
  }, [selected, selectedIndex]);

  const rowAt = (i: number) => visible.events[visible.indices[i]];
  const select = (i: number) => {
    if (i < 0 || i >= visible.count) return;
    selection.row.value = rowAt(i);
    selection.follow.value = false;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') select(selectedIndex + 1);
    else if (e.key === 'ArrowUp') select(Math.max(0, selectedIndex - 1));
    else if (e.key === 'End') select(visible.count - 1);
    else if (e.key === 'Home') select(0);
    else if (e.key === 'Enter') onOpen();
    else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      const el = (e.currentTarget as HTMLElement).querySelector(`[data-index="${selectedIndex}"]`);
      if (!el || selectedIndex < 0) return;
      const r = el.getBoundingClientRect();
      onContextMenu(rowAt(selectedIndex), r.left + 24, r.bottom);
    } else return;
    e.preventDefault();
  };

  const renderRow = (i: number, style: Record<string, string>) => {
    const row = rowAt(i);
    const e = row.event;
    const dir = directionOf(row);
    const socket = capture.store.sockets.get(row.socketKey);
    const t = timeMode === 'absolute' ? formatClock(e.time) : `+${((e.time - (socket?.createdAt ?? e.time)) / 1000).toFixed(3)} s`;
    const decoded = e.kind === 'message' ? decode.decode(row) : null;
    const origin = e.kind === 'message' && e.origin ? e.origin : undefined;
    return (
      <div
        key={i}
        role="row"
        class={`${styles.row} ${styles[dir]} ${row === selected ? styles.selected : ''}`}
        style={style}
        data-direction={e.kind === 'message' ? e.dir : undefined}
        data-kind={e.kind}
        data-origin={origin}
        data-partial={isPartial(e) ? 'true' : undefined}
        data-index={i}
        aria-selected={row === selected}
        onClick={() => select(i)}
        onDblClick={() => {
          select(i);
          onOpen();
        }}
        onContextMenu={(ev) => {
          ev.preventDefault();
          select(i);
          onContextMenu(row, ev.clientX, ev.clientY);
        }}
      >
        <span class={styles.arrow} title={dir}>{dir === 'sent' ? '↑' : dir === 'received' ? '↓' : '•'}</span>
        <span class={styles.time}>{t}</span>
        <span class={styles.size}>{e.kind === 'message' ? formatBytes(e.size) : ''}</span>
        <span class={styles.payload} data-role="payload">
          {origin ? <span class={styles.badge}>{origin === 'devtools' ? 'DevTools' : 'simulated'}</span> : null}
          {decoded && decoded.summary && decoded.decoder !== 'json' ? <span class={styles.decoded} data-role="decoded">{visibleText(decoded.summary)}</span> : null}
          {decoded?.summary && decoded.decoder !== 'json' ? null : rowPreview(row)}
        </span>
      </div>
    );
  };

  return (
    <div class={styles.grid}>
      <div class={styles.header} role="row">
        <span class={styles.arrow} />
        <button class={styles.time} title="Switch between absolute and relative time" onClick={() => (selection.timeMode.value = timeMode === 'absolute' ? 'relative' : 'absolute')}>
          Time {timeMode === 'relative' ? '(rel.)' : ''}
        </button>
        <span class={styles.size}>Size</span>
        <span class={styles.payload}>Data</span>
      </div>
      <div class={styles.body}>
        <VirtualRows
          count={visible.count}
          rowHeight={ROW_HEIGHT}
          renderRow={renderRow}
          follow={selection.follow.value}
          onFollowChange={(f) => (selection.follow.value = f)}
          scrollTo={selectedIndex}
          listKey={visible.scans}
          label="Messages"
          onKeyDown={onKeyDown}
        />
      </div>
    </div>
  );
}
