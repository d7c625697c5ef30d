/** Test pages shared by the Chromium and Firefox suites. */
import assert from 'node:assert/strict';

/** A page whose first inline <head> script opens a socket and sends text and binary at once, then closes after both echoes. */
export const EARLY_PAGE = `<!doctype html><html><head><script>
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/record?early');
  window.echoes = [];
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => {
    ws.send('first from head');
    ws.send(new Uint8Array([0, 1, 2, 253, 254, 255]));
  };
  ws.onmessage = (e) => {
    window.echoes.push(typeof e.data === 'string' ? e.data : Array.from(new Uint8Array(e.data)).join(','));
    if (window.echoes.length === 2) ws.close(4000, 'bye now');
  };
</script></head><body>early</body></html>`;

/** Asserts the message rows EARLY_PAGE's socket shows: its text and binary sent, then both echoed. */
export function assertEarlyMessages(rows: { kind: string; direction?: string | null; payload: string }[]): void {
  const messages = rows.filter((r) => r.kind === 'message');
  assert.deepEqual(messages.map((m) => m.direction), ['sent', 'sent', 'received', 'received']);
  assert.match(messages[0].payload, /first from head/);
  assert.match(messages[1].payload, /Binary 6 B: 00 01 02 fd fe ff/);
  assert.match(messages[2].payload, /first from head/);
  assert.match(messages[3].payload, /Binary 6 B: 00 01 02 fd fe ff/);
}
