import { useState } from 'preact/hooks';
import type { SessionEvent } from '../core/session';
import { bytesToBase64 } from '../core/encoding';
import type { CaptureState } from './state/capture';
import type { DecodeState } from './state/decode';
import type { FilterStore } from './state/filter';
import type { SelectionStore } from './state/selection';
import { copyText } from './model/clipboard';
import { rowText } from './model/row-text';
import { Toolbar } from './components/Toolbar';
import { SocketList } from './components/SocketList';
import { MessageGrid } from './components/MessageGrid';
import { DetailPane } from './components/DetailPane';
import { StatusBar } from './components/StatusBar';
import { ContextMenu, type MenuItem } from './components/ContextMenu';
import styles from './App.module.css';

export interface AppProps {
  capture: CaptureState;
  filter: FilterStore;
  selection: SelectionStore;
  decode: DecodeState;
  onClear: () => void;
  onPreserveLog: (on: boolean) => void;
  preserveLog: boolean;
}

export function App(props: AppProps) {
  const { capture, filter, selection, decode } = props;
  const [menu, setMenu] = useState<{ x: number; y: number; row: SessionEvent } | null>(null);
  const row = selection.row.value;

  const menuItems = (r: SessionEvent): MenuItem[] => {
    const e = r.event;
    return [
      { label: 'Copy payload', action: () => copyText(rowText(r)), disabled: e.kind !== 'message' },
      { label: 'Copy as base64', action: () => e.kind === 'message' && copyText(e.opcode === 2 ? e.data : bytesToBase64(new TextEncoder().encode(e.data))), disabled: e.kind !== 'message' },
      {
        label: 'Filter by this socket',
        action: () => {
          selection.socket.value = r.socketKey;
        },
      },
    ];
  };

  return (
    <div class={styles.app}>
      <Toolbar capture={capture} filter={filter} preserveLog={props.preserveLog} onPreserveLog={props.onPreserveLog} onClear={props.onClear} />
      <div class={styles.sockets}>
        <SocketList capture={capture} selection={selection} decode={decode} />
      </div>
      <div class={styles.main}>
        <div class={styles.grid}>
          <MessageGrid capture={capture} filter={filter} selection={selection} decode={decode} onContextMenu={(r, x, y) => setMenu({ x, y, row: r })} />
        </div>
        <div class={styles.detail}>
          <DetailPane row={row} decode={decode} />
        </div>
      </div>
      <StatusBar capture={capture} filter={filter} />
      {menu ? <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.row)} onClose={() => setMenu(null)} /> : null}
    </div>
  );
}
