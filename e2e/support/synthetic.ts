import { writeFileSync } from 'node:fs';
import { exportHar } from '../../src/core/har/export';
import type { CaptureEvent } from '../../src/core/model';
import type { SessionEvent, SessionSnapshot, SocketRecord } from '../../src/core/session';

/**
 * A session of one socket with `n` synthetic text messages (alternating directions), as a HAR file.
 * `socketio`: Socket.IO frames on a Socket.IO URL, every tenth a "chat" event, the rest "tick".
 */
export function writeSyntheticHar(file: string, n: number, format: 'json' | 'socketio' = 'json'): void {
  const start = Date.UTC(2026, 10, 24, 9, 0, 0);
  const socket: SocketRecord = {
    key: 'synthetic:1', doc: 'synthetic', frameId: 0, socket: 1, url: format === 'socketio' ? 'wss://synthetic.example/socket.io/?EIO=4&transport=websocket' : 'wss://synthetic.example/feed', protocols: [],
    frameUrl: 'https://synthetic.example/', api: 'websocket', protocol: '', extensions: '', binaryType: 'blob', state: 'closed',
    createdAt: start, openedAt: start + 1, closedAt: start + n + 10, close: { code: 1000, reason: '', wasClean: true }, errors: 0,
    sent: { count: 0, bytes: 0 }, received: { count: 0, bytes: 0 },
  };
  const events: SessionEvent[] = [];
  const push = (event: CaptureEvent) => events.push({ socketKey: socket.key, event });
  push({ kind: 'created', seq: 1, socket: 1, time: start, url: socket.url, protocols: [], binaryType: 'blob', frameUrl: socket.frameUrl, api: 'websocket' });
  push({ kind: 'open', seq: 2, socket: 1, time: start + 1, protocol: '', extensions: '' });
  for (let i = 0; i < n; i++) {
    const body = `{"n":${i},"msg":"synthetic message ${i}"}`;
    const data = format === 'socketio' ? `42["${i % 10 ? 'tick' : 'chat'}",${body}]` : body;
    const dir = i % 2 ? 'received' : 'sent';
    push({ kind: 'message', seq: i + 3, socket: 1, time: start + 2 + i, dir, opcode: 1, size: data.length, data });
    socket[dir].count++;
    socket[dir].bytes += data.length;
  }
  push({ kind: 'closed', seq: n + 3, socket: 1, time: start + n + 10, code: 1000, reason: '', wasClean: true });
  const snapshot: SessionSnapshot = { sockets: [socket], events };
  writeFileSync(file, JSON.stringify(exportHar(snapshot, { creatorVersion: 'synthetic' })));
}
