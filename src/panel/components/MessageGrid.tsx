import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { SessionEvent } from '../../core/session';
import { isPartial, type MessageEvent } from '../../core/model';
import type { CaptureState } from '../state/capture';
import type { ConversationState } from '../state/conversation';
import type { DecodeState } from '../state/decode';
import type { FilterStore } from '../state/filter';
import type { SelectionStore } from '../state/selection';
import { formatBytes, formatClock, formatDuration, formatLatency } from '../model/format';
import { rowPreview } from '../model/row-text';
import { visibleText } from '../model/visible-text';
import { INTERCEPT_MARK_TEXT } from '../model/intercept-marks';
import { COLUMNS, DEFAULT_PREFS, MIN_WIDTH, lengthOf, nextSort, readPrefs, shownColumns, sortedOrder, type ColumnDef, type ColumnId, type ColumnPrefs } from '../model/message-columns';
import { ContextMenu } from './ContextMenu';
import { VirtualRows } from './VirtualRows';
import styles from './MessageGrid.module.css';

const ROW_HEIGHT = 21;
const PREFS_KEY = 'sockets.messageColumns';

interface Props {
  capture: CaptureState;
  filter: FilterStore;
  selection: SelectionStore;
  decode: DecodeState;
  conversation: ConversationState;
  onContextMenu: (row: SessionEvent, x: number, y: number) => void;
  /** Selects the row's response or request (its Latency cell). */
  onGoToPair: (row: SessionEvent) => void;
  /** Enter or double-click: show the row's details. */
  onOpen: () => void;
}

function directionOf(row: SessionEvent) {
  const e = row.event;
  return e.kind === 'message' ? e.dir : 'lifecycle';
}

function loadPrefs(): ColumnPrefs {
  try {
    return readPrefs(JSON.parse(localStorage.getItem(PREFS_KEY) ?? 'null'));
  } catch {
    return DEFAULT_PREFS;
  }
}

/** What the intercept badge says on hover. */
const interceptTitle = (e: MessageEvent): string => INTERCEPT_MARK_TEXT[e.intercept!].title + (e.delay ? `; held back ${formatDuration(e.delay)}` : '');

export function MessageGrid({ capture, filter, selection, decode, conversation, onContextMenu, onGoToPair, onOpen }: Props) {
  const visible = filter.visible.value;
  // Pairs come in idle time: each new one bumps the version.
  conversation.version.value;
  const selected = selection.row.value;
  // The selected row's other half, highlighted with it.
  const paired = selected ? conversation.info(selected)?.pair ?? null : null;
  const timeMode = selection.timeMode.value;
  const allSockets = selection.socket.value === null;
  const [prefs, setPrefsState] = useState(loadPrefs);
  const [headerMenu, setHeaderMenu] = useState<{ x: number; y: number } | null>(null);
  const setPrefs = (next: ColumnPrefs) => {
    setPrefsState(next);
    localStorage.setItem(PREFS_KEY, JSON.stringify(next));
  };
  const columns = shownColumns(prefs, allSockets);
  const sort = prefs.sort && columns.some((c) => c.id === prefs.sort!.column) ? prefs.sort : null;

  const socketUrl = (row: SessionEvent) => capture.store.sockets.get(row.socketKey)?.url ?? '';
  const sortKey = (column: ColumnId, row: SessionEvent): number | string => {
    const e = row.event;
    switch (column) {
      case 'time': return e.time;
      case 'length': return lengthOf(row) ?? -1;
      case 'size': return e.kind === 'message' ? e.size : -1;
      case 'opcode': return e.kind === 'message' ? e.opcode : 0;
      case 'socket': return socketUrl(row);
      case 'decoded': return decode.decode(row)?.summary ?? '';
      case 'latency': return conversation.latency(row) ?? -1;
      case 'data': return rowPreview(row);
    }
  };
  // Positions in the grid → positions in the filtered list (null: arrival order).
  const order = useMemo(
    () => (sort ? sortedOrder(visible.count, (i) => sortKey(sort.column, visible.events[visible.indices[i]]), sort.dir) : null),
    [visible, sort?.column, sort?.dir],
  );
  const rowAt = (i: number) => visible.events[visible.indices[order ? order[i] : i]];
  const selectedIndex = useMemo(() => {
    if (!selected) return -1;
    for (let i = visible.count - 1; i >= 0; i--) if (rowAt(i) === selected) return i;
    return -1;
  }, [visible, order, selected]);
  // The detail pane shows the selection only while the grid does (not after another socket or a filter hid it).
  useLayoutEffect(() => {
    selection.shown.value = selectedIndex >= 0 ? selected : null;
  }, [selected, selectedIndex]);

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

  const widthOf = (c: ColumnDef) => prefs.widths[c.id] ?? c.width;
  const cellStyle = (c: ColumnDef) => (c.id === 'data' ? undefined : { width: `${widthOf(c)}px` });

  const cell = (c: ColumnDef, row: SessionEvent) => {
    const e = row.event;
    switch (c.id) {
      case 'data': {
        const dir = directionOf(row);
        const origin = e.kind === 'message' && e.origin ? e.origin : undefined;
        const decoded = e.kind === 'message' && !columns.some((x) => x.id === 'decoded') ? decode.decode(row) : null;
        const summary = decoded?.summary && decoded.decoder !== 'json' ? decoded.summary : null;
        return (
          <span key="data" class={styles.data}>
            <span class={styles.arrow} title={dir}>{dir === 'sent' ? '↑' : dir === 'received' ? '↓' : '•'}</span>
            <span class={styles.payload} data-role="payload">
              {origin ? <span class={styles.badge}>{origin === 'devtools' ? 'DevTools' : 'simulated'}</span> : null}
              {e.kind === 'message' && e.intercept ? <span class={`${styles.badge} ${styles.intercept}`} title={interceptTitle(e)}>{e.intercept}{e.delay ? ` ${formatDuration(e.delay)}` : ''}</span> : null}
              {summary ? <span class={styles.decoded} data-role="decoded">{visibleText(summary)}</span> : rowPreview(row)}
            </span>
          </span>
        );
      }
      case 'decoded': {
        const d = e.kind === 'message' ? decode.decode(row) : null;
        return <span key="decoded" class={styles.cell} style={cellStyle(c)} data-role="decoded">{d?.summary ? visibleText(d.summary) : ''}</span>;
      }
      case 'socket':
        return <span key="socket" class={styles.cell} style={cellStyle(c)} title={socketUrl(row)} data-role="socket">{visibleText(socketUrl(row).replace(/^wss?:\/\//, ''))}</span>;
      case 'opcode':
        return <span key="opcode" class={styles.cell} style={cellStyle(c)}>{e.kind === 'message' ? (e.opcode === 1 ? 'text (1)' : 'binary (2)') : e.kind}</span>;
      case 'size':
        return <span key="size" class={`${styles.cell} ${styles.right}`} style={cellStyle(c)} data-role="size">{e.kind === 'message' ? formatBytes(e.size) : ''}</span>;
      case 'length':
        return <span key="length" class={`${styles.cell} ${styles.right}`} style={cellStyle(c)} data-role="length">{lengthOf(row)?.toLocaleString() ?? ''}</span>;
      case 'latency': {
        const info = conversation.info(row);
        if (info?.latency !== undefined) {
          return (
            <span key="latency" class={`${styles.cell} ${styles.right}`} style={cellStyle(c)} data-role="latency" data-latency={info.latency}>
              <button
                class={styles.pairLink}
                data-action="go-to-pair"
                title={info.role === 'request' ? 'Go to response' : 'Go to request'}
                onClick={(ev) => {
                  ev.stopPropagation();
                  onGoToPair(row);
                }}
              >
                {formatLatency(info.latency)}
              </button>
            </span>
          );
        }
        const unanswered = conversation.unanswered(row);
        return (
          <span key="latency" class={`${styles.cell} ${styles.right} ${unanswered ? styles.unanswered : ''}`} style={cellStyle(c)} data-role="latency" title={unanswered ? 'No response yet' : undefined}>
            {unanswered ? 'no response' : ''}
          </span>
        );
      }
      case 'time': {
        const socket = capture.store.sockets.get(row.socketKey);
        const t = timeMode === 'absolute' ? formatClock(e.time) : `+${((e.time - (socket?.createdAt ?? e.time)) / 1000).toFixed(3)} s`;
        return <span key="time" class={`${styles.cell} ${styles.time}`} style={cellStyle(c)}>{t}</span>;
      }
    }
  };

  const renderRow = (i: number, style: Record<string, string>) => {
    const row = rowAt(i);
    const e = row.event;
    return (
      <div
        key={i}
        role="row"
        class={`${styles.row} ${styles[directionOf(row)]} ${row === selected ? styles.selected : ''} ${row === paired ? styles.paired : ''}`}
        style={style}
        data-direction={e.kind === 'message' ? e.dir : undefined}
        data-kind={e.kind}
        data-origin={e.kind === 'message' && e.origin ? e.origin : undefined}
        data-intercept={e.kind === 'message' && e.intercept ? e.intercept : undefined}
        data-partial={isPartial(e) ? 'true' : undefined}
        data-index={i}
        aria-selected={row === selected}
        data-paired={row === paired ? 'true' : undefined}
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
        {columns.map((c) => cell(c, row))}
      </div>
    );
  };

  /** Drags a header's right edge: the column's new width, remembered. */
  const startResize = (c: ColumnDef, down: PointerEvent) => {
    down.preventDefault();
    down.stopPropagation();
    const startX = down.clientX;
    const start = widthOf(c);
    let width = start;
    const move = (e: PointerEvent) => {
      width = Math.max(MIN_WIDTH, start + startX - e.clientX);
      setPrefsState((p) => ({ ...p, widths: { ...p.widths, [c.id]: width } }));
    };
    const up = () => {
      removeEventListener('pointermove', move);
      removeEventListener('pointerup', up);
      setPrefs({ ...prefs, widths: { ...prefs.widths, [c.id]: width } });
    };
    addEventListener('pointermove', move);
    addEventListener('pointerup', up);
  };

  const headerMenuItems = () => [
    ...COLUMNS.filter((c) => c.id !== 'data').map((c) => {
      const on = columns.some((x) => x.id === c.id);
      return { label: c.label, checked: on, action: () => setPrefs({ ...prefs, shown: { ...prefs.shown, [c.id]: !on } }) };
    }),
    { label: 'Relative time', checked: timeMode === 'relative', action: () => (selection.timeMode.value = timeMode === 'absolute' ? 'relative' : 'absolute') },
    { label: 'Reset columns', action: () => setPrefs(DEFAULT_PREFS) },
  ];

  return (
    <div class={styles.grid}>
      <div
        class={styles.header}
        role="row"
        data-role="message-header"
        onContextMenu={(e) => {
          e.preventDefault();
          setHeaderMenu({ x: e.clientX, y: e.clientY });
        }}
      >
        {columns.map((c) => (
          <span
            key={c.id}
            role="columnheader"
            class={`${c.id === 'data' ? styles.data : styles.cell} ${c.align === 'right' ? styles.right : ''}`}
            style={cellStyle(c)}
            data-column={c.id}
            aria-sort={sort?.column === c.id ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            {/* Data takes the room left: the other columns are sized from their left edge. */}
            {c.id !== 'data' ? <span class={styles.resize} data-resize={c.id} title={`Resize ${c.label}`} onPointerDown={(e) => startResize(c, e)} /> : null}
            <button class={styles.sort} onClick={() => setPrefs({ ...prefs, sort: nextSort(sort, c.id) })} title={`Sort by ${c.label}`}>
              {c.label}{c.id === 'time' && timeMode === 'relative' ? ' (rel.)' : ''}
              {sort?.column === c.id ? <span class={styles.sortMark}>{sort.dir === 'asc' ? '▲' : '▼'}</span> : null}
            </button>
          </span>
        ))}
      </div>
      <div class={styles.body}>
        <VirtualRows
          count={visible.count}
          rowHeight={ROW_HEIGHT}
          renderRow={renderRow}
          follow={selection.follow.value}
          onFollowChange={(f) => (selection.follow.value = f)}
          scrollTo={selectedIndex}
          listKey={`${visible.scans}|${visible.trims}|${sort?.column}|${sort?.dir}`}
          label="Messages"
          onKeyDown={onKeyDown}
        />
      </div>
      {headerMenu ? <ContextMenu x={headerMenu.x} y={headerMenu.y} items={headerMenuItems()} onClose={() => setHeaderMenu(null)} /> : null}
    </div>
  );
}
