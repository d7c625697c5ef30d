import { effect, signal } from '@preact/signals';
import { SOCKET_COLUMNS, type SocketColumnId, type SocketSort } from '../model/socket-columns';

/** Where small panel preferences live (the panel passes localStorage; tests pass a Map-backed one). */
export interface PrefStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

interface TablePrefs {
  sort: SocketSort | null;
  widths: Partial<Record<SocketColumnId, number>>;
  shown: SocketColumnId[];
}

const KEY = 'sockets.socketTable';
const isColumn = (v: unknown): v is SocketColumnId => SOCKET_COLUMNS.some((c) => c.id === v);

function read(storage: PrefStorage): TablePrefs {
  const fallback: TablePrefs = { sort: null, widths: {}, shown: SOCKET_COLUMNS.filter((c) => !c.optional).map((c) => c.id) };
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<TablePrefs> | null;
    if (!v || typeof v !== 'object') return fallback;
    const sort = v.sort && isColumn(v.sort.column) ? { column: v.sort.column, descending: v.sort.descending === true } : null;
    const widths: TablePrefs['widths'] = {};
    for (const [k, w] of Object.entries(v.widths ?? {})) if (isColumn(k) && typeof w === 'number' && w >= 30 && w <= 4000) widths[k] = w;
    const shown = Array.isArray(v.shown) ? v.shown.filter(isColumn) : fallback.shown;
    return { sort, widths, shown: shown.includes('name') ? shown : ['name', ...shown] };
  } catch {
    return fallback;
  }
}

/** The sockets table's sort order, column widths and shown columns, remembered across sessions. */
export function createSocketTableStore(storage: PrefStorage) {
  const prefs = read(storage);
  const sort = signal(prefs.sort);
  const widths = signal(prefs.widths);
  const shown = signal(prefs.shown);
  effect(() => storage.setItem(KEY, JSON.stringify({ sort: sort.value, widths: widths.value, shown: shown.value })));
  return {
    sort,
    widths,
    shown,
    /** A header click: ascending, then descending, then capture order again (as in DevTools). */
    toggleSort(column: SocketColumnId) {
      const s = sort.value;
      sort.value = s?.column !== column ? { column, descending: false } : !s.descending ? { column, descending: true } : null;
    },
    resize(column: SocketColumnId, width: number) {
      widths.value = { ...widths.value, [column]: Math.max(30, Math.round(width)) };
    },
    toggleColumn(column: SocketColumnId) {
      if (column === 'name') return;
      shown.value = shown.value.includes(column) ? shown.value.filter((c) => c !== column) : SOCKET_COLUMNS.map((c) => c.id).filter((c) => c === column || shown.value.includes(c));
    },
  };
}

export type SocketTableStore = ReturnType<typeof createSocketTableStore>;
