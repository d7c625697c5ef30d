import { describe, expect, it, vi } from 'vitest';
import type { CaptureEvent } from '../../core/model';
import { createCaptureState } from './capture';
import { createConversationState } from './conversation';
import { createDecodeState } from './decode';
import { createFilterStore } from './filter';

vi.stubGlobal('requestIdleCallback', () => 0);

const created: CaptureEvent = { kind: 'created', seq: 1, socket: 1, time: 1, url: 'ws://h/', protocols: [], binaryType: 'blob', frameUrl: 'http://h/', api: 'websocket' };
const message = (seq: number): CaptureEvent => {
  const data = JSON.stringify({ type: seq % 2 ? 'odd' : 'even', n: seq });
  return { kind: 'message', seq, socket: 1, time: seq, dir: 'received', opcode: 1, size: data.length, data };
};

function panel() {
  const capture = createCaptureState({ maxEvents: 100, maxBytes: 1e9 });
  const decode = createDecodeState(capture);
  const settings = new Map<string, string>();
  const filter = createFilterStore(capture, decode, createConversationState(capture, decode), { getItem: (k) => settings.get(k) ?? null, setItem: (k, v) => settings.set(k, v) });
  let seq = 1;
  const receive = (n: number) => {
    const events = seq === 1 ? [created] : [];
    for (let i = 0; i < n; i++) events.push(message(++seq));
    capture.store.ingest({ type: 'batch', doc: 'd', docStart: 0, docUrl: 'http://h/', top: true, frameId: 0, firstSeq: 1, dropped: 0, events });
    capture.version.value++;
  };
  const shown = () => {
    const v = filter.visible.value;
    return { scans: v.scans, rows: Array.from(v.indices.subarray(0, v.count), (i) => v.events[i]) };
  };
  return { capture, decode, filter, receive, shown };
}

describe('filter store over a capture at its bound', () => {
  it('shifts its matches when the oldest rows are trimmed, without testing the kept rows again', () => {
    const p = panel();
    p.filter.setInput('even');
    p.receive(80);
    const before = p.shown();
    expect(before.rows).toHaveLength(40);
    p.receive(80);
    expect(p.capture.store.trims).toBe(1);
    const after = p.shown();
    expect(after.scans).toBe(before.scans);
    const expected = p.capture.store.events.filter((r) => r.event.kind === 'message' && r.event.opcode === 1 && r.event.data.includes('even'));
    expect(after.rows).toEqual(expected);
    expect(after.rows.length).toBeGreaterThan(30);
  });

  it('shows only rows that exist when one batch brings and trims more rows than it had read', () => {
    const p = panel();
    p.filter.setInput('even');
    p.receive(10);
    p.shown();
    p.receive(300);
    const { rows } = p.shown();
    expect(rows.every((r) => r !== undefined && r.event.kind === 'message' && r.event.opcode === 1 && r.event.data.includes('even'))).toBe(true);
    expect(rows).toEqual(p.capture.store.events.filter((r) => r.event.kind === 'message' && r.event.opcode === 1 && r.event.data.includes('even')));
  });

  it('keeps decoding a socket whose oldest rows were trimmed, and filters on its decoded fields', () => {
    const p = panel();
    p.receive(80);
    expect(p.decode.decoderOf('d:1')).toBe('json');
    p.receive(80);
    const last = p.capture.store.events.at(-1)!;
    expect(p.decode.decode(last)?.fields).toMatchObject({ type: 'odd' });
    p.filter.setInput('type:odd');
    const { rows } = p.shown();
    expect(rows.length).toBe(p.capture.store.events.filter((r) => r.event.kind === 'message' && r.event.opcode === 1 && r.event.data.includes('odd')).length);
  });
});
