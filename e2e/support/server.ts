import { createServer, type Server } from 'node:http';
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
}

/**
 * A real test server on 127.0.0.1: static pages from e2e/pages (and extra routes), plus `ws`
 * WebSocket endpoints:
 *  /echo            echoes every frame back (text as text, binary as binary)
 *  /record          echoes and records every frame it receives (see `received`)
 *  /silent          records, never answers
 *  /close?code=&reason=  closes at once with that code and reason after the first message
 *  /protocol        accepts the first requested sub-protocol
 */
export async function startServer(routes: Record<string, string | ((url: URL) => string)> = {}) {
  const received: RecordedFrame[] = [];
  const sockets = new Set<WebSocket>();
  const http: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const buf = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      if (path !== '/echo') received.push({ path, binary: isBinary, data: buf });
      if (path === '/close') {
        ws.close(Number(url.searchParams.get('code') ?? 1000), url.searchParams.get('reason') ?? '');
      } else if (path !== '/silent') {
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
    async close() {
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise((r) => http.close(r));
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;
