import { describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../core/model';
import type { SessionEvent } from '../../core/session';
import { fieldNames, groupRows, rateOf } from './group-by';

const row = (time: number, size: number, type?: string): SessionEvent => ({
  socketKey: 'd:1',
  event: { kind: 'message', seq: time, socket: 1, time, dir: 'sent', opcode: 1, size, data: JSON.stringify({ type }) } as MessageEvent,
});

describe('grouping shown rows by a decoded field', () => {
  const events = [row(0, 10, 'join'), row(500, 20, 'leave'), row(1000, 30, 'join'), row(2000, 5), row(3000, 40, 'join')];
  const shown = { indices: Uint32Array.from([0, 1, 2, 3, 4]), count: 5, events };
  const fieldsOf = (r: SessionEvent) => JSON.parse((r.event as MessageEvent & { opcode: 1 }).data) as Record<string, string>;

  it('counts messages, bytes and the span of each value, the largest group first', () => {
    const { groups, without } = groupRows(shown, 'TYPE', fieldsOf);
    expect(groups).toEqual([
      { value: 'join', count: 3, bytes: 80, first: 0, last: 3000 },
      { value: 'leave', count: 1, bytes: 20, first: 500, last: 500 },
    ]);
    expect(without).toBe(1);
    expect(rateOf(groups[0])).toBeCloseTo(2 / 3);
    expect(rateOf(groups[1])).toBeUndefined();
  });
  it('only looks at the rows shown', () => {
    expect(groupRows({ ...shown, indices: Uint32Array.from([1]), count: 1 }, 'type', fieldsOf).groups.map((g) => g.value)).toEqual(['leave']);
  });
  it('suggests the field names it sees', () => {
    expect(fieldNames(shown, fieldsOf)).toEqual(['type']);
  });
});
