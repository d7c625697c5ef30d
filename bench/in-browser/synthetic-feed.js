// Runs in the extension's content-script world of the bench page (CDP Runtime.evaluate with that
// context id): opens its own port to the background as a relay does ('sockets:frame') and posts
// synthetic relay batches — one socket, then `n` 100-character text messages, alternately sent and
// received — at `rate` messages per second (0: as fast as posting allows), in batches every 16 ms
// like the relay. Measures what the service worker and the Sockets panel can take, without the
// page, the network or the relay's own work. Answers epoch ms of the first and of the last post.
({ n, size, rate, url }) => new Promise((resolve) => {
  const port = chrome.runtime.connect({ name: 'sockets:frame' });
  const doc = crypto.randomUUID();
  const info = { type: 'batch', doc, docStart: performance.timeOrigin, docUrl: location.href, top: true, firstSeq: 1, dropped: 0 };
  const now = () => performance.timeOrigin + performance.now();
  const prefix = 'y'.repeat(Math.max(0, size - 10));
  let seq = 1;
  port.postMessage({ ...info, events: [
    { kind: 'created', seq: seq++, socket: 1, time: now(), url, protocols: [], binaryType: 'blob', frameUrl: location.href, api: 'websocket' },
    { kind: 'open', seq: seq++, socket: 1, time: now(), protocol: '', extensions: '' },
  ] });
  const tickMs = 16;
  const perBatch = rate > 0 ? Math.max(1, Math.round((rate * tickMs) / 1000)) : 4096;
  const start = now();
  let sent = 0;
  const tick = () => {
    const k = Math.min(perBatch, n - sent);
    const events = new Array(k);
    const time = now();
    for (let i = 0; i < k; i++, sent++) {
      events[i] = { kind: 'message', seq: seq++, socket: 1, time, dir: sent % 2 ? 'received' : 'sent', opcode: 1, size, data: prefix + String(sent).padStart(10, '0') };
    }
    port.postMessage({ ...info, events });
    if (sent >= n) return resolve({ startEpoch: start, endEpoch: now() });
    const due = rate > 0 ? start + (sent / rate) * 1000 : 0;
    setTimeout(tick, Math.max(0, due - now()));
  };
  tick();
})
