import type { SessionEvent } from '../../core/session';

export interface Group {
  /** The field's value as text ('' for rows without it are not grouped: see `without`). */
  value: string;
  count: number;
  bytes: number;
  first: number;
  last: number;
}

export interface Grouping {
  groups: Group[];
  /** Messages without the field. */
  without: number;
}

type Fields = Record<string, string | number | boolean | undefined> | undefined;

/** A field by name, matched as the filter matches it (exact, else ignoring case). */
export function fieldValue(fields: Fields, name: string): string | undefined {
  if (!fields) return undefined;
  let v = fields[name];
  if (v === undefined) {
    const lower = name.toLowerCase();
    for (const k in fields) if (k.toLowerCase() === lower) v = fields[k];
  }
  return v === undefined ? undefined : String(v);
}

/** The shown messages grouped by a decoded field, the largest group first. */
export function groupRows(shown: { indices: Uint32Array; count: number; events: SessionEvent[] }, field: string, fieldsOf: (row: SessionEvent) => Fields): Grouping {
  const byValue = new Map<string, Group>();
  let without = 0;
  for (let i = 0; i < shown.count; i++) {
    const row = shown.events[shown.indices[i]];
    const e = row.event;
    if (e.kind !== 'message') continue;
    const value = fieldValue(fieldsOf(row), field);
    if (value === undefined) {
      without++;
      continue;
    }
    const g = byValue.get(value);
    if (g) {
      g.count++;
      g.bytes += e.size;
      if (e.time < g.first) g.first = e.time;
      if (e.time > g.last) g.last = e.time;
    } else byValue.set(value, { value, count: 1, bytes: e.size, first: e.time, last: e.time });
  }
  const groups = [...byValue.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return { groups, without };
}

/** Messages a second over the group's span; undefined for a single instant. */
export const rateOf = (g: Group): number | undefined => (g.last > g.first ? (g.count - 1) / ((g.last - g.first) / 1000) : undefined);

/** Field names seen in the first shown messages, for the picker's suggestions. */
export function fieldNames(shown: { indices: Uint32Array; count: number; events: SessionEvent[] }, fieldsOf: (row: SessionEvent) => Fields, sample = 500): string[] {
  const names = new Set<string>();
  for (let i = 0; i < shown.count && i < sample; i++) {
    const fields = fieldsOf(shown.events[shown.indices[i]]);
    if (fields) for (const k in fields) if (fields[k] !== undefined) names.add(k);
  }
  return [...names].sort();
}
