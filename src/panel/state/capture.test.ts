import { describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../../core/normalize';
import type { BackgroundToPanel, PanelToBackground } from '../../core/protocol';
import { packEvents } from '../../core/wire';
import { createCaptureState } from './capture';

vi.stubGlobal('requestAnimationFrame', () => 0);
vi.stubGlobal('cancelAnimationFrame', () => {});

const created: StoredEvent = { kind: 'created', seq: 1, socket: 1, time: 1, url: 'ws://h/', protocols: [], binaryType: 'arraybuffer', frameUrl: 'http://h/', api: 'websocket' };
const partial: StoredEvent = { kind: 'message', seq: 2, socket: 1, time: 2, dir: 'received', opcode: 2, size: 6000, data: new ArrayBuffer(3), partial: true };
const whole: StoredEvent = { ...partial, data: new Uint8Array(6000).fill(66).buffer, partial: undefined };
const batch = (events: StoredEvent[], extra = {}): BackgroundToPanel => ({
  type: 'batch', doc: 'd', docStart: 1, docUrl: 'http://h/', top: true, firstSeq: 1, dropped: 0, tabId: 7, frameId: 3, ...packEvents(events, 'base64'), ...extra,
});

describe('capture state: partial payloads', () => {
  it('asks the page for them, and answers once a fill made them whole', async () => {
    const capture = createCaptureState(undefined, 7);
    const sent: PanelToBackground[] = [];
    capture.sendWith((m) => sent.push(m));
    capture.receive(batch([created, partial]));
    const row = capture.store.events[1];
    const done = capture.whole([row]);
    expect(sent).toEqual([{ type: 'fill', tabId: 7, frameId: 3, doc: 'd', seqs: [2] }]);
    capture.receive(batch([whole], { fill: true }));
    expect(await done).toBe(true);
    expect(row.event).toMatchObject({ data: new Uint8Array(6000).fill(66), partial: undefined });
  });

  it('asks again for every payload still partial (after a reconnect)', () => {
    const capture = createCaptureState(undefined, 7);
    const sent: PanelToBackground[] = [];
    capture.sendWith((m) => sent.push(m));
    capture.receive(batch([created, partial, { ...partial, seq: 3 }]));
    capture.askAllFills();
    expect(sent).toEqual([{ type: 'fill', tabId: 7, frameId: 3, doc: 'd', seqs: [2, 3] }]);
  });

  it('gives up on a payload the page never sends, after the timeout', async () => {
    vi.useFakeTimers();
    const capture = createCaptureState(undefined, 7);
    capture.receive(batch([created, partial]));
    const done = capture.whole([capture.store.events[1]], 1000);
    vi.advanceTimersByTime(1000);
    expect(await done).toBe(false);
    vi.useRealTimers();
  });
});

describe('capture state: batches whose payloads come in a Blob', () => {
  it('goes on applying later batches after one Blob could not be read', async () => {
    const capture = createCaptureState(undefined, 7);
    const sent: PanelToBackground[] = [];
    capture.sendWith((m) => sent.push(m));
    capture.receive(batch([created, partial]));
    const unreadable = { arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) } as unknown as Blob;
    const viaBlob = (events: StoredEvent[], payloads: Blob, extra = {}) => batch(events, { ...packEvents(events, 'blob', { blobMin: 0 }), payloads, ...extra });
    capture.receive(viaBlob([{ ...partial, seq: 3 }], unreadable));
    const fill = packEvents([whole], 'blob', { blobMin: 0 });
    capture.receive(batch([whole], { ...fill, fill: true }));
    expect(await capture.whole([capture.store.events[1]], 1000)).toBe(true);
    expect(capture.store.events[1].event).toMatchObject({ data: new Uint8Array(6000).fill(66), partial: undefined });
    // The unread payload's row is kept, partial, and asked for again.
    expect(capture.store.events[2].event).toMatchObject({ seq: 3, partial: true });
    expect(sent).toContainEqual({ type: 'fill', tabId: 7, frameId: 3, doc: 'd', seqs: [3] });
  });
});
