/**
 * The bench's server, run in its own process (so the driver's CDP traffic never slows the echo):
 * serves the flood page at `/` and echoes every WebSocket frame on `/echo`. A binary echo has its
 * last byte flipped: real replies differ from requests, and identical payloads let Chrome share the
 * strings the relay makes of them (measured: half the memory), which real traffic would not.
 * Prints `{"port":N}` on stdout once listening; exits when stdin closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { readFileSync } from 'node:fs';

const FLOOD_PAGE = `<!doctype html><meta charset="utf-8"><title>Sockets bench</title>
<body>Sockets bench page</body>
<script>${readFileSync(new URL('./in-browser/flood-page.js', import.meta.url), 'utf8')}</script>`;

const http = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(FLOOD_PAGE);
  } else res.writeHead(404).end('not found');
});

const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    const buf = data as Buffer;
    if (isBinary && buf.length > 0) buf[buf.length - 1] ^= 0xff;
    ws.send(buf, { binary: isBinary });
  });
});

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (http.address() as AddressInfo).port }) + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
