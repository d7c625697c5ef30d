import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Server as SocketIoServer } from 'socket.io';
import { createStompBroker } from './stomp-broker';

const PAGE = join(import.meta.dirname, 'index.html');
const FAVICON = join(import.meta.dirname, '..', 'public', 'icons', 'icon48.png');
const MODULES = join(import.meta.dirname, '..', 'node_modules');
const SCRIPTS: Record<string, string> = {
  '/vendor/socket.io.min.js': join(MODULES, 'socket.io-client', 'dist', 'socket.io.min.js'),
  '/vendor/stomp.umd.min.js': join(MODULES, '@stomp', 'stompjs', 'bundles', 'stomp.umd.min.js'),
};

/**
 * The demo: one page with live sockets of different kinds, served on 127.0.0.1 (with the
 * extension's icon as its favicon).
 *  /chat    echoes text (the page's chat box)
 *  /ticker  a JSON price tick every 700 ms
 *  /binary  a binary frame (sensor samples) every 1.5 s
 *  /socket.io/  a Socket.IO chat room ("chat", "typing", acks) and a "news" event every 2 s
 *  /stomp   a STOMP broker: /topic/chat relays, /topic/prices gets a quote every second
 */
export async function startDemoServer(port = 0) {
  const http = createServer(async (req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(await readFile(PAGE));
    } else if (req.url === '/favicon.ico') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(await readFile(FAVICON));
    } else if (req.url && SCRIPTS[req.url]) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(await readFile(SCRIPTS[req.url]));
    } else if (!req.url?.startsWith('/socket.io/')) res.writeHead(404).end();
  });
  const io = new SocketIoServer(http, { destroyUpgrade: false });
  io.on('connection', (socket) => {
    socket.on('chat', (text: string, ack?: (r: unknown) => void) => {
      io.emit('chat', { from: socket.id.slice(0, 4), text });
      ack?.({ ok: true, at: Date.now() });
    });
    socket.on('typing', () => socket.broadcast.emit('typing', socket.id.slice(0, 4)));
  });
  const news = setInterval(() => io.emit('news', { headline: `Headline #${Math.floor(Math.random() * 1000)}`, at: new Date().toISOString() }), 2000);
  const stomp = createStompBroker();
  const quotes = setInterval(() => stomp.publish('/topic/prices', JSON.stringify({ symbol: 'STMP', bid: +(50 + Math.random()).toFixed(3) })), 1000);
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => (p.size ? [...p][0] : false) });
  http.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/socket.io/')) return; // Socket.IO's own upgrade handler takes it
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
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
    } else if (path === '/stomp') {
      stomp.accept(ws);
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
      for (const t of [...timers, news, quotes]) clearInterval(t);
      io.close();
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise((r) => http.close(r));
    },
  };
}
