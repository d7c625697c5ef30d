import { describe, expect, it } from 'vitest';
import { createSocketDecoder } from './index';
import stompFx from './fixtures/stomp.json';
import { decodeFixture, labelled, type Fixture } from './test-helpers';

describe('STOMP (@stomp/stompjs client + FrameImpl.marshall broker frames)', () => {
  const r = decodeFixture('stomp', stompFx as Fixture);

  it('decodes the handshake', () => {
    expect(labelled(r, 'connect').summary).toBe('STOMP CONNECT accept-version=1.2,1.1,1.0');
    expect(labelled(r, 'connect').value).toMatchObject({ command: 'CONNECT', headers: { login: 'guest', 'heart-beat': '40,0' } });
    expect(labelled(r, 'connected').summary).toBe('STOMP CONNECTED version=1.2');
  });

  it('decodes client frames with their destination', () => {
    expect(labelled(r, 'subscribe').summary).toBe('STOMP SUBSCRIBE /topic/chat id=sub-0');
    expect(labelled(r, 'subscribe').fields).toEqual({
      type: 'SUBSCRIBE', command: 'SUBSCRIBE', destination: '/topic/chat', subscription: 'sub-0', 'content-type': undefined,
      receipt: undefined, 'receipt-id': undefined,
    });
    expect(labelled(r, 'send json').summary).toBe('STOMP SEND /app/chat {"text":"hello"}');
    expect(labelled(r, 'send json').value).toMatchObject({ body: { text: 'hello' }, bodyLength: 16 });
    expect(labelled(r, 'send with receipt').summary).toBe('STOMP SEND /queue/jobs job-1');
    expect(labelled(r, 'unsubscribe').summary).toBe('STOMP UNSUBSCRIBE id=sub-0');
  });

  it('decodes binary frames using content-length (body with NUL bytes)', () => {
    const sent = labelled(r, 'send binary');
    expect(sent.summary).toBe('STOMP SEND /app/upload (4 B)');
    expect(sent.value).toMatchObject({ body: { $binary: 4, base64: 'AAEC/w==' } });
    const msg = labelled(r, 'message binary');
    expect(msg.summary).toBe('STOMP MESSAGE /topic/chat sub=sub-0 (5 B)');
    expect(msg.value).toMatchObject({ headers: { note: 'a:b\nc' }, body: { $binary: 5, base64: 'yv4Aur4=' } });
  });

  it('decodes broker frames', () => {
    const m = labelled(r, 'message json');
    expect(m.summary).toBe('STOMP MESSAGE /topic/chat sub=sub-0 {"text":"hi","from":"bob"}');
    expect(m.fields).toMatchObject({ type: 'MESSAGE', destination: '/topic/chat', subscription: 'sub-0', 'content-type': 'application/json' });
    expect(labelled(r, 'receipt').summary).toBe('STOMP RECEIPT receipt-id=r-1');
    expect(labelled(r, 'error').summary).toBe('STOMP ERROR "malformed frame received" The message: ----- MESSAGE');
    expect(labelled(r, 'two frames').summary).toBe(
      '2 frames: STOMP MESSAGE /topic/chat sub=sub-0 one | STOMP MESSAGE /topic/chat sub=sub-0 two',
    );
  });

  it('recognises heart-beats and the DISCONNECT', () => {
    const beat = r.find((x) => x.frame.data === '\n');
    expect(beat?.decoded?.summary).toBe('STOMP heartbeat');
    expect(r.at(-1)?.decoded?.summary).toBe('STOMP DISCONNECT');
  });

  it('reports a frame without a header terminator as a decode error', () => {
    const d = createSocketDecoder('stomp').decode({ opcode: 1, text: 'SEND\ndestination:/x' }, 'sent');
    expect(d?.note).toBe('decode error: STOMP frame without the blank line after its headers');
    expect(d?.summary).toBe('SEND destination:/x');
  });
});
