import type { SocketRecord } from '../../core/session';
import type { CaptureState } from '../state/capture';
import type { ConversationState } from '../state/conversation';
import type { SocketTableStore } from '../state/socket-table';
import { copyText } from '../dom/clipboard';
import { snapshotOf } from '../model/snapshot';
import { SOCKET_COLUMNS } from '../model/socket-columns';
import { websocatCommand } from '../model/websocat';
import { exportSockets } from './ExportImport';
import type { MenuItem } from './ContextMenu';
import type { InterceptStore } from '../state/intercept';

interface SocketMenuContext {
  capture: CaptureState;
  conversation: ConversationState;
  intercept: InterceptStore;
  onNotice: (kind: 'ok' | 'error', text: string) => void;
  /** Asks for a code and reason, then closes the socket (as the page would, or as the server would). */
  onCloseSocket: (s: SocketRecord, asServer: boolean) => void;
  onLatency: (s: SocketRecord) => void;
  onReplay: (s: SocketRecord) => void;
}

/** A socket row's context menu. */
export function socketMenuItems(s: SocketRecord, { capture, conversation, intercept, onNotice, onCloseSocket, onLatency, onReplay }: SocketMenuContext): MenuItem[] {
  const noRows = { indices: new Uint32Array(0), count: 0 };
  const live = s.state === 'open' && !s.imported && !s.unloaded && s.api === 'websocket';
  const paused = intercept.controls.value.get(s.key)?.paused === true;
  const report = (what: string) => (r: { ok: boolean; error?: string }) => void (r.ok ? null : onNotice('error', `Could not ${what}: ${r.error ?? 'failed'}`));
  return [
    { label: 'Copy URL', action: () => copyText(s.url) },
    { label: 'Copy as websocat command', action: () => copyText(websocatCommand(s)) },
    { label: 'Export this socket as HAR', action: () => void exportSockets(capture, conversation, snapshotOf(capture.store, 'selected', s.key, noRows), onNotice) },
    { label: 'Close socket…', action: () => onCloseSocket(s, false), disabled: s.state !== 'open' || !!s.imported || !!s.unloaded },
    { label: 'Close as server…', action: () => onCloseSocket(s, true), disabled: !live },
    { label: 'Drop connection', action: () => void intercept.control(s, { op: 'drop' }).then(report('drop the connection')), disabled: !live },
    paused
      ? { label: 'Resume incoming', action: () => void intercept.control(s, { op: 'resume' }).then(report('resume')), disabled: !live }
      : { label: 'Pause incoming', action: () => void intercept.control(s, { op: 'pause' }).then(report('pause')), disabled: !live },
    { label: 'Incoming latency…', action: () => onLatency(s), disabled: !live },
    { label: 'Replay received messages…', action: () => onReplay(s), disabled: s.received.count === 0 },
  ];
}

/** The sockets table header's menu: which columns show. */
export function columnMenuItems(table: SocketTableStore): MenuItem[] {
  return SOCKET_COLUMNS.filter((c) => c.id !== 'name').map((c) => ({
    label: `${table.shown.value.includes(c.id) ? '✓' : '\u2003'} ${c.label}`,
    action: () => table.toggleColumn(c.id),
  }));
}
