import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/session';
import { TimelineModel } from './timeline';

const msg = (socketKey: string, time: number, dir: 'sent' | 'received', size = 10): SessionEvent => ({
  socketKey,
  event: { kind: 'message', seq: 1, socket: 1, time, dir, opcode: 1, size, data: '' },
});

describe('TimelineModel', () => {
  it('bins messages and bytes per second, per socket and overall, with idle seconds as zeros', () => {
    const m = new TimelineModel();
    const events = [msg('a', 1000_000, 'sent'), msg('a', 1000_500, 'received', 5), msg('b', 1002_100, 'sent')];
    m.update(events, 0);
    expect(m.series(null)).toEqual({ t: [1000, 1001, 1002], sent: [1, 0, 1], received: [1, 0, 0], bytes: [15, 0, 10] });
    expect(m.series('a')).toEqual({ t: [1000], sent: [1], received: [1], bytes: [15] });
  });
  it('adds only new events, and starts over on a new generation', () => {
    const m = new TimelineModel();
    const events = [msg('a', 5000, 'sent')];
    m.update(events, 0);
    events.push(msg('a', 5100, 'sent'));
    m.update(events, 0);
    expect(m.series('a').sent).toEqual([2]);
    m.update([msg('a', 9000, 'received')], 1);
    expect(m.series('a')).toEqual({ t: [9], sent: [0], received: [1], bytes: [10] });
  });
});
