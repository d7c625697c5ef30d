import { describe, expect, it } from 'vitest';
import { createSocketDecoder } from './index';
import upgradeFx from './fixtures/socketio-v4-upgrade.json';
import v3Fx from './fixtures/socketio-v3.json';
import wsFx from './fixtures/socketio-v4-websocket.json';
import { decodeFixture, labelled, summaries, type Fixture } from './test-helpers';

describe('socket.io / engine.io v4 (socket.io 4 server + client, recorded)', () => {
  const upgrade = decodeFixture('socket.io', upgradeFx as Fixture);
  const direct = decodeFixture('socket.io', wsFx as Fixture);

  it('decodes the upgrade probe, events, acks, namespaces, heartbeats and disconnect', () => {
    const s = summaries(upgrade);
    expect(s.slice(0, 5)).toEqual([
      'engine.io PING probe',
      'engine.io PONG probe',
      'engine.io UPGRADE',
      'socket.io EVENT "chat" ns=/ ack=0 ["hello"]',
      'socket.io ACK ns=/ ack=0 [{"ok":true,"echo":"hello"}]',
    ]);
    expect(s).toContain('socket.io CONNECT ns=/private');
    expect(s).toContain('socket.io CONNECT_ERROR ns=/private {"message":"not authorized"}');
    expect(s).toContain('engine.io PING');
    expect(s).toContain('engine.io PONG');
    expect(s.at(-1)).toBe('socket.io DISCONNECT ns=/');
    expect(upgrade[3].decoded?.fields).toEqual({ eio: 'message', type: 'EVENT', event: 'chat', ns: '/', ack: 0 });
  });

  it('follows binary attachments across frames and rebuilds the packet on the last one', () => {
    const i = upgrade.findIndex((r) => r.decoded?.summary.startsWith('socket.io BINARY_EVENT "files"'));
    const [header, first, last] = upgrade.slice(i, i + 3).map((r) => r.decoded);
    expect(header?.summary).toBe('socket.io BINARY_EVENT "files" ns=/ [{"_placeholder":true,"num":0},{"name":"b"},{"_placeholder"…');
    expect(header?.note).toBe('awaiting 2 binary attachments');
    expect(first?.summary).toBe('socket.io attachment 1/2 of BINARY_EVENT "files" (5 B)');
    expect(first?.note).toBeUndefined();
    expect(last?.summary).toBe('socket.io attachment 2/2 of BINARY_EVENT "files" (3 B)');
    expect(last?.note).toBe('completes BINARY_EVENT "files"');
    expect(last?.fields).toMatchObject({ type: 'BINARY_EVENT', event: 'files', attachment: 2 });
    expect(last?.value).toEqual({
      event: 'files',
      data: [{ $binary: 5, base64: 'Zmlyc3Q=', text: 'first' }, { name: 'b' }, { $binary: 3, base64: 'AQID' }],
      type: 'BINARY_EVENT',
      nsp: '/',
      attachments: 2,
    });
    // No absent fields in the tree (no `ack: undefined`).
    expect(Object.keys(last?.value as object)).toEqual(['event', 'data', 'type', 'nsp', 'attachments']);
    const ack = upgrade.find((r) => r.decoded?.summary.startsWith('socket.io attachment 1/1 of BINARY_ACK'));
    expect(ack?.decoded?.fields).toMatchObject({ type: 'BINARY_ACK', ack: 1 });
  });

  it('shows the engine.io handshake and namespace connect of a WebSocket-only session', () => {
    const [open, connect, connected, event] = direct.map((r) => r.decoded);
    expect(open?.summary).toMatch(/^engine\.io OPEN sid=[\w-]{20} pingInterval=300$/);
    expect(open?.fields).toMatchObject({ eio: 'open', type: 'OPEN' });
    expect(open?.value).toMatchObject({ engineio: 'open', data: { pingInterval: 300, pingTimeout: 2000, maxPayload: 1000000 } });
    expect(connect?.summary).toBe('socket.io CONNECT ns=/admin');
    expect(connected?.summary).toMatch(/^socket\.io CONNECT ns=\/admin \{"sid":"[\w-]{20}"\}$/);
    expect(event?.summary).toBe('socket.io EVENT "kick" ns=/admin ["mallory"]');
    expect(event?.fields).toEqual({ eio: 'message', type: 'EVENT', event: 'kick', ns: '/admin', ack: undefined });
  });

  it('splits an engine.io v4 payload (packets joined by 0x1E)', () => {
    const d = createSocketDecoder('socket.io').decode({ opcode: 1, text: '42["a",1]\x1e3\x1e42/x,["b"]' }, 'received');
    expect(d?.summary).toBe('3 packets: socket.io EVENT "a" ns=/ [1] | engine.io PONG | socket.io EVENT "b" ns=/x');
  });

  it('keeps packets socket.io-parser would reject, with a note', () => {
    const d = createSocketDecoder('socket.io').decode({ opcode: 1, text: '42["disconnect"]' }, 'sent');
    expect(d?.summary).toBe('socket.io EVENT "disconnect" ns=/');
    expect(d?.note).toBe('socket.io-parser would reject this packet');
  });
});

describe('socket.io v2 / engine.io v3 (engine.io-parser 2 + socket.io-parser 3 encoders)', () => {
  const r = decodeFixture('socket.io-v3', v3Fx as Fixture);

  it('decodes the handshake, probe, client pings and namespaced packets', () => {
    expect(labelled(r, 'open').summary).toBe('engine.io OPEN sid=v3SessionId pingInterval=25000 upgrades=websocket');
    expect(labelled(r, 'ping probe').summary).toBe('engine.io PING probe');
    expect(labelled(r, 'pong probe').summary).toBe('engine.io PONG probe');
    expect(labelled(r, 'upgrade').summary).toBe('engine.io UPGRADE');
    expect(labelled(r, 'connect /chat').summary).toBe('socket.io CONNECT ns=/chat');
    expect(labelled(r, 'event with ack').summary).toBe('socket.io EVENT "message" ns=/chat ack=1 ["hi"]');
    expect(labelled(r, 'ack').fields).toMatchObject({ type: 'ACK', ns: '/chat', ack: 1 });
    expect(labelled(r, 'error').summary).toBe('socket.io CONNECT_ERROR ns=/admin "Not authorized"');
    expect(labelled(r, 'close').summary).toBe('engine.io CLOSE');
  });

  it('strips the v3 type byte of binary frames and completes the attachment', () => {
    expect(labelled(r, 'binary event').note).toBe('awaiting 1 binary attachment');
    const att = labelled(r, 'binary event attachment 1');
    expect(att.summary).toBe('socket.io attachment 1/1 of BINARY_EVENT "upload" (8 B)');
    expect(att.value).toMatchObject({ event: 'upload', data: [{ $binary: 8, text: 'v3 bytes' }, { name: 'x' }] });
  });

  it('decodes a v3 polling payload (<length>:<packet>, base64 binary)', () => {
    expect(labelled(r, 'polling payload').summary).toBe(
      '3 packets: engine.io OPEN sid=v3SessionId pingInterval=25000 upgrades=websocket | socket.io CONNECT ns=/ | engine.io MESSAGE binary (3 B)',
    );
  });
});
