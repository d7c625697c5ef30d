import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/session';
import { DEFAULT_PREFS, lengthOf, nextSort, readPrefs, shownColumns, sortedOrder } from './message-columns';

const ids = (cols: { id: string }[]) => cols.map((c) => c.id);

describe('message columns', () => {
  it('shows Data | Length | Time by default, and Socket where sockets interleave', () => {
    expect(ids(shownColumns(DEFAULT_PREFS, false))).toEqual(['data', 'length', 'time']);
    expect(ids(shownColumns(DEFAULT_PREFS, true))).toEqual(['data', 'socket', 'length', 'time']);
    expect(ids(shownColumns({ ...DEFAULT_PREFS, shown: { size: true, socket: false, time: false } }, true))).toEqual(['data', 'size', 'length']);
  });

  it('reads stored choices field by field, keeping Data always', () => {
    expect(readPrefs({ shown: { size: true, data: false, bogus: true, time: 'yes' }, widths: { size: 5, time: 1e9, x: 3 }, sort: { column: 'length', dir: 'desc' } })).toEqual({
      shown: { size: true }, widths: { size: 40, time: 2000 }, sort: { column: 'length', dir: 'desc' },
    });
    for (const junk of [null, 'x', 1, { sort: { column: 'nope', dir: 'asc' } }]) expect(readPrefs(junk).sort).toBeNull();
  });

  it('sorts ascending, descending, then back to arrival order', () => {
    expect(nextSort(null, 'time')).toEqual({ column: 'time', dir: 'asc' });
    expect(nextSort({ column: 'time', dir: 'asc' }, 'time')).toEqual({ column: 'time', dir: 'desc' });
    expect(nextSort({ column: 'time', dir: 'desc' }, 'time')).toBeNull();
    expect(nextSort({ column: 'time', dir: 'desc' }, 'size')).toEqual({ column: 'size', dir: 'asc' });
  });

  it('orders by a key, ties in arrival order', () => {
    const keys = [3, 1, 3, 2];
    expect([...sortedOrder(4, (i) => keys[i], 'asc')]).toEqual([1, 3, 0, 2]);
    expect([...sortedOrder(4, (i) => keys[i], 'desc')]).toEqual([0, 2, 3, 1]);
  });

  it('measures text in characters and binary in bytes, like Chrome', () => {
    const row = (data: string | Uint8Array, size: number): SessionEvent => ({ socketKey: 'a', event: { kind: 'message', seq: 1, socket: 1, time: 0, dir: 'sent', size, ...(typeof data === 'string' ? { opcode: 1, data } : { opcode: 2, data }) } });
    expect(lengthOf(row('héllo', 6))).toBe(5);
    expect(lengthOf(row(new Uint8Array([1, 2, 3]), 3))).toBe(3);
    expect(lengthOf({ socketKey: 'a', event: { kind: 'error', seq: 1, socket: 1, time: 0 } })).toBeNull();
  });
});
