import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const PAGE = join(import.meta.dirname, 'index.html');

/**
 * The demo: one page with live sockets of different kinds, served on 127.0.0.1.
 *  /chat    echoes text (the page's chat box)
 *  /ticker  a JSON price tick every 700 ms
 *  /binary  a binary frame (sensor samples) every 1.5 s
 */
export async function startDemoServer(port = 0) {
  const http = createServer(async (req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(await readFile(PAGE));
    } else res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: http, handleProtocols: (p) => (p.size ? [...p][0] : false) });
  const timers = new Set<NodeJS.Timeout>();
  const every = (ws: WebSocket, ms: number, tick: () => void) => {
    const t = setInterval(tick, ms);
    timers.add(t);
    ws.on('close', () => {
      clearInterval(t);
      timers.delete(t);
    });
  };
  wss.on('connection', (ws, req) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/chat') {
      ws.on('message', (data, binary) => ws.send(binary ? data : JSON.stringify({ from: 'server', echo: data.toString(), at: new Date().toISOString() })));
      ws.send(JSON.stringify({ from: 'server', text: 'Welcome to the Sockets demo chat' }));
    } else if (path === '/ticker') {
      let price = 100;
      every(ws, 700, () => {
        price = Math.max(1, price + (Math.random() - 0.5) * 2);
        ws.send(JSON.stringify({ type: 'tick', symbol: 'SOCK', price: Number(price.toFixed(2)), ts: Date.now() }));
      });
      ws.on('message', (m) => ws.send(JSON.stringify({ type: 'ack', request: m.toString() })));
    } else if (path === '/binary') {
      let seq = 0;
      every(ws, 1500, () => {
        const buf = Buffer.alloc(24);
        buf.writeUInt32BE(seq++, 0);
        for (let i = 4; i < 24; i += 4) buf.writeFloatBE(Math.sin(seq / 3 + i) * 10, i);
        ws.send(buf, { binary: true });
      });
    }
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const address = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      for (const t of timers) clearInterval(t);
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise((r) => http.close(r));
    },
  };
}
