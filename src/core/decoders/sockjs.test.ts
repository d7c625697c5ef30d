import { describe, expect, it } from 'vitest';
import { createSocketDecoder } from './index';
import sockjsFx from './fixtures/sockjs.json';
import { decodeFixture, summaries, type Fixture } from './test-helpers';

describe('SockJS (sockjs-node server + sockjs-client, recorded)', () => {
  const r = decodeFixture('sockjs', sockjsFx as Fixture);

  it('decodes open, sent arrays, received a[...] frames and close', () => {
    expect(summaries(r)).toEqual([
      'sockjs open',
      'sockjs "hello"',
      'sockjs "hello"',
      'sockjs "{\\"op\\":\\"ping\\",\\"n\\":1}"',
      'sockjs "{\\"op\\":\\"ping\\",\\"n\\":1}"',
      'sockjs STOMP SEND /app/chat {"text":"hi"}',
      'sockjs STOMP SEND /app/chat {"text":"hi"}',
      'sockjs "bye"',
      'sockjs close 3000 "Go away!"',
    ]);
    expect(r[1].decoded?.fields).toEqual({ frame: 'send', type: 'send', count: 1 });
    expect(r[2].decoded?.fields).toEqual({ frame: 'a', type: 'message', count: 1 });
    expect(r[4].decoded?.value).toEqual({ frame: 'a', messages: [{ op: 'ping', n: 1 }] });
    expect(r[8].decoded?.fields).toEqual({ frame: 'c', type: 'close', code: 3000, reason: 'Go away!' });
  });

  it('decodes STOMP carried inside SockJS messages (as Spring does)', () => {
    expect(r[6].decoded?.fields).toMatchObject({ frame: 'a', type: 'SEND', command: 'SEND', destination: '/app/chat' });
  });

  // sockjs-node sends WebSocket pings instead of 'h' frames and never uses 'm' there; these follow the SockJS protocol text.
  it('decodes heartbeat, m"..." and multi-message frames', () => {
    const d = createSocketDecoder('sockjs');
    expect(d.decode({ opcode: 1, text: 'h' }, 'received')?.summary).toBe('sockjs heartbeat');
    expect(d.decode({ opcode: 1, text: 'm"solo"' }, 'received')?.summary).toBe('sockjs "solo"');
    expect(d.decode({ opcode: 1, text: 'a["x","y"]' }, 'received')?.summary).toBe('sockjs 2 messages: "x", "y"');
  });
});
