import type { SessionEvent } from '../../core/session';

/** The message grid's columns, Chrome's Messages tab first (Data | Length | Time), the rest on demand. */
export type ColumnId = 'data' | 'decoded' | 'socket' | 'opcode' | 'size' | 'length' | 'time' | 'latency';

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** Default width in px; Data takes what is left. */
  width: number;
  align?: 'right';
}

export const COLUMNS: readonly ColumnDef[] = [
  { id: 'data', label: 'Data', width: 0 },
  { id: 'decoded', label: 'Decoded', width: 220 },
  { id: 'socket', label: 'Socket', width: 200 },
  { id: 'opcode', label: 'Opcode', width: 70 },
  { id: 'size', label: 'Size', width: 80, align: 'right' },
  { id: 'length', label: 'Length', width: 70, align: 'right' },
  { id: 'time', label: 'Time', width: 110 },
  { id: 'latency', label: 'Latency', width: 80, align: 'right' },
];

export const MIN_WIDTH = 40;

export type SortDir = 'asc' | 'desc';

/** What the user chose: shown columns (unset = the default for the view), widths and sort. */
export interface ColumnPrefs {
  shown: Partial<Record<ColumnId, boolean>>;
  widths: Partial<Record<ColumnId, number>>;
  sort: { column: ColumnId; dir: SortDir } | null;
}

export const DEFAULT_PREFS: ColumnPrefs = { shown: {}, widths: {}, sort: null };

const isColumn = (v: unknown): v is ColumnId => COLUMNS.some((c) => c.id === v);

/** Stored preferences, each field checked (anything unreadable falls back to the default). */
export function readPrefs(stored: unknown): ColumnPrefs {
  if (!stored || typeof stored !== 'object') return DEFAULT_PREFS;
  const s = stored as Record<string, unknown>;
  const shown: ColumnPrefs['shown'] = {};
  const widths: ColumnPrefs['widths'] = {};
  if (s.shown && typeof s.shown === 'object') for (const [k, v] of Object.entries(s.shown)) if (isColumn(k) && k !== 'data' && typeof v === 'boolean') shown[k] = v;
  if (s.widths && typeof s.widths === 'object') for (const [k, v] of Object.entries(s.widths)) if (isColumn(k) && typeof v === 'number' && Number.isFinite(v)) widths[k] = Math.max(MIN_WIDTH, Math.min(2000, v));
  const sort = s.sort as Record<string, unknown> | null | undefined;
  const okSort = sort && isColumn(sort.column) && (sort.dir === 'asc' || sort.dir === 'desc') ? { column: sort.column, dir: sort.dir as SortDir } : null;
  return { shown, widths, sort: okSort };
}

/** The columns shown: Data always; Socket by default only when several sockets interleave; Length and Time by default. */
export function shownColumns(prefs: ColumnPrefs, allSockets: boolean): ColumnDef[] {
  const byDefault: Partial<Record<ColumnId, boolean>> = { length: true, time: true, socket: allSockets };
  return COLUMNS.filter((c) => c.id === 'data' || (prefs.shown[c.id] ?? byDefault[c.id] ?? false));
}

/** Clicking a header: ascending, then descending, then back to arrival order. */
export function nextSort(sort: ColumnPrefs['sort'], column: ColumnId): ColumnPrefs['sort'] {
  if (!sort || sort.column !== column) return { column, dir: 'asc' };
  return sort.dir === 'asc' ? { column, dir: 'desc' } : null;
}

/** A message's length as Chrome shows it: characters of text, bytes of binary. */
export function lengthOf(row: SessionEvent): number | null {
  const e = row.event;
  if (e.kind !== 'message') return null;
  return e.opcode === 1 ? e.data.length : e.size;
}

/**
 * The visible rows' order under a sort: indices into `indices` (arrival order when unsorted).
 * Ties keep arrival order. `key` gives each row's sort value.
 */
export function sortedOrder(count: number, key: (i: number) => number | string, dir: SortDir): Uint32Array {
  const keys = new Array<number | string>(count);
  for (let i = 0; i < count; i++) keys[i] = key(i);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const sign = dir === 'asc' ? 1 : -1;
  order.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    return (x < y ? -sign : x > y ? sign : 0) || a - b;
  });
  return order;
}
