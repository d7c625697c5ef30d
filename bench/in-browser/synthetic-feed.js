// Runs in the extension's content-script world of the bench page (CDP Runtime.evaluate with that
// context id): opens its own port to the background as a relay does ('sockets:frame') and posts
// relay batches in the wire format: `opening` (the socket's created and open events) and then
// `template` (a batch body as packEvents builds it, messages as columns) every 16 ms like the
// relay, with each message's seq, time and 100-character text filled in, until `n` messages,
// at `rate` messages per second (0: as fast as posting allows). Measures what the service worker
// and the Sockets panel can take, without the page, the network or the relay's own work.
// Answers epoch ms of the first and of the last post.
({ n, size, rate, opening, template }) => new Promise((resolve) => {
  const port = chrome.runtime.connect({ name: 'sockets:frame' });
  const doc = crypto.randomUUID();
  const info = { type: 'batch', doc, docStart: performance.timeOrigin, docUrl: location.href, top: true, firstSeq: 1, dropped: 0 };
  const now = () => performance.timeOrigin + performance.now();
  const prefix = 'y'.repeat(Math.max(0, size - 10));
  const t = template.messages;
  let seq = 1;
  port.postMessage({ ...info, ...opening, events: opening.events.map((e) => ({ ...e, seq: seq++, time: now(), frameUrl: location.href })) });
  const tickMs = 16;
  const perBatch = rate > 0 ? Math.max(1, Math.round((rate * tickMs) / 1000)) : t.seq.length;
  const start = now();
  let sent = 0;
  const tick = () => {
    const k = Math.min(perBatch, n - sent);
    const time = now();
    const m = { ...t, seq: new Array(k), time: new Array(k), data: new Array(k) };
    for (const field of ['socket', 'dir', 'opcode', 'size', 'bufferedAmount']) m[field] = t[field].slice(0, k);
    for (let i = 0; i < k; i++, sent++) {
      m.seq[i] = seq++;
      m.time[i] = time;
      m.data[i] = prefix + String(sent).padStart(10, '0');
    }
    port.postMessage({ ...info, ...template, messages: m, memory: sent * (size + 100) });
    if (sent >= n) return resolve({ startEpoch: start, endEpoch: now() });
    const due = rate > 0 ? start + (sent / rate) * 1000 : 0;
    setTimeout(tick, Math.max(0, due - now()));
  };
  tick();
})
