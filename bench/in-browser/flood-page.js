// The bench page's script (plain browser JS, inlined into the page by ../echo-server.ts).
// window.flood(opts) opens a socket to the echo server and sends opts.n messages of opts.size bytes
// (text: ASCII characters; binary: an ArrayBuffer), keeping opts.inflight unanswered; with
// inflight >= n it sends them all at once, 1000 per task. Every payload is distinct (it carries
// a counter), as real traffic is: identical payloads let the browser share memory that real
// traffic would not. Answers page-side timings
// (performance.now) from the first send to the last echo. See FloodOptions / FloodResult in ../types.ts.
// window.sendBurst(n) answers the µs a ws.send of a short text takes on an open socket: n distinct
// strings, made beforehand, sent in one synchronous loop (the page's cost of a send, nothing else).
window.flood = (opts) => new Promise((resolve, reject) => {
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo');
  ws.binaryType = 'arraybuffer';
  const template = opts.binary ? new Uint8Array(opts.size).fill(0x5a).buffer : 'x'.repeat(Math.max(0, opts.size - 10));
  const next = opts.binary
    ? (i) => { const b = template.slice(0); new DataView(b).setUint32(0, i); return b; }
    : (i) => template + String(i).padStart(10, '0');
  const pipelined = opts.inflight < opts.n;
  let sent = 0;
  let received = 0;
  let t0 = 0;
  let sendDone = 0;
  const burst = () => {
    const stop = Math.min(opts.n, sent + 1000);
    while (sent < stop) { ws.send(next(sent)); sent++; }
    if (sent < opts.n) setTimeout(burst, 0);
    else sendDone = performance.now();
  };
  ws.onerror = () => reject(new Error('socket error'));
  ws.onopen = () => {
    t0 = performance.now();
    if (!pipelined) return burst();
    const first = Math.min(opts.inflight, opts.n);
    for (; sent < first; sent++) ws.send(next(sent));
  };
  ws.onmessage = () => {
    received++;
    if (pipelined && sent < opts.n) {
      ws.send(next(sent));
      if (++sent === opts.n) sendDone = performance.now();
    }
    if (received === opts.n) {
      const end = performance.now();
      ws.onmessage = null;
      ws.close();
      resolve({
        elapsed: end - t0, sendElapsed: (sendDone || end) - t0, received,
        startEpoch: performance.timeOrigin + t0, endEpoch: performance.timeOrigin + end,
      });
    }
  };
});
window.sendBurst = (n) => new Promise((resolve, reject) => {
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo');
  const texts = [];
  for (let i = 0; i < n; i++) texts.push('burst ' + i);
  ws.onerror = () => reject(new Error('socket error'));
  ws.onopen = () => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) ws.send(texts[i]);
    const elapsed = performance.now() - t0;
    ws.close();
    resolve((elapsed * 1000) / n);
  };
});
