import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Server as SocketIoServer } from 'socket.io';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { inBrowsers, type Panel, type Tab } from '../support/harness';
import { gridRows, socketRows, until, waitForSocket } from '../support/readers';
import { bytesOf, messagesOf, socketEvents, type FeedEvent } from '../support/feed';

/**
 * Real client libraries from npm, their browser builds served unchanged from node_modules, against
 * real servers: they must work with the extension loaded, and the panel must show their traffic.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const PAGES = join(ROOT, 'e2e', 'pages');
const NODE_MODULES = join(ROOT, 'node_modules');
const VENDOR: Record<string, string> = {
  '/vendor/socket.io.min.js': join(NODE_MODULES, 'socket.io-client', 'dist', 'socket.io.min.js'),
  '/vendor/reconnecting-websocket.js': join(NODE_MODULES, 'reconnecting-websocket', 'dist', 'reconnecting-websocket-iife.min.js'),
};
const GRAPHQL_WS_DIST = join(NODE_MODULES, 'graphql-ws', 'dist');

const listen = (server: Server, port = 0) =>
  new Promise<number>((r) => server.listen(port, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
const closeServer = (server: Server) => new Promise((r) => server.close(r));

/** Pages from e2e/pages, the libraries' browser builds from node_modules. */
function staticServer(): Server {
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let file = VENDOR[path];
    if (!file && path.startsWith('/vendor/graphql-ws/')) file = join(GRAPHQL_WS_DIST, path.slice('/vendor/graphql-ws/'.length));
    if (!file) file = join(PAGES, path);
    if (!file.startsWith(PAGES) && !file.startsWith(NODE_MODULES)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      const type = extname(file) === '.html' ? 'text/html; charset=utf-8' : 'text/javascript';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

/** A small schema: a query and a subscription that counts down. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'world' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      countdown: {
        type: GraphQLInt,
        args: { from: { type: GraphQLInt } },
        subscribe: async function* (_root: unknown, args: { from: number }) {
          for (let i = args.from; i >= 0; i--) yield { countdown: i };
        },
      },
    },
  }),
});

/** An echo WebSocket server that can be stopped and started again on the same port. */
function restartableEcho() {
  let http: Server | undefined;
  let wss: WebSocketServer | undefined;
  let port = 0;
  return {
    get port() {
      return port;
    },
    async start() {
      http = createServer();
      wss = new WebSocketServer({ server: http });
      wss.on('connection', (s) => s.on('message', (d, binary) => s.send(d, { binary })));
      port = await listen(http, port);
    },
    async stop() {
      for (const c of wss!.clients) c.terminate();
      wss!.close();
      await closeServer(http!);
    },
  };
}

let web: Server;
let webPort: number;
let io: SocketIoServer;
let graphql: Server;
let graphqlPort: number;
let echo: ReturnType<typeof restartableEcho>;

const origin = () => `http://127.0.0.1:${webPort}`;
const texts = (list: FeedEvent[]) => list.map((m) => (m.opcode === 1 ? (m.data as string) : `<binary ${bytesOf(m).join(',')}>`));

before(async () => {
  web = staticServer();
  io = new SocketIoServer(web);
  io.on('connection', (socket) => {
    socket.on('chat', (text: string, ack?: (reply: string) => void) => {
      socket.emit('chat', `echo: ${text}`);
      ack?.(`ack: ${text}`);
    });
    socket.on('bin', (data: Buffer) => socket.emit('bin', data));
  });
  webPort = await listen(web);
  graphql = createServer();
  useServer({ schema }, new WebSocketServer({ server: graphql, path: '/graphql' }));
  graphqlPort = await listen(graphql);
  echo = restartableEcho();
  await echo.start();
});
after(async () => {
  io?.close();
  await echo?.stop().catch(() => {});
  await closeServer(graphql).catch(() => {});
});

inBrowsers('real client libraries', (env) => {
  let tab: Tab;
  let panel: Panel;
  let testStart = 0;
  const lab = <T>(expression: string) => tab.evaluate<T>(`window.lab.${expression}`);
  const labLog = () => tab.evaluate<string[]>('window.lab.log');
  const events = (url: RegExp | string, test: (e: FeedEvent[]) => boolean, what: string) => socketEvents(panel, url, test, what, testStart);

  before(async () => {
    tab = await env.browser.open(`${origin()}/lib-socketio.html?server=${origin()}&transports=websocket`);
    panel = await tab.panel();
  });
  beforeEach(() => {
    testStart = Date.now();
  });

  describe('socket.io-client (real socket.io server)', () => {
    const socketUrl = () => new RegExp(`^ws://127\\.0\\.0\\.1:${webPort}/socket\\.io/\\?EIO=4&transport=websocket`);

    it('connects over a WebSocket, emits with an ack and receives, all captured', async () => {
      await tab.goto(`${origin()}/lib-socketio.html?server=${origin()}&transports=websocket`);
      await until(labLog, (l) => l.includes('connect'), 'socket.io connect');
      assert.equal(await lab<string>('chat("hi there")'), 'ack: hi there');
      await until(labLog, (l) => l.includes('chat:echo: hi there'), 'echoed chat');
      const list = await events(socketUrl(), (e) => messagesOf(e).length >= 6, 'socket.io frames');
      const sent = texts(messagesOf(list, 'sent'));
      const received = texts(messagesOf(list, 'received'));
      assert.deepEqual(sent.slice(0, 2), ['40', '420["chat","hi there"]']);
      assert.match(received[0], /^0\{"sid":/);
      assert.match(received[1], /^40\{"sid":/);
      assert.ok(received.includes('42["chat","echo: hi there"]'), received.join(' | '));
      assert.ok(received.includes('430["ack: hi there"]'), received.join(' | '));
      const row = await waitForSocket(panel, (s) => socketUrl().test(s.url) && s.messages === messagesOf(list).length, 'socket row');
      assert.equal(row.state, 'open');
      const rows = await until(() => gridRows(panel), (r) => r.some((x) => x.text.includes('echo: hi there')), 'chat row in the grid');
      assert.ok(rows.some((r) => r.direction === 'sent' && r.text.includes('hi there')));
    });

    it('upgrades from HTTP long-polling to a WebSocket, probe included, all captured', async () => {
      await tab.goto(`${origin()}/lib-socketio.html?server=${origin()}`);
      await until(labLog, (l) => l.includes('upgrade:websocket'), 'upgrade to websocket');
      assert.equal(await lab<string>('transport()'), 'websocket');
      assert.equal(await lab<string>('chat("after upgrade")'), 'ack: after upgrade');
      const list = await events(/transport=websocket&sid=/, (e) => texts(messagesOf(e)).includes('430["ack: after upgrade"]'), 'upgraded frames');
      assert.deepEqual(texts(messagesOf(list)).slice(0, 3), ['2probe', '3probe', '5']);
      assert.ok(texts(messagesOf(list, 'sent')).includes('420["chat","after upgrade"]'));
      await waitForSocket(panel, (s) => /&sid=/.test(s.url) && s.messages === messagesOf(list).length, 'upgraded socket row');
    });

    it('sends and receives a binary event as a placeholder text frame plus a binary frame', async () => {
      await tab.goto(`${origin()}/lib-socketio.html?server=${origin()}&transports=websocket`);
      await until(labLog, (l) => l.includes('connect'), 'socket.io connect');
      await lab('bin([1, 2, 3, 255])');
      await until(labLog, (l) => l.includes('bin:1,2,3,255'), 'binary echo');
      const list = await events(socketUrl(), (e) => messagesOf(e, 'received').some((m) => m.opcode === 2), 'binary frames');
      const frames = (dir: 'sent' | 'received') => texts(messagesOf(list, dir)).filter((t) => t.startsWith('451-') || t.startsWith('<binary'));
      assert.deepEqual(frames('sent'), ['451-["bin",{"_placeholder":true,"num":0}]', '<binary 1,2,3,255>']);
      assert.deepEqual(frames('received'), ['451-["bin",{"_placeholder":true,"num":0}]', '<binary 1,2,3,255>']);
    });
  });

  describe('reconnecting-websocket (server restart on the same port)', () => {
    it('reconnects after the server restarts; the panel shows the first socket, the failed retries and the new one', async () => {
      const url = `ws://127.0.0.1:${echo.port}/rws`;
      await tab.goto(`${origin()}/lib-reconnecting.html?server=${encodeURIComponent(url)}`);
      await until(labLog, (l) => l.includes('message hello on connection 1'), 'first echo');
      await echo.stop();
      await until(labLog, (l) => l.some((x) => x.startsWith('close ')), 'library saw the close');
      await lab('send("queued while down")');
      await until(() => socketRows(panel), (rows) => rows.filter((r) => r.url === url).length >= 3, 'a failed retry while down');
      await echo.start();
      await until(labLog, (l) => l.includes('message hello on connection 2') && l.includes('message queued while down'), 'second connection echoes');
      const rows = await until(() => socketRows(panel), (r) => r.filter((x) => x.url === url).at(-1)?.messages === 4, 'new socket with 4 messages');
      const mine = rows.filter((r) => r.url === url);
      assert.equal(mine[0].state, 'closed');
      assert.equal(mine[0].messages, 2);
      assert.match(mine[0].text, /1006 \(unclean\)/);
      for (const retry of mine.slice(1, -1)) {
        assert.equal(retry.state, 'closed');
        assert.equal(retry.messages, 0);
      }
      assert.equal(mine.at(-1)!.state, 'open');
      const last = await events(url, (e) => messagesOf(e).length === 4, 'last socket messages');
      assert.deepEqual(texts(messagesOf(last, 'sent')), ['queued while down', 'hello on connection 2']);
      assert.deepEqual(texts(messagesOf(last, 'received')), ['queued while down', 'hello on connection 2']);
    });
  });

  describe('graphql-ws (real graphql-ws server, graphql-ws/use/ws)', () => {
    it('runs a query and a subscription over graphql-transport-ws, every protocol message captured', async () => {
      const url = `ws://127.0.0.1:${graphqlPort}/graphql`;
      await tab.goto(`${origin()}/lib-graphql-ws.html?server=${encodeURIComponent(url)}`);
      await until(() => tab.evaluate<boolean>("document.documentElement.hasAttribute('data-ready')"), Boolean, 'the graphql-ws lab ready');
      assert.deepEqual(await lab('query()'), [{ hello: 'world' }]);
      assert.deepEqual(await lab('countdown(3)'), [{ countdown: 3 }, { countdown: 2 }, { countdown: 1 }, { countdown: 0 }]);
      const list = await events(url, (e) => messagesOf(e).filter((m) => m.dir === 'received' && String(m.data).includes('"complete"')).length === 2, 'both completes');
      const types = (dir: 'sent' | 'received') => messagesOf(list, dir).map((m) => JSON.parse(m.data as string).type);
      assert.deepEqual(types('sent'), ['connection_init', 'subscribe', 'subscribe']);
      assert.deepEqual(types('received'), ['connection_ack', 'next', 'complete', 'next', 'next', 'next', 'next', 'complete']);
      assert.equal(list.find((e) => e.kind === 'open')!.protocol, 'graphql-transport-ws');
      assert.deepEqual(list[0].protocols, ['graphql-transport-ws']);
      const row = await waitForSocket(panel, (s) => s.url === url && s.messages === 11, 'graphql socket row');
      assert.match(row.text, /graphql-transport-ws/);
    });
  });
});
