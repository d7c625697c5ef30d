import { describe, expect, it } from 'vitest';
import type { SocketRecord } from '../../core/session';
import { cellText, frameLabel, socketDuration, socketStatus, sortSockets } from './socket-columns';

const socket = (over: Partial<SocketRecord>): SocketRecord => ({
  key: 'd:1', doc: 'd', frameId: 0, socket: 1, url: 'ws://h/a', protocols: [], frameUrl: 'http://h/', api: 'websocket',
  protocol: '', extensions: '', binaryType: 'blob', state: 'open', createdAt: 1000, errors: 0,
  sent: { count: 0, bytes: 0 }, received: { count: 0, bytes: 0 }, ...over,
});

describe('socket columns', () => {
  it('counts a live socket up to now, and stops at close, unload or the end of a recording', () => {
    expect(socketDuration(socket({}), 5000)).toBe(4000);
    expect(socketDuration(socket({ state: 'closed', closedAt: 2000 }), 5000)).toBe(1000);
    expect(socketDuration(socket({ imported: 'f.har', recordedUntil: 1500 }), 5000)).toBe(500);
  });

  it('says why a socket closed when the page went away, and what an imported one was', () => {
    expect(socketStatus(socket({ state: 'closed', closedAt: 2, unloaded: true }))).toBe('closed (page unloaded)');
    expect(socketStatus(socket({ imported: 'f.har', recordedUntil: 2 }))).toBe('open (when recorded)');
    expect(socketStatus(socket({ errors: 2 }))).toBe('open · 2 errors');
  });

  it('never throws on a frame URL that is not absolute', () => {
    expect(frameLabel('')).toBe('unknown frame');
    expect(frameLabel('not a url')).toBe('not a url');
    expect(frameLabel('https://feed.example:8443/x')).toBe('feed.example:8443');
  });

  it('shows counts and Chrome-style sizes', () => {
    expect(cellText('sent', socket({ sent: { count: 1200, bytes: 200_000 } }), 0)).toBe('1,200 · 200 kB');
  });

  it('sorts by a column, either way, ties in capture order', () => {
    const a = socket({ key: 'a', url: 'ws://b', received: { count: 1, bytes: 10 } });
    const b = socket({ key: 'b', url: 'ws://a', received: { count: 1, bytes: 30 } });
    const c = socket({ key: 'c', url: 'ws://c', received: { count: 1, bytes: 10 } });
    const keys = (list: SocketRecord[]) => list.map((s) => s.key);
    expect(keys(sortSockets([a, b, c], null, 0))).toEqual(['a', 'b', 'c']);
    expect(keys(sortSockets([a, b, c], { column: 'name', descending: false }, 0))).toEqual(['b', 'a', 'c']);
    expect(keys(sortSockets([a, b, c], { column: 'received', descending: true }, 0))).toEqual(['b', 'a', 'c']);
    expect(keys(sortSockets([a, b, c], { column: 'received', descending: false }, 0))).toEqual(['a', 'c', 'b']);
  });
});
