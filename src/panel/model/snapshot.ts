import type { SessionEvent, SessionSnapshot, SocketRecord } from '../../core/session';
import type { CaptureStore } from './capture-store';

export type ExportScope = 'all' | 'selected' | 'filtered';

/** The part of the capture to export: everything, the selected socket, or the rows the filter shows. */
export function snapshotOf(store: CaptureStore, scope: ExportScope, selectedSocket: string | null, visible: { indices: Uint32Array; count: number }): SessionSnapshot {
  let events: SessionEvent[];
  if (scope === 'filtered') {
    events = [];
    for (let i = 0; i < visible.count; i++) events.push(store.events[visible.indices[i]]);
  } else if (scope === 'selected' && selectedSocket) {
    events = store.events.filter((e) => e.socketKey === selectedSocket);
  } else {
    events = store.events;
  }
  const keys = new Set(events.map((e) => e.socketKey));
  if (scope === 'selected' && selectedSocket) keys.add(selectedSocket);
  if (scope === 'all') for (const k of store.sockets.keys()) keys.add(k);
  const sockets: SocketRecord[] = [...store.sockets.values()].filter((s) => keys.has(s.key));
  return { sockets, events };
}
