import { useState } from 'preact/hooks';
import type { SessionEvent } from '../core/session';
import { isPartial } from '../core/model';
import { base64ToBytes, bytesToBase64, bytesToHex } from '../core/encoding';
import type { CaptureState } from './state/capture';
import type { ComposerStore } from './state/composer';
import type { DecodeState } from './state/decode';
import type { FilterStore } from './state/filter';
import type { SelectionStore } from './state/selection';
import type { SocketTableStore } from './state/socket-table';
import { copyText } from './model/clipboard';
import { jsonText, rowText } from './model/row-text';
import { Toolbar } from './components/Toolbar';
import { SocketList } from './components/SocketList';
import { MessageGrid } from './components/MessageGrid';
import { DetailPane } from './components/DetailPane';
import { Composer } from './components/Composer';
import { StatusBar } from './components/StatusBar';
import { ExportImport } from './components/ExportImport';
import { ContextMenu, type MenuItem } from './components/ContextMenu';
import { LiveTimeline } from './components/LiveTimeline';
import { DecoderPicker } from './components/DecoderPicker';
import { ProtobufSchemaBar } from './components/ProtobufSchemaBar';
import { DiffView } from './components/DiffView';
import { previousOfKind } from '../core/diff/same-kind';
import type { ProtobufSchemas } from './state/protobuf-schemas';
import { Settings } from './components/Settings';
import { PaneBoundary } from './components/PaneBoundary';
import { CloseSocketDialog } from './components/CloseSocketDialog';
import type { SocketRecord } from '../core/session';
import { socketMenuItems, columnMenuItems } from './components/socket-menus';
import styles from './App.module.css';

export interface AppProps {
  capture: CaptureState;
  filter: FilterStore;
  selection: SelectionStore;
  decode: DecodeState;
  composer: ComposerStore;
  schemas: ProtobufSchemas;
  table: SocketTableStore;
  dark: boolean;
  onClear: () => void;
  onPreserveLog: (on: boolean) => void;
  preserveLog: boolean;
}

type SidePane = 'message' | 'composer' | 'settings' | 'diff';

export function App(props: AppProps) {
  const { capture, filter, selection, decode, composer } = props;
  const [menu, setMenu] = useState<{ x: number; y: number; row: SessionEvent } | null>(null);
  const [side, setSide] = useState<SidePane>('message');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [tableMenu, setTableMenu] = useState<{ x: number; y: number; items: MenuItem[] } | null>(null);
  const [closing, setClosing] = useState<SocketRecord | null>(null);
  /** The message marked for a comparison, and the two messages compared. */
  const [marked, setMarked] = useState<SessionEvent | null>(null);
  const [compared, setCompared] = useState<{ a: SessionEvent; b: SessionEvent } | null>(null);
  const row = selection.shown.value;

  /** Selects the first shown row at or after a time picked on the timeline. */
  const jumpTo = (timeMs: number) => {
    const { indices, count, events } = filter.visible.value;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[indices[mid]].event.time < timeMs) lo = mid + 1;
      else hi = mid;
    }
    if (count === 0) return;
    selection.follow.value = false;
    selection.row.value = events[indices[Math.min(lo, count - 1)]];
  };

  const resend = (r: SessionEvent) => {
    setSide('composer');
    void capture.whole([r]).then((ok) => {
      if (ok) composer.loadRow(r);
      else setNotice({ kind: 'error', text: 'The rest of this payload could not be fetched from the page; nothing was loaded.' });
    });
  };

  /** Copies a row's payload, only once it is whole (a copy runs in the click, so a partial one asks and waits for the next). */
  const copyWhole = (r: SessionEvent, text: () => string) => {
    if (isPartial(r.event)) {
      capture.askFill([r]);
      setNotice({ kind: 'error', text: 'The rest of this payload is on its way from the page; copy again in a moment.' });
    } else copyText(text());
  };

  /** Compares two messages once both payloads are whole. */
  const compare = (a: SessionEvent, b: SessionEvent) => {
    void capture.whole([a, b]).then((ok) => {
      if (!ok) return setNotice({ kind: 'error', text: 'The rest of these payloads could not be fetched from the page; nothing was compared.' });
      setCompared({ a, b });
      setSide('diff');
    });
  };
  const previousOf = (r: SessionEvent) => {
    const events = capture.store.events;
    const i = previousOfKind(events, events.indexOf(r), (x) => decode.fields(x));
    return i < 0 ? null : events[i];
  };

  const menuItems = (r: SessionEvent): MenuItem[] => {
    const e = r.event;
    if (e.kind !== 'message') return [{ label: 'Copy message', action: () => copyText(rowText(r)) }, { label: 'Filter by this socket', action: () => (selection.socket.value = r.socketKey) }, { label: 'Clear all', action: props.onClear }];
    const bytes = () => (e.opcode === 2 ? base64ToBytes(e.data) : new TextEncoder().encode(e.data));
    return [
      { label: 'Copy message', action: () => copyWhole(r, () => e.data) },
      { label: 'Copy as text', action: () => copyWhole(r, () => rowText(r)) },
      { label: 'Copy as JSON', action: () => copyWhole(r, () => jsonText(rowText(r)) ?? ''), disabled: !/^\s*[[{]/.test(rowText(r)) },
      { label: 'Copy as hex', action: () => copyWhole(r, () => bytesToHex(bytes())) },
      { label: 'Copy as base64', action: () => copyWhole(r, () => (e.opcode === 2 ? e.data : bytesToBase64(bytes()))) },
      { label: 'Resend…', action: () => resend(r), disabled: !!capture.store.sockets.get(r.socketKey)?.imported },
      { label: 'Compare with previous message of the same type', action: () => compare(previousOf(r)!, r), disabled: !previousOf(r) },
      { label: 'Mark for comparison', action: () => setMarked(r) },
      { label: 'Compare with marked message', action: () => compare(marked!, r), disabled: !marked || marked === r || !capture.store.events.includes(marked) },
      { label: 'Filter by this socket', action: () => (selection.socket.value = r.socketKey) },
      { label: 'Clear all', action: props.onClear },
    ];
  };

  return (
    <div class={styles.app}>
      <Toolbar capture={capture} filter={filter} preserveLog={props.preserveLog} onPreserveLog={props.onPreserveLog} onClear={props.onClear}>
        <ExportImport capture={capture} filter={filter} selection={selection} onMessage={(kind, text) => setNotice({ kind, text })} />
      </Toolbar>
      {notice ? (
        <div class={`${styles.notice} ${notice.kind === 'error' ? styles.noticeError : ''}`} role="alert" data-role="notice" data-kind={notice.kind}>
          {notice.text}
          <button aria-label="Dismiss" onClick={() => setNotice(null)}>×</button>
        </div>
      ) : null}
      <div class={styles.sockets}>
        <PaneBoundary name="sockets">
          <SocketList
            capture={capture}
            selection={selection}
            decode={decode}
            table={props.table}
            onContextMenu={(s, x, y) => setTableMenu({ x, y, items: socketMenuItems(s, { capture, onNotice: (kind, text) => setNotice({ kind, text }), onCloseSocket: setClosing }) })}
            onHeaderMenu={(x, y) => setTableMenu({ x, y, items: columnMenuItems(props.table) })}
          />
        </PaneBoundary>
      </div>
      <div class={styles.main}>
        <div class={styles.grid}>
          <PaneBoundary name="timeline">
            <LiveTimeline capture={capture} selection={selection} dark={props.dark} onPick={jumpTo} />
          </PaneBoundary>
          {selection.socket.value ? <DecoderPicker socketKey={selection.socket.value} decode={decode} filter={filter} /> : null}
          {selection.socket.value ? (
            <ProtobufSchemaBar capture={capture} socketKey={selection.socket.value} url={capture.store.sockets.get(selection.socket.value)?.url ?? ''} schemas={props.schemas} decode={decode} filter={filter} />
          ) : null}
          <PaneBoundary name="messages">
            <MessageGrid
              capture={capture}
              filter={filter}
              selection={selection}
              decode={decode}
              onContextMenu={(r, x, y) => setMenu({ x, y, row: r })}
              onOpen={() => setSide('message')}
            />
          </PaneBoundary>
        </div>
        <div class={styles.side}>
          <div class={styles.sideTabs} role="tablist">
            <button role="tab" aria-selected={side === 'message'} data-tab="message" onClick={() => setSide('message')}>Message</button>
            <button role="tab" aria-selected={side === 'composer'} data-tab="composer" onClick={() => setSide('composer')}>Composer</button>
            <button role="tab" aria-selected={side === 'settings'} data-tab="settings" onClick={() => setSide('settings')}>Settings</button>
            {compared ? <button role="tab" aria-selected={side === 'diff'} data-tab="diff" onClick={() => setSide('diff')}>Diff</button> : null}
          </div>
          <div class={styles.sideBody}>
            <PaneBoundary name={side} key={side}>
              {side === 'message' ? (
                <DetailPane row={row} decode={decode} onPartial={(r) => capture.askFill([r])} onResend={capture.store.sockets.get(row?.socketKey ?? '')?.imported ? undefined : resend} />
              ) : side === 'diff' && compared ? (
                <DiffView a={compared.a} b={compared.b} decode={decode} onClose={() => (setCompared(null), setSide('message'))} />
              ) : side === 'composer' ? (
                <Composer composer={composer} capture={capture} dark={props.dark} />
              ) : (
                <Settings capture={capture} />
              )}
            </PaneBoundary>
          </div>
        </div>
      </div>
      <PaneBoundary name="status bar">
        <StatusBar capture={capture} filter={filter} />
      </PaneBoundary>
      {menu ? <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.row)} onClose={() => setMenu(null)} /> : null}
      {tableMenu ? <ContextMenu x={tableMenu.x} y={tableMenu.y} items={tableMenu.items} onClose={() => setTableMenu(null)} /> : null}
      {closing ? (
        <CloseSocketDialog
          socket={closing}
          onClose={(code, reason) => composer.closeSocket(closing, code, reason)}
          onDone={(r) => {
            setClosing(null);
            if (r && !r.ok) setNotice({ kind: 'error', text: `Could not close the socket: ${r.error ?? 'failed'}` });
          }}
        />
      ) : null}
    </div>
  );
}
