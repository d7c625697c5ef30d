import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '../model';
import type { SessionEvent } from '../session';
import { previousOfKind } from './same-kind';

const msg = (socketKey: string, seq: number, dir: 'sent' | 'received', event?: string): SessionEvent & { fields?: Record<string, string> } => ({
  socketKey,
  event: { kind: 'message', seq, socket: 1, time: seq, dir, opcode: 1, size: 1, data: String(seq) } as CaptureEvent,
  fields: event ? { type: 'EVENT', event, id: String(seq) } : undefined,
});

describe('previousOfKind', () => {
  const rows = [msg('a', 1, 'received', 'news'), msg('a', 2, 'received', 'chat'), msg('b', 3, 'received', 'news'), msg('a', 4, 'sent', 'news'), msg('a', 5, 'received', 'news'), msg('a', 6, 'received')];
  const fields = (r: SessionEvent) => (r as ReturnType<typeof msg>).fields;

  it('finds the latest earlier message of the same socket, direction and kind (ids ignored)', () => {
    expect(previousOfKind(rows, 4, fields)).toBe(0);
    expect(previousOfKind(rows, 1, fields)).toBe(-1);
  });

  it('takes undecoded messages as one kind, and answers -1 for what is not a message', () => {
    expect(previousOfKind([...rows, msg('a', 7, 'received')], 6, fields)).toBe(5);
    expect(previousOfKind(rows, 5, fields)).toBe(-1);
    expect(previousOfKind([{ socketKey: 'a', event: { kind: 'open', seq: 1, socket: 1, time: 1, protocol: '', extensions: '' } }], 0, fields)).toBe(-1);
  });
});
