/** HAR files for import tests, written by the real exporter, and a way to hand them to the panel. */
import type { CaptureEvent } from '../../src/core/model';
import { applyToSocket, newSocketRecord, socketKey, type SessionSnapshot, type SocketRecord } from '../../src/core/session';
import { exportHar } from '../../src/core/har/export';

export const T0 = Date.parse('2026-11-24T08:30:00.000Z');

/** One socket as Sockets exports it: still open when recorded, 200,000 B sent, its last event 1.5 s after creation. */
export function openSocketHar(opts: { url: string; frameId?: number; frameUrl?: string }): string {
  const events: CaptureEvent[] = [
    { kind: 'created', seq: 1, socket: 1, time: T0, url: opts.url, protocols: [], binaryType: 'blob', frameUrl: opts.frameUrl ?? 'http://127.0.0.1/app.html', api: 'websocket' },
    { kind: 'open', seq: 2, socket: 1, time: T0 + 10, protocol: '', extensions: '' },
    { kind: 'message', seq: 3, socket: 1, time: T0 + 20, dir: 'sent', opcode: 1, size: 200_000, data: 'a'.repeat(200_000) },
    { kind: 'message', seq: 4, socket: 1, time: T0 + 1500, dir: 'received', opcode: 1, size: 2, data: 'ok' },
  ];
  const doc = 'doc-1';
  let record: SocketRecord | undefined;
  const snapshot: SessionSnapshot = { sockets: [], events: [] };
  for (const event of events) {
    if (event.kind === 'created') record = newSocketRecord(doc, opts.frameId ?? 0, event);
    applyToSocket(record!, event);
    snapshot.events.push({ socketKey: socketKey(doc, 1), event });
  }
  snapshot.sockets.push(record!);
  return JSON.stringify(exportHar(snapshot, { creatorVersion: 'test' }));
}

/** Chrome-format HAR with `n` closed sockets (ws://h/s0 … s<n-1>). */
export function manySocketsHar(n: number): string {
  const entries = Array.from({ length: n }, (_, i) => ({
    _resourceType: 'websocket',
    startedDateTime: new Date(T0 + i).toISOString(),
    time: 5,
    request: { method: 'GET', url: `ws://h/s${i}`, headers: [] },
    response: { status: 101, headers: [] },
    _webSocketMessages: [{ type: 'send', time: (T0 + i + 1) / 1000, opcode: 1, data: `m${i}` }],
  }));
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
}

/**
 * Runs in the panel document: picks a file in the panel's Import HAR file chooser. With
 * `repeatMiB`, the file is that many MiB of spaces made of one shared 1 MiB part (cheap to build).
 * Self-contained: it is serialized into the page (Chromium) or a frame script (Firefox).
 */
export function chooseFile(doc: Document, file: { name: string; text?: string; repeatMiB?: number }): number {
  const win = doc.defaultView as Window & typeof globalThis;
  let parts: BlobPart[];
  if (file.repeatMiB) {
    const mib = new win.Blob([new win.Uint8Array(1 << 20).fill(32)]);
    parts = new win.Array(file.repeatMiB).fill(mib);
  } else parts = new win.Array(file.text ?? '');
  const f = new win.File(parts, file.name, { type: 'application/json' });
  const dt = new win.DataTransfer();
  dt.items.add(f);
  const input = doc.querySelector('[data-role=import-file]') as HTMLInputElement;
  input.files = dt.files;
  input.dispatchEvent(new win.Event('change', { bubbles: true }));
  return f.size;
}

/**
 * Runs in the panel document: fetches `url` (a file the test server serves; the extension's host
 * permissions let its pages read it) and picks it in the Import HAR file chooser, as `chooseFile`
 * does, for files too large to pass through the driver. Answers the file's size.
 */
export async function chooseFileAt(doc: Document, file: { name: string; url: string }): Promise<number> {
  const win = doc.defaultView as Window & typeof globalThis;
  const response = await win.fetch(file.url);
  if (!response.ok) throw new Error(`${file.url}: HTTP ${response.status}`);
  const f = new win.File(new win.Array(await response.blob()), file.name, { type: 'application/json' });
  const dt = new win.DataTransfer();
  dt.items.add(f);
  const input = doc.querySelector('[data-role=import-file]') as HTMLInputElement;
  input.files = dt.files;
  input.dispatchEvent(new win.Event('change', { bubbles: true }));
  return f.size;
}
