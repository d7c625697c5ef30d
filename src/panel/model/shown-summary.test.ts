import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/session';
import { summarizeShown, type ShownRows } from './shown-summary';

const msg = (time: number, dir: 'sent' | 'received', size: number): SessionEvent => ({ socketKey: 'a', event: { kind: 'message', seq: 1, socket: 1, time, dir, opcode: 1, size, data: '' } });
const open = (time: number): SessionEvent => ({ socketKey: 'a', event: { kind: 'open', seq: 1, socket: 1, time, protocol: '', extensions: '' } });

describe('summarizeShown', () => {
  const events = [open(1000), msg(1010, 'sent', 5), msg(1020, 'received', 7), msg(1500, 'sent', 1)];
  const shown = (idx: number[], scans = 1): ShownRows => ({ indices: Uint32Array.from(idx), count: idx.length, events, scans });

  it('counts messages and bytes each way over the shown rows, and the time they span', () => {
    expect(summarizeShown(shown([0, 1, 2, 3]), null)).toMatchObject({ messages: 3, sentBytes: 6, receivedBytes: 7, first: 1000, last: 1500 });
    expect(summarizeShown(shown([1, 2]), null)).toMatchObject({ messages: 2, sentBytes: 5, receivedBytes: 7, first: 1010, last: 1020 });
  });

  it('adds only the rows appended since, and starts over when the list was replaced', () => {
    const first = summarizeShown(shown([1]), null);
    expect(summarizeShown(shown([1, 2]), first)).toMatchObject({ messages: 2, counted: 2 });
    expect(summarizeShown(shown([3], 2), first)).toMatchObject({ messages: 1, sentBytes: 1, first: 1500 });
  });
});
