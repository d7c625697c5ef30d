import { describe, expect, it } from 'vitest';
import { createSocketTableStore, type PrefStorage } from './socket-table';

const memory = (): PrefStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

describe('socket table preferences', () => {
  it('cycles a column ascending, descending, unsorted', () => {
    const t = createSocketTableStore(memory());
    t.toggleSort('received');
    expect(t.sort.value).toEqual({ column: 'received', descending: false });
    t.toggleSort('received');
    expect(t.sort.value).toEqual({ column: 'received', descending: true });
    t.toggleSort('received');
    expect(t.sort.value).toBeNull();
  });

  it('remembers sort, widths and columns in the storage it is given', () => {
    const storage = memory();
    const t = createSocketTableStore(storage);
    t.toggleSort('name');
    t.resize('status', 222.4);
    t.toggleColumn('opened');
    t.toggleColumn('close');
    const again = createSocketTableStore(storage);
    expect(again.sort.value).toEqual({ column: 'name', descending: false });
    expect(again.widths.value.status).toBe(222);
    expect(again.shown.value).toContain('opened');
    expect(again.shown.value).not.toContain('close');
  });

  it('ignores stored nonsense', () => {
    const storage = memory();
    storage.setItem('sockets.socketTable', JSON.stringify({ sort: { column: 'evil' }, widths: { name: -5, status: 'x' }, shown: ['bogus'] }));
    const t = createSocketTableStore(storage);
    expect(t.sort.value).toBeNull();
    expect(t.widths.value).toEqual({});
    expect(t.shown.value).toEqual(['name']);
  });
});
