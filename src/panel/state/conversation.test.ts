import { describe, expect, it, vi } from 'vitest';
import jsonRpc from '../../core/conversation/fixtures/jsonrpc.json';
import socketIo from '../../core/decoders/fixtures/socketio-v4-websocket.json';
import { messagePayloadOf } from '../../core/decoders/test-helpers';
import { UNANSWERED_AFTER_MS } from '../../core/conversation';
import type { CaptureEvent } from '../../core/model';
import { createCaptureState } from './capture';
import { createConversationState } from './conversation';
import { createDecodeState } from './decode';
import { createFilterStore } from './filter';

vi.stubGlobal('requestIdleCallback', () => 0);

type Frame = { dir: string; opcode: number; data: string };

/** A panel over one socket of `url`; `receive` brings frames of a recorded fixture, `step` ms apart. */
function panel(url: string, settings = new Map<string, string>(), maxEvents = 1000) {
  const capture = createCaptureState({ maxEvents, maxBytes: 1e9 });
  const decode = createDecodeState(capture);
  const conversation = createConversationState(capture, decode);
  const filter = createFilterStore(capture, decode, conversation, { getItem: (k) => settings.get(k) ?? null, setItem: (k, v) => settings.set(k, v) });
  let seq = 1;
  const receive = (frames: Frame[], step = 100, base = 0) => {
    const events: CaptureEvent[] = seq === 1 ? [{ kind: 'created', seq: 1, socket: 1, time: 0, url, protocols: [], binaryType: 'blob', frameUrl: 'http://h/', api: 'websocket' }] : [];
    for (const f of frames) {
      seq++;
      events.push({ kind: 'message', seq, socket: 1, time: base + seq * step, dir: f.dir as 'sent' | 'received', ...messagePayloadOf(f) });
    }
    capture.store.ingest({ type: 'batch', doc: 'd', docStart: 0, docUrl: 'http://h/', top: true, frameId: 0, firstSeq: events[0].seq, dropped: 0, events });
    capture.version.value++;
  };
  const shownData = () => {
    const v = filter.visible.value;
    return Array.from(v.indices.subarray(0, v.count), (i) => v.events[i].event).flatMap((e) => (e.kind === 'message' ? [e.data] : []));
  };
  const row = (data: string) => capture.store.events.find((r) => r.event.kind === 'message' && r.event.data === data)!;
  return { capture, conversation, filter, receive, shownData, row, settings };
}

describe('conversation state over a capture', () => {
  it('pairs a JSON-RPC socket’s rows and gives both rows of a pair the latency', () => {
    const p = panel('ws://h/rpc');
    p.receive(jsonRpc.frames);
    p.conversation.catchUp();
    const call = p.row(jsonRpc.frames[0].data);
    const result = p.row(jsonRpc.frames[3].data);
    expect(p.conversation.info(call)).toMatchObject({ role: 'request', pair: result, latency: 300 });
    expect(p.conversation.info(result)).toMatchObject({ role: 'response', pair: call, latency: 300 });
    expect(p.conversation.stats('d:1')).toEqual({ count: 5, p50: 100, p95: 300, max: 300 });
  });

  it('latency:>N shows a request once its response arrives in a later batch', () => {
    const p = panel('ws://h/rpc');
    p.filter.setInput('latency:>150');
    p.receive(jsonRpc.frames.slice(0, 3));
    expect(p.shownData()).toEqual([]);
    const scans = p.filter.visible.value.scans;
    p.receive(jsonRpc.frames.slice(3, 4), 100);
    expect(p.shownData()).toEqual([jsonRpc.frames[0].data, jsonRpc.frames[3].data]);
    // Rows added after those shown: the grid keeps its place, as for any appended rows.
    expect(p.filter.visible.value.scans).toBe(scans);
  });

  it('unanswered shows requests past the timeout without a response', () => {
    const p = panel('ws://h/rpc');
    p.receive(jsonRpc.frames.slice(0, 3));
    p.filter.setInput('unanswered');
    expect(p.shownData()).toEqual([jsonRpc.frames[0].data]);
  });

  it('shows a request under unanswered once its timeout passes, with no new traffic', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const p = panel('ws://h/rpc');
      const now = Date.now();
      p.filter.setInput('unanswered');
      p.receive([jsonRpc.frames[0]], 0, now);
      expect(p.shownData()).toEqual([]);
      vi.advanceTimersByTime(UNANSWERED_AFTER_MS);
      expect(p.shownData()).toEqual([jsonRpc.frames[0].data]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('pairs by a socket’s own JSON paths once set', () => {
    const p = panel('ws://h/custom');
    p.receive([{ dir: 'sent', opcode: 1, data: '{"requestId":"a"}' }, { dir: 'received', opcode: 1, data: '{"re":{"requestId":"a"}}' }]);
    p.conversation.catchUp();
    expect(p.conversation.info(p.row('{"requestId":"a"}'))).toBeUndefined();
    p.conversation.setCustomPaths('d:1', { request: 'requestId', response: 're.requestId' });
    p.conversation.catchUp();
    expect(p.conversation.info(p.row('{"requestId":"a"}'))).toMatchObject({ latency: 100 });
  });

  it('Hide heartbeats hides Engine.IO pings and pongs, counts them, and is remembered', () => {
    const p = panel('ws://h/socket.io/?EIO=4&transport=websocket');
    p.receive(socketIo.frames);
    expect(p.shownData()).toContain('2');
    p.filter.setHideHeartbeats(true);
    expect(p.shownData()).not.toContain('2');
    expect(p.shownData()).not.toContain('3');
    expect(p.filter.visible.value.hiddenHeartbeats).toBe(4);
    expect(p.shownData()).toHaveLength(socketIo.frames.length - 4);
    expect(panel('ws://h/', p.settings).filter.hideHeartbeats.value).toBe(true);
  });

  it('keeps the hidden count right when the bounds trim the oldest rows', () => {
    const p = panel('ws://h/socket.io/?EIO=4&transport=websocket', new Map(), 100);
    p.filter.setHideHeartbeats(true);
    const pings = socketIo.frames.filter((f) => f.data === '2' || f.data === '3');
    for (let i = 0; i < 30; i++) {
      p.receive(socketIo.frames.slice(1));
      p.shownData();
    }
    expect(p.capture.store.trims).toBeGreaterThan(1);
    const kept = p.capture.store.events.filter((r) => r.event.kind === 'message' && (r.event.data === '2' || r.event.data === '3')).length;
    expect(pings.length).toBe(4);
    expect(p.filter.visible.value.hiddenHeartbeats).toBe(kept);
    expect(p.shownData().length + kept).toBe(p.capture.store.events.filter((r) => r.event.kind === 'message').length);
  });
});
