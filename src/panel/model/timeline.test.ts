import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/session';
import { MAX_EPOCH_MS } from '../../core/time';
import { TimelineModel, binWidth } from './timeline';

const msg = (socketKey: string, time: number, dir: 'sent' | 'received', size = 10): SessionEvent => ({
  socketKey,
  event: { kind: 'message', seq: 1, socket: 1, time, dir, opcode: 1, size, data: '' },
});

describe('binWidth', () => {
  it('picks the smallest 1-2-5 step that fits the span into the bins', () => {
    expect(binWidth(0, 100)).toBe(1);
    expect(binWidth(150, 100)).toBe(2);
    expect(binWidth(400, 100)).toBe(5);
    expect(binWidth(3_600_000, 300)).toBe(20_000);
  });
});

/** The capture as the store hands it to its views. */
const cap = (events: SessionEvent[], generation: number, trims = 0, lastTrim = 0) => ({ events, generation, trims, lastTrim });

describe('TimelineModel', () => {
  it('bins messages and bytes, per socket and overall, with idle bins as zeros', () => {
    const m = new TimelineModel();
    const events = [msg('a', 1000_000, 'sent'), msg('a', 1000_500, 'received', 5), msg('b', 1002_100, 'sent')];
    m.update(cap(events, 0), null, 3);
    expect(m.series()).toMatchObject({ t: [1000, 1001, 1002], sent: [1, 0, 1], received: [1, 0, 0], bytes: [15, 0, 10], binMs: 1000, range: [1000, 1003] });
    m.update(cap(events, 0), 'a', 3);
    expect(m.series()).toMatchObject({ sent: [1, 0, 0], received: [0, 0, 1], binMs: 200, range: [1000, 1000.6] });
  });

  it('draws a socket whose messages fall within one second in milliseconds', () => {
    const m = new TimelineModel();
    const t0 = Date.UTC(2026, 11, 1, 20, 0, 0);
    m.update(cap([msg('a', t0 + 3, 'sent'), msg('a', t0 + 5, 'received'), msg('a', t0 + 240, 'sent')], 0), 'a', 100);
    const s = m.series();
    expect(s.binMs).toBe(5);
    expect(s.range[1] - s.range[0]).toBeLessThan(1);
    expect(s.sent.reduce((a, b) => a + b)).toBe(2);
  });

  it('adds only new events, widens its bins as the span grows, and starts over on a new generation', () => {
    const m = new TimelineModel();
    const events = [msg('a', 5000, 'sent'), msg('a', 5001, 'sent')];
    m.update(cap(events, 0), 'a', 10);
    expect(m.series()).toMatchObject({ sent: [1, 1], binMs: 1 });
    events.push(msg('a', 5100, 'sent'));
    m.update(cap(events, 0), 'a', 10);
    expect(m.series()).toMatchObject({ sent: [2, 0, 0, 0, 0, 1], binMs: 20 });
    m.update(cap([msg('a', 9000, 'received')], 1), 'a', 10);
    expect(m.series()).toMatchObject({ t: [9], sent: [0], received: [1], bytes: [10] });
  });

  it('lays its bins out again when the oldest rows were trimmed (they no longer count)', () => {
    const m = new TimelineModel();
    const events = [msg('a', 1000, 'sent'), msg('a', 1001, 'sent'), msg('a', 1002, 'received')];
    m.update(cap(events, 0), 'a', 10);
    expect(m.series().sent.reduce((a, b) => a + b)).toBe(2);
    m.update(cap(events.slice(2), 0, 1, 2), 'a', 10);
    expect(m.series()).toMatchObject({ sent: [0], received: [1] });
  });

  it('keeps its work bounded by the bins for any span, up to the latest time a Date holds', () => {
    const m = new TimelineModel();
    m.update(cap([msg('a', 0, 'sent'), msg('a', MAX_EPOCH_MS, 'received')], 0), null, 500);
    const s = m.series();
    expect(s.t.length).toBeLessThanOrEqual(500);
    expect(s.sent[0] + s.received.at(-1)!).toBe(2);
  });
});
