import type { SocketRecord } from '../../core/session';
import { formatBytes, formatClock, formatDuration } from './format';

export type SocketColumnId = 'name' | 'status' | 'protocol' | 'sent' | 'received' | 'opened' | 'time' | 'close';

export interface SocketColumn {
  id: SocketColumnId;
  label: string;
  /** Default width in px; `name` takes what is left. */
  width: number;
  numeric?: boolean;
  /** Hidden unless the user adds it from the header menu. */
  optional?: boolean;
}

export const SOCKET_COLUMNS: SocketColumn[] = [
  { id: 'name', label: 'Name', width: 260 },
  { id: 'status', label: 'Status', width: 150 },
  { id: 'protocol', label: 'Protocol', width: 120 },
  { id: 'sent', label: 'Sent', width: 110, numeric: true },
  { id: 'received', label: 'Received', width: 110, numeric: true },
  { id: 'opened', label: 'Opened', width: 96, numeric: true, optional: true },
  { id: 'time', label: 'Time', width: 80, numeric: true },
  { id: 'close', label: 'Close', width: 130 },
];

/** How long the socket lived, or has lived so far (only a live, unclosed socket keeps counting). */
export function socketDuration(s: SocketRecord, now: number): number {
  return (s.closedAt ?? s.recordedUntil ?? now) - s.createdAt;
}

/** The status column's words: what the socket is, and why when it did not close by itself. */
export function socketStatus(s: SocketRecord): string {
  if (s.unloaded) return 'closed (page unloaded)';
  if (s.imported && s.state !== 'closed') return `${s.state} (when recorded)`;
  return `${s.state}${s.errors ? ` · ${s.errors} error${s.errors > 1 ? 's' : ''}` : ''}`;
}

function closeText(s: SocketRecord): string {
  return s.close ? `${s.close.code}${s.close.reason ? ` ${s.close.reason}` : ''}${s.close.wasClean ? '' : ' (unclean)'}` : '';
}

/** The host of a frame, or its URL as given when that is not an absolute URL (page data can be anything). */
export function frameLabel(frameUrl: string): string {
  if (!frameUrl) return 'unknown frame';
  return (URL.canParse(frameUrl) && new URL(frameUrl).host) || frameUrl;
}

const KIND_LABELS = { worker: 'worker', 'shared-worker': 'shared worker', 'service-worker': 'service worker' } as const;

/** Where a worker's socket lives, as the table names it: "worker socket-worker.js", "blob worker". */
export function contextLabel(context: NonNullable<SocketRecord['context']>): string {
  const kind = KIND_LABELS[context.kind];
  if (/^(blob|data):/.test(context.url)) return `${context.url.slice(0, 4)} ${kind}`;
  const file = URL.canParse(context.url) ? new URL(context.url).pathname.split('/').pop() : '';
  return `${kind} ${file || context.url}`;
}

export function cellText(id: SocketColumnId, s: SocketRecord, now: number, decoder?: string): string {
  switch (id) {
    case 'name':
      return s.url.replace(/^wss?:\/\//, '');
    case 'status':
      return socketStatus(s);
    case 'protocol':
      return [s.protocol, decoder ? `(${decoder})` : ''].filter(Boolean).join(' ') || '—';
    case 'sent':
      return `${s.sent.count.toLocaleString('en-US')} · ${formatBytes(s.sent.bytes)}`;
    case 'received':
      return `${s.received.count.toLocaleString('en-US')} · ${formatBytes(s.received.bytes)}`;
    case 'opened':
      return formatClock(s.openedAt ?? s.createdAt);
    case 'time':
      return formatDuration(socketDuration(s, now));
    case 'close':
      return closeText(s);
  }
}

const STATE_ORDER = { connecting: 0, open: 1, closing: 2, closed: 3 };

function sortValue(id: SocketColumnId, s: SocketRecord, now: number): number | string {
  switch (id) {
    case 'name':
      return s.url;
    case 'status':
      return STATE_ORDER[s.state] * 2 + (s.unloaded ? 1 : 0);
    case 'protocol':
      return s.protocol;
    case 'sent':
      return s.sent.bytes;
    case 'received':
      return s.received.bytes;
    case 'opened':
      return s.openedAt ?? s.createdAt;
    case 'time':
      return socketDuration(s, now);
    case 'close':
      return s.close?.code ?? -1;
  }
}

export interface SocketSort {
  column: SocketColumnId;
  descending: boolean;
}

/** The sockets in table order: capture order, or sorted by a column (stable: ties keep capture order). */
export function sortSockets(sockets: SocketRecord[], sort: SocketSort | null, now: number): SocketRecord[] {
  if (!sort) return sockets;
  const keyed = sockets.map((s, i) => ({ s, i, v: sortValue(sort.column, s, now) }));
  const sign = sort.descending ? -1 : 1;
  keyed.sort((a, b) => (a.v < b.v ? -sign : a.v > b.v ? sign : a.i - b.i));
  return keyed.map((k) => k.s);
}
