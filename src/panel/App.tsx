import { useState } from 'preact/hooks';
import type { SessionEvent } from '../core/session';
import { isPartial, type StackFrame } from '../core/model';
import { bytesToBase64, bytesToHex } from '../core/encoding';
import { bytesOf, textualData } from '../core/payload';
import type { CaptureState } from './state/capture';
import type { ComposerStore } from './state/composer';
import type { ConversationState } from './state/conversation';
import type { DecodeState } from './state/decode';
import type { FilterStore } from './state/filter';
import type { SelectionStore } from './state/selection';
import type { SocketTableStore } from './state/socket-table';
import type { InterceptStore } from './state/intercept';
import { HeldMessages } from './components/HeldMessages';
import { InterceptPane } from './components/InterceptPane';
import { LatencyDialog, ReplayDialog } from './components/ControlDialogs';
import { GroupBy } from './components/GroupBy';
import { copyText } from './dom/clipboard';
import { jsonText, rowText } from './model/row-text';
import { Toolbar } from './components/Toolbar';
import { SocketList } from './components/SocketList';
import { WorkerCapture, type WorkerCaptureProps } from './components/WorkerCapture';
import { MessageGrid } from './components/MessageGrid';
import { DetailPane } from './components/DetailPane';
import { HeadersPane } from './components/HeadersPane';
import { Composer } from './components/Composer';
import { StatusBar } from './components/StatusBar';
import { ExportImport } from './components/ExportImport';
import { ContextMenu, type MenuItem } from './components/ContextMenu';
import { LiveTimeline } from './components/LiveTimeline';
import { DecoderPicker } from './components/DecoderPicker';
import { SocketConversation } from './components/SocketConversation';
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
  conversation: ConversationState;
  composer: ComposerStore;
  intercept: InterceptStore;
  schemas: ProtobufSchemas;
  table: SocketTableStore;
  dark: boolean;
  onClear: () => void;
  onPreserveLog: (on: boolean) => void;
  preserveLog: boolean;
  /** Opens a script location in DevTools' Sources, where the browser can. */
  openSource?: (frame: StackFrame) => void;
  /** Turns the network's view of handshakes on (Chrome's optional permission); absent once on. */
  onCaptureHandshakes?: () => void;
  /** Chrome: whether worker sockets are captured (the debugger permission), and the switch. */
  workerCapture?: WorkerCaptureProps;
}

type SidePane = 'message' | 'headers' | 'composer' | 'intercept' | 'settings' | 'diff';

export function App(props: AppProps) {
  const { capture, filter, selection, decode, conversation, composer, intercept } = props;
  const [menu, setMenu] = useState<{ x: number; y: number; row: SessionEvent } | null>(null);
  const [side, setSide] = useState<SidePane>('message');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [tableMenu, setTableMenu] = useState<{ x: number; y: number; items: MenuItem[] } | null>(null);
  const [closing, setClosing] = useState<{ socket: SocketRecord; asServer: boolean } | null>(null);
  const [latencyOf, setLatencyOf] = useState<SocketRecord | null>(null);
  const [replayOf, setReplayOf] = useState<SocketRecord | null>(null);
  /** The field the shown rows are grouped by ('' while it is being typed); null: no grouping. */
  const [groupBy, setGroupByState] = useState<string | null>(() => localStorage.getItem('sockets.groupBy'));
  const setGroupBy = (field: string | null) => {
    setGroupByState(field);
    if (field === null) localStorage.removeItem('sockets.groupBy');
    else localStorage.setItem('sockets.groupBy', field);
  };
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

  /** Selects a row's other half (its response or request). */
  const goToPair = (r: SessionEvent) => {
    conversation.catchUp();
    const pair = conversation.info(r)?.pair;
    if (!pair) return;
    const { indices, count, events } = filter.visible.value;
    let shown = false;
    for (let i = count - 1; i >= 0 && !shown; i--) shown = events[indices[i]] === pair;
    if (!shown) setNotice({ kind: 'error', text: 'The filter hides that message; clear the filter to see it.' });
    selection.follow.value = false;
    selection.row.value = pair;
  };

  /** "Go to response" or "Go to request", for a row that has a pair. */
  const pairItem = (r: SessionEvent): MenuItem[] => {
    conversation.catchUp();
    const info = conversation.info(r);
    if (!info) return [];
    return [{ label: info.role === 'request' ? 'Go to response' : 'Go to request', action: () => goToPair(r), disabled: !info.pair }];
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
    return [
      ...pairItem(r),
      { label: 'Copy message', action: () => copyWhole(r, () => textualData(e)) },
      { label: 'Copy as text', action: () => copyWhole(r, () => rowText(r)) },
      { label: 'Copy as JSON', action: () => copyWhole(r, () => jsonText(rowText(r)) ?? ''), disabled: !/^\s*[[{]/.test(rowText(r)) },
      { label: 'Copy as hex', action: () => copyWhole(r, () => bytesToHex(bytesOf(e))) },
      { label: 'Copy as base64', action: () => copyWhole(r, () => bytesToBase64(bytesOf(e))) },
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
      <Toolbar capture={capture} filter={filter} intercept={intercept} onIntercept={() => setSide('intercept')} grouping={groupBy !== null} onGroupBy={() => setGroupBy(groupBy === null ? '' : null)} preserveLog={props.preserveLog} onPreserveLog={props.onPreserveLog} onClear={props.onClear}>
        <ExportImport capture={capture} conversation={conversation} filter={filter} selection={selection} onMessage={(kind, text) => setNotice({ kind, text })} />
      </Toolbar>
      {notice ? (
        <div class={`${styles.notice} ${notice.kind === 'error' ? styles.noticeError : ''}`} role="alert" data-role="notice" data-kind={notice.kind}>
          {notice.text}
          <button aria-label="Dismiss" onClick={() => setNotice(null)}>×</button>
        </div>
      ) : null}
      <div class={styles.sockets}>
        <PaneBoundary name="sockets">
          <WorkerCapture {...props.workerCapture} capture={capture} />
          <SocketList
            capture={capture}
            selection={selection}
            decode={decode}
            table={props.table}
            onContextMenu={(s, x, y) => setTableMenu({ x, y, items: socketMenuItems(s, {
              capture,
              conversation,
              intercept,
              onNotice: (kind, text) => setNotice({ kind, text }),
              onCloseSocket: (socket, asServer) => setClosing({ socket, asServer }),
              onLatency: setLatencyOf,
              onReplay: setReplayOf,
            }) })}
            onHeaderMenu={(x, y) => setTableMenu({ x, y, items: columnMenuItems(props.table) })}
          />
        </PaneBoundary>
      </div>
      <div class={styles.main}>
        <div class={styles.grid}>
          <PaneBoundary name="timeline">
            <LiveTimeline capture={capture} selection={selection} dark={props.dark} onPick={jumpTo} />
          </PaneBoundary>
          {groupBy !== null ? (
            <PaneBoundary name="group by">
              <GroupBy field={groupBy} onField={setGroupBy} filter={filter} decode={decode} />
            </PaneBoundary>
          ) : null}
          <PaneBoundary name="held messages">
            <HeldMessages intercept={intercept} capture={capture} />
          </PaneBoundary>
          {selection.socket.value ? (
            <div class={styles.socketBar}>
              <DecoderPicker socketKey={selection.socket.value} decode={decode} filter={filter} />
              <SocketConversation key={selection.socket.value} socketKey={selection.socket.value} capture={capture} conversation={conversation} filter={filter} />
            </div>
          ) : null}
          {selection.socket.value ? (
            <ProtobufSchemaBar capture={capture} socketKey={selection.socket.value} url={capture.store.sockets.get(selection.socket.value)?.url ?? ''} schemas={props.schemas} decode={decode} filter={filter} />
          ) : null}
          <PaneBoundary name="messages">
            <MessageGrid
              capture={capture}
              filter={filter}
              selection={selection}
              decode={decode}
              conversation={conversation}
              onContextMenu={(r, x, y) => setMenu({ x, y, row: r })}
              onGoToPair={goToPair}
              onOpen={() => setSide('message')}
            />
          </PaneBoundary>
        </div>
        <div class={styles.side}>
          <div class={styles.sideTabs} role="tablist">
            <button role="tab" aria-selected={side === 'message'} data-tab="message" onClick={() => setSide('message')}>Message</button>
            <button role="tab" aria-selected={side === 'headers'} data-tab="headers" onClick={() => setSide('headers')}>Headers</button>
            <button role="tab" aria-selected={side === 'composer'} data-tab="composer" onClick={() => setSide('composer')}>Composer</button>
            <button role="tab" aria-selected={side === 'intercept'} data-tab="intercept" onClick={() => setSide('intercept')}>Intercept</button>
            <button role="tab" aria-selected={side === 'settings'} data-tab="settings" onClick={() => setSide('settings')}>Settings</button>
            {compared ? <button role="tab" aria-selected={side === 'diff'} data-tab="diff" onClick={() => setSide('diff')}>Diff</button> : null}
          </div>
          <div class={styles.sideBody}>
            <PaneBoundary name={side} key={side}>
              {side === 'message' ? (
                <DetailPane row={row} captured={capture.version} decode={decode} conversation={conversation} onGoToPair={goToPair} onPartial={(r) => capture.askFill([r])} onResend={capture.store.sockets.get(row?.socketKey ?? '')?.imported ? undefined : resend} />
              ) : side === 'headers' ? (
                // The socket selected in the list, else the selected message's.
                <HeadersPane capture={capture} socketKey={selection.socket.value ?? row?.socketKey} openSource={props.openSource} onCaptureHandshakes={props.onCaptureHandshakes} />
              ) : side === 'diff' && compared ? (
                <DiffView a={compared.a} b={compared.b} decode={decode} onClose={() => (setCompared(null), setSide('message'))} />
              ) : side === 'composer' ? (
                <Composer composer={composer} capture={capture} dark={props.dark} />
              ) : side === 'intercept' ? (
                <InterceptPane intercept={intercept} onMessage={(kind, text) => setNotice({ kind, text })} />
              ) : (
                <Settings capture={capture} />
              )}
            </PaneBoundary>
          </div>
        </div>
      </div>
      <PaneBoundary name="status bar">
        <StatusBar capture={capture} filter={filter} intercept={intercept} />
      </PaneBoundary>
      {menu ? <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.row)} onClose={() => setMenu(null)} /> : null}
      {tableMenu ? <ContextMenu x={tableMenu.x} y={tableMenu.y} items={tableMenu.items} onClose={() => setTableMenu(null)} /> : null}
      {closing ? (
        <CloseSocketDialog
          socket={closing.socket}
          asServer={closing.asServer}
          onClose={(code, reason) => (closing.asServer ? intercept.control(closing.socket, { op: 'server-close', code, reason }) : composer.closeSocket(closing.socket, code, reason))}
          onDone={(r) => {
            setClosing(null);
            if (r && !r.ok) setNotice({ kind: 'error', text: `Could not close the socket: ${r.error ?? 'failed'}` });
          }}
        />
      ) : null}
      {latencyOf ? (
        <LatencyDialog
          socket={latencyOf}
          current={intercept.controls.value.get(latencyOf.key)?.latency ?? 0}
          onSet={(ms) => void intercept.control(latencyOf, { op: 'latency', ms }).then((r) => r.ok || setNotice({ kind: 'error', text: `Could not set the latency: ${r.error ?? 'failed'}` }))}
          onDone={() => setLatencyOf(null)}
        />
      ) : null}
      {replayOf ? (
        <ReplayDialog
          source={replayOf}
          targets={[...capture.store.sockets.values()].filter((t) => t.state === 'open' && !t.imported && !t.unloaded && t.api === 'websocket')}
          onStart={(target, speed) => intercept.startReplay(replayOf, target, speed)}
          onDone={() => setReplayOf(null)}
        />
      ) : null}
    </div>
  );
}
