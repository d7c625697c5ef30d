import type { SocketRecord } from '../../core/session';
import type { CaptureState } from '../state/capture';
import type { ConversationState } from '../state/conversation';
import type { SocketTableStore } from '../state/socket-table';
import { copyText } from '../model/clipboard';
import { snapshotOf } from '../model/snapshot';
import { SOCKET_COLUMNS } from '../model/socket-columns';
import { websocatCommand } from '../model/websocat';
import { exportSockets } from './ExportImport';
import type { MenuItem } from './ContextMenu';

interface SocketMenuContext {
  capture: CaptureState;
  conversation: ConversationState;
  onNotice: (kind: 'ok' | 'error', text: string) => void;
  /** Asks for a code and reason, then closes the socket. */
  onCloseSocket: (s: SocketRecord) => void;
}

/** A socket row's context menu. */
export function socketMenuItems(s: SocketRecord, { capture, conversation, onNotice, onCloseSocket }: SocketMenuContext): MenuItem[] {
  const noRows = { indices: new Uint32Array(0), count: 0 };
  return [
    { label: 'Copy URL', action: () => copyText(s.url) },
    { label: 'Copy as websocat command', action: () => copyText(websocatCommand(s)) },
    { label: 'Export this socket as HAR', action: () => void exportSockets(capture, conversation, snapshotOf(capture.store, 'selected', s.key, noRows), onNotice) },
    { label: 'Close socket…', action: () => onCloseSocket(s), disabled: s.state !== 'open' || !!s.imported || !!s.unloaded },
  ];
}

/** The sockets table header's menu: which columns show. */
export function columnMenuItems(table: SocketTableStore): MenuItem[] {
  return SOCKET_COLUMNS.filter((c) => c.id !== 'name').map((c) => ({
    label: `${table.shown.value.includes(c.id) ? '✓' : '\u2003'} ${c.label}`,
    action: () => table.toggleColumn(c.id),
  }));
}
