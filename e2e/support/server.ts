import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';

const PAGES = join(import.meta.dirname, '..', 'pages');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json' };

export interface RecordedFrame {
  path: string;
  binary: boolean;
  data: Buffer;
  /** The socket URL's query (without `?`), and when the frame arrived (epoch ms). */
  query: string;
  at: number;
}

/**
 * A real test server on 127.0.0.1: static pages from e2e/pages (and extra routes), plus `ws`
 * WebSocket endpoints:
 *  /echo            echoes every frame back (text as text, binary as binary)
 *  /record          echoes and records every frame it receives (see `received`)
 *  /silent          records, never answers
 *  /close?code=&reason=  closes at once with that code and reason after the first message
 *  /protocol        accepts the first requested sub-protocol
 *  /held?name=      records, never answers, and reads nothing (neither data nor the closing handshake) until
 *                   GET /release?name=; GET /settle?ms= answers after ms
 * and the headers of every handshake request it took, by path and query (`handshakes`).
 */
export async function startServer(routes: Record<string, string | ((url: URL) => string)> = {}) {
  const received: RecordedFrame[] = [];
  const handshakes = new Map<string, IncomingHttpHeaders>();
  const sockets = new Set<WebSocket>();
  const held = new Map<string, WebSocket>();
  const http: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/release' || url.pathname === '/settle') {
      const name = url.searchParams.get('name') ?? '';
      if (url.pathname === '/release') (held.get(name) as unknown as { _socket?: { resume(): void } })?._socket?.resume();
      else await new Promise((r) => setTimeout(r, Number(url.searchParams.get('ms') ?? 0)));
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(held.has(name) || url.pathname === '/settle' ? 'ok' : 'unknown');
      return;
    }
    const route = routes[url.pathname];
    if (route !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(typeof route === 'function' ? route(url) : route);
      return;
    }
    try {
      const file = join(PAGES, url.pathname.replace(/^\/+/, '') || 'index.html');
      if (!file.startsWith(PAGES)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  const wss = new WebSocketServer({
    server: http,
    handleProtocols: (protocols) => (protocols.size ? [...protocols][0] : false),
  });
  wss.on('connection', (ws, req) => {
    handshakes.set(req.url ?? '/', req.headers);
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path === '/held') {
      held.set(url.searchParams.get('name') ?? '', ws);
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    }
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const buf = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      if (path !== '/echo' && path !== '/held') received.push({ path, binary: isBinary, data: buf, query: url.search.slice(1), at: Date.now() });
      if (path === '/close') {
        ws.close(Number(url.searchParams.get('code') ?? 1000), url.searchParams.get('reason') ?? '');
      } else if (path !== '/silent' && path !== '/held') {
        ws.send(buf, { binary: isBinary });
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}`,
    received,
    handshakes,
    async close() {
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise((r) => http.close(r));
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;
