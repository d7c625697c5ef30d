/**
 * The bench's server, run in its own process (so the driver's CDP traffic never slows the echo):
 * serves the flood page at `/` and echoes every WebSocket frame on `/echo`. A binary echo has its
 * last byte flipped: real replies differ from requests, and identical payloads let Chrome share the
 * strings the relay makes of them (measured: half the memory), which real traffic would not.
 * Page loads: `/plain` (no frames) and `/frames` (20 iframes, every 4th cross-origin from
 * `localhost`), no sockets. `/push?rate=&size=&binary=1&seconds=` streams `rate` messages a second
 * of `size` bytes to the page for `seconds` (each distinct).
 * Prints `{"port":N}` on stdout once listening; exits when stdin closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { readFileSync } from 'node:fs';

const FLOOD_PAGE = `<!doctype html><meta charset="utf-8"><title>Sockets bench</title>
<body>Sockets bench page</body>
<script>${readFileSync(new URL('./in-browser/flood-page.js', import.meta.url), 'utf8')}</script>`;

const framesPage = (port: number) => `<!doctype html><meta charset="utf-8"><title>frames</title><body>${Array.from(
  { length: 20 },
  (_, i) => `<iframe src="${i % 4 === 3 ? `http://localhost:${port}` : ''}/child?${i}" width="60" height="40"></iframe>`,
).join('')}</body>`;
/** A dedicated worker whose socket (to this echo server) sends `n` messages of `size` bytes as fast as it can, on flood(n, size). */
const WORKER_FLOOD_PAGE = `<!doctype html><meta charset="utf-8"><title>worker flood</title><script>
const w = new Worker('/flood-worker.js');
let answer;
window.opened = new Promise((resolve) => (w.onmessage = (e) => (e.data === 'open' ? resolve(true) : answer(e.data))));
window.flood = (n, size) => new Promise((resolve) => { answer = resolve; w.postMessage([n, size]); });
</script>`;
const FLOOD_WORKER = `const ws = new WebSocket(location.origin.replace('http', 'ws') + '/');
ws.onopen = () => postMessage('open');
let expected = 0, echoes = 0, t0 = 0, loop = 0;
ws.onmessage = () => { if (++echoes === expected) postMessage([loop, performance.now() - t0]); };
onmessage = (e) => {
  const [n, size] = e.data;
  const payload = 'x'.repeat(size);
  expected = n; echoes = 0; t0 = performance.now();
  for (let i = 0; i < n; i++) ws.send(payload);
  loop = performance.now() - t0;
};`;

const PAGES: Record<string, (port: number) => string> = {
  '/worker-flood': () => WORKER_FLOOD_PAGE,
  '/': () => FLOOD_PAGE,
  '/plain': () => '<!doctype html><meta charset="utf-8"><title>plain</title><p>A plain page.</p>',
  '/frames': framesPage,
  '/child': () => '<!doctype html><meta charset="utf-8"><title>child</title><p>A frame.</p>',
};

const http = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const page = PAGES[path];
  if (path === '/flood-worker.js') {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(FLOOD_WORKER);
  } else if (page) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page((http.address() as AddressInfo).port));
  } else res.writeHead(404).end('not found');
});

const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/push') return push(ws, url.searchParams);
  ws.on('message', (data, isBinary) => {
    const buf = data as Buffer;
    if (isBinary && buf.length > 0) buf[buf.length - 1] ^= 0xff;
    ws.send(buf, { binary: isBinary });
  });
});

/** Streams at a steady rate, in ticks of 10 ms; each payload carries its number. */
function push(ws: import('ws').WebSocket, q: URLSearchParams): void {
  const rate = Number(q.get('rate') ?? 1000);
  const size = Number(q.get('size') ?? 200);
  const binary = q.get('binary') === '1';
  const end = Date.now() + Number(q.get('seconds') ?? 60) * 1000;
  const text = 'x'.repeat(Math.max(0, size - 10));
  const t0 = Date.now();
  let sent = 0;
  const timer = setInterval(() => {
    if (ws.readyState !== ws.OPEN || Date.now() > end) {
      clearInterval(timer);
      if (ws.readyState === ws.OPEN) ws.send('done');
      return;
    }
    const due = Math.floor(((Date.now() - t0) / 1000) * rate);
    for (; sent < due; sent++) {
      if (binary) {
        const b = Buffer.alloc(size, 0x5a);
        b.writeUInt32BE(sent, 0);
        ws.send(b, { binary: true });
      } else ws.send(text + String(sent).padStart(10, '0'));
    }
  }, 10);
}

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (http.address() as AddressInfo).port }) + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
