import { describe, expect, it, vi } from 'vitest';
import graphqlFx from '../../core/decoders/fixtures/graphql-transport-ws.json';
import mqttFx from '../../core/decoders/fixtures/mqtt-5.json';
import socketIoFx from '../../core/decoders/fixtures/socketio-v4-upgrade.json';
import { decodeFixture, messagePayloadOf, type Fixture } from '../../core/decoders/test-helpers';
import type { CaptureEvent, Direction } from '../../core/model';
import { createCaptureState } from './capture';
import { createDecodeState } from './decode';

vi.stubGlobal('requestIdleCallback', () => 0);

function panelWith(fx: Fixture) {
  const capture = createCaptureState();
  const events: CaptureEvent[] = [
    { kind: 'created', seq: 1, socket: 1, time: 1, url: fx.url, protocols: [], binaryType: 'blob', frameUrl: 'http://h/', api: 'websocket' },
    { kind: 'open', seq: 2, socket: 1, time: 2, protocol: fx.protocol, extensions: '' },
    ...fx.frames.map((f, i): CaptureEvent => ({
      kind: 'message', seq: i + 3, socket: 1, time: i + 3, dir: f.dir as Direction, ...messagePayloadOf(f),
    })),
  ];
  capture.store.ingest({ type: 'batch', doc: 'd', docStart: 0, docUrl: 'http://h/', top: true, frameId: 0, firstSeq: 1, dropped: 0, events });
  return { rows: capture.store.events.filter((r) => r.event.kind === 'message'), decode: createDecodeState(capture) };
}

describe('decode state', () => {
  it.each([
    ['socket.io', socketIoFx],
    ['graphql', graphqlFx],
    ['mqtt', mqttFx],
  ])('shows in detail what in-order decoding gives, value included (%s)', (id, fx) => {
    const { rows, decode } = panelWith(fx as Fixture);
    const inOrder = decodeFixture(id, fx as Fixture);
    rows.forEach((row, i) => {
      const { contextual: _, ...expected } = inOrder[i].decoded!;
      expect(decode.detail(row)).toEqual(expected);
      expect(decode.decode(row)).toMatchObject({ decoder: id, summary: expected.summary, fields: expected.fields });
    });
  });

  it('waits for a partial payload before decoding it and what follows it on its socket', () => {
    const { rows, decode } = panelWith(mqttFx as Fixture);
    const e = rows[3].event as Extract<CaptureEvent, { kind: 'message' }>;
    const whole = e.data;
    Object.assign(e, { data: whole.slice(0, 4), partial: true });
    expect(decode.decode(rows[2])).not.toBeNull();
    expect(decode.decode(rows[3])).toBeNull();
    expect(decode.decode(rows[4])).toBeNull();
    Object.assign(e, { data: whole, partial: undefined });
    const inOrder = decodeFixture('mqtt', mqttFx as Fixture);
    expect(decode.decode(rows[4])).toMatchObject({ summary: inOrder[4].decoded!.summary });
  });

  it('detects a socket\'s protocol only from whole payloads', () => {
    const { rows, decode } = panelWith(mqttFx as Fixture);
    const e = rows[1].event as Extract<CaptureEvent, { kind: 'message' }>;
    const whole = e.data;
    Object.assign(e, { data: whole.slice(0, 4), partial: true });
    expect(decode.decode(rows[0])).toBeNull();
    Object.assign(e, { data: whole, partial: undefined });
    expect(decode.decode(rows[0])).toMatchObject({ decoder: 'mqtt' });
  });
});
