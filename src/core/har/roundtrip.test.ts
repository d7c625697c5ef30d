import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { applyToSocket, type SessionSnapshot } from '../session';
import { exportHar } from './export';
import { liveSnapshot } from './fixtures/snapshot';
import { importHar } from './import';
import { harSchema } from './schema';

const opts = { creatorVersion: '0.1.0', pageTitle: 'http://127.0.0.1:8080/app.html' };

function reimport(text: string, label = 'capture.har'): SessionSnapshot {
  const r = importHar(text, { label });
  if (!r.ok) throw new Error(r.error);
  expect(r.warnings).toEqual([]);
  return r.snapshot;
}

describe('export → import → export', () => {
  const first = JSON.stringify(exportHar(liveSnapshot(), opts));
  const imported = reimport(first, 'LABEL-MUST-NOT-LEAK');

  it('gives the same JSON text', () => {
    const second = JSON.stringify(exportHar(imported, opts));
    expect(second).toBe(first);
    expect(second).not.toContain('LABEL-MUST-NOT-LEAK');
  });

  it('stays the same over a second round, from the imported snapshot', () => {
    const again = reimport(JSON.stringify(exportHar(imported, opts)));
    expect(JSON.stringify(exportHar(again, opts))).toBe(first);
    expect(again.sockets[0].key).not.toBe(imported.sockets[0].key);
  });

  it('restores each record except for its key, doc and import label', () => {
    const live = liveSnapshot();
    expect(imported.sockets).toHaveLength(3);
    imported.sockets.forEach((s, i) => {
      const { key, doc, imported: label, recordedUntil, ...rest } = s;
      if (s.state !== 'closed') expect(recordedUntil).toBeGreaterThanOrEqual(s.createdAt);
      const { key: liveKey, doc: liveDoc, ...liveRest } = live.sockets[i];
      expect(rest).toEqual(liveRest);
      expect(doc).toMatch(new RegExp(`^har\\d+:${liveDoc}$`));
      expect(key).toBe(`${doc}:${liveKey.split(':')[1]}`);
      expect(label).toBe('LABEL-MUST-NOT-LEAK');
    });
    // A worker's socket keeps where it lived.
    expect(imported.sockets.find((s) => s.socket === 7)?.context).toEqual({ kind: 'shared-worker', url: 'https://feed.example/feed-worker.js' });
  });

  it('restores every event, in each socket’s order', () => {
    const live = liveSnapshot();
    const byDoc = (snap: SessionSnapshot, doc: string) =>
      snap.events.filter((e) => e.socketKey.replace(/^har\d+:/, '').startsWith(`${doc}:`)).map((e) => e.event);
    const sortSeq = (list: ReturnType<typeof byDoc>) => [...list].sort((a, b) => a.seq - b.seq);
    for (const doc of ['doc-a', 'doc-b']) expect(sortSeq(byDoc(imported, doc))).toEqual(sortSeq(byDoc(live, doc)));
    expect(imported.events.map((e) => e.event.time)).toEqual([...imported.events.map((e) => e.event.time)].sort((a, b) => a - b));
    const dropped = imported.events.find((e) => e.event.kind === 'dropped');
    expect(dropped?.socketKey).toBe(`${imported.sockets[2].doc}:-1`);
  });

  it('writes a file that validates against the HAR 1.2 schema', () => {
    const validate = new Ajv().compile(harSchema);
    expect(validate(JSON.parse(first)), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('Chrome file → import → export → import', () => {
  const chrome = readFileSync(new URL('./fixtures/chrome-websocket.har', import.meta.url), 'utf8');
  const once = reimport(chrome);
  const exported = exportHar(once);
  const twice = reimport(JSON.stringify(exported));

  it('keeps sockets and events apart from the keys', () => {
    const strip = (snap: SessionSnapshot) => snap.sockets.map(({ key: _k, doc: _d, ...rest }) => rest);
    expect(strip(twice)).toEqual(strip(once));
    expect(twice.events.map((e) => e.event)).toEqual(once.events.map((e) => e.event));
  });

  it('exports the messages Chrome gave, unchanged', () => {
    const original = JSON.parse(chrome).log.entries[1]._webSocketMessages;
    const written = exported.log.entries[0]._webSocketMessages.map(({ type, time, opcode, data }) => ({ type, time, opcode, data }));
    expect(written).toEqual(original);
  });
});

describe('a gap (messages not kept while DevTools was closed)', () => {
  it('is recorded in the export and restored by the import, on its socket and in its place', () => {
    const live = liveSnapshot();
    const socket = live.sockets[2];
    const gap = { kind: 'gap', seq: 9, socket: socket.socket, time: socket.createdAt + 1, count: 1234, until: socket.createdAt + 9000 } as const;
    live.events.push({ socketKey: socket.key, event: gap });
    applyToSocket(socket, gap);
    const har = exportHar(live, opts);
    expect(har.log.entries[2]._socketsEvents.at(-1)).toEqual({ kind: 'gap', seq: 9, socket: socket.socket, time: gap.time, count: 1234, until: gap.until });
    expect(har.log.entries[2]._sockets.notKept).toEqual({ count: 1234, from: gap.time, until: gap.until });
    const back = reimport(JSON.stringify(har));
    expect(back.sockets[2].notKept).toEqual({ count: 1234, from: gap.time, until: gap.until });
    expect(back.events.filter((e) => e.event.kind === 'gap').map((e) => e.event)).toEqual([gap]);
  });
});

describe('import of a frame URL that is not absolute', () => {
  it('leaves it out with a warning (the panel never gets to parse it)', () => {
    const live = liveSnapshot();
    for (const s of live.sockets) s.frameUrl = s.frameId !== 0 ? '' : s.frameUrl;
    const sub = live.sockets.find((s) => s.frameId !== 0)!;
    sub.frameUrl = 'not a url';
    for (const e of live.events) if (e.socketKey === sub.key && e.event.kind === 'created') e.event.frameUrl = 'not a url';
    const r = importHar(JSON.stringify(exportHar(live, opts)));
    if (!r.ok) throw new Error(r.error);
    expect(r.snapshot.sockets.find((s) => s.frameId !== 0)!.frameUrl).toBe('');
    expect(r.warnings.join('\n')).toMatch(/frame URL is not an absolute URL/);
  });
});

describe('a socket closed because its page unloaded', () => {
  it('stays "unloaded" through export and import (not "open when recorded")', () => {
    const live = liveSnapshot();
    const s = live.sockets[0];
    live.sockets[0] = { ...s, state: 'closed', closedAt: s.createdAt + 5000, unloaded: true };
    const text = JSON.stringify(exportHar(live, opts));
    expect(text).toContain('"unloaded":true');
    const back = reimport(text).sockets[0];
    expect(back.unloaded).toBe(true);
    expect(back.state).toBe('closed');
    expect(back.recordedUntil).toBeUndefined();
    expect(JSON.stringify(exportHar(reimport(text), opts))).toBe(text);
  });
});
