import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Server as SocketIoServer } from 'socket.io';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { JSONRPCServer } from 'json-rpc-2.0';
import { inBrowsers, type Panel, type Tab } from '../support/harness';
import { selectSocket, until } from '../support/readers';

/**
 * Conversations in the real panel: JSON-RPC (json-rpc-2.0's server) and GraphQL (graphql-ws's server
 * and its browser client) with their latency and "Go to response", `latency:>N`, and "Hide
 * heartbeats" over a real socket.io server's pings.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const NODE_MODULES = join(ROOT, 'node_modules');
const SLOW_MS = 300;

const listen = (server: Server) => new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));

/** JSON-RPC calls from the page's own WebSocket; `lab.call` answers the response's text. */
const JSONRPC_PAGE = `<!doctype html><title>json-rpc</title><script>
  const ws = new WebSocket(new URLSearchParams(location.search).get('server'));
  const waiting = new Map();
  ws.onmessage = (e) => waiting.get(JSON.parse(e.data).id)?.(e.data);
  window.lab = {
    open: () => new Promise((r) => (ws.readyState === 1 ? r(true) : ws.addEventListener('open', () => r(true)))),
    call: (id, method, params) => new Promise((r) => { waiting.set(id, r); ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params })); }),
  };
</script>`;

/** graphql-ws's own browser client, served unchanged from node_modules. */
const GRAPHQL_PAGE = `<!doctype html><title>graphql</title><script type="module">
  import { createClient } from '/vendor/graphql-ws/client.js';
  const client = createClient({ url: new URLSearchParams(location.search).get('server'), lazy: false });
  window.lab = {
    query: (query) => new Promise((resolve, reject) => {
      const results = [];
      client.subscribe({ query }, { next: (r) => results.push(r.data), error: reject, complete: () => resolve(results) });
    }),
  };
</script>`;

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      fast: { type: GraphQLString, resolve: () => 'now' },
      slow: { type: GraphQLString, resolve: () => new Promise((r) => setTimeout(() => r('later'), SLOW_MS)) },
    },
  }),
});

let web: Server;
let origin = '';
let io: SocketIoServer;
let rpcUrl = '';
let graphqlUrl = '';

before(async () => {
  web = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const pages: Record<string, string> = { '/jsonrpc': JSONRPC_PAGE, '/graphql': GRAPHQL_PAGE };
    if (pages[path]) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(pages[path]);
    const file =
      path === '/socketio' ? join(ROOT, 'e2e', 'pages', 'lib-socketio.html') :
      path === '/vendor/socket.io.min.js' ? join(NODE_MODULES, 'socket.io-client', 'dist', 'socket.io.min.js') :
      path.startsWith('/vendor/graphql-ws/') ? join(NODE_MODULES, 'graphql-ws', 'dist', path.slice('/vendor/graphql-ws/'.length)) : '';
    if (!file.startsWith(ROOT)) return void res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  // Engine.IO pings every 250 ms: heartbeats arrive quickly.
  io = new SocketIoServer(web, { pingInterval: 250, pingTimeout: 5000 });
  io.on('connection', (socket) => socket.on('chat', (text: string, ack?: (reply: string) => void) => ack?.(`ack: ${text}`)));
  const rpc = new JSONRPCServer();
  rpc.addMethod('slow', () => new Promise((r) => setTimeout(() => r('late'), SLOW_MS)));
  rpc.addMethod('add', ([a, b]: [number, number]) => a + b);
  const rpcWss = new WebSocketServer({ noServer: true });
  rpcWss.on('connection', (ws) => ws.on('message', async (data) => {
    const response = await rpc.receiveJSON(data.toString());
    if (response) ws.send(JSON.stringify(response));
  }));
  const graphqlWss = new WebSocketServer({ noServer: true });
  useServer({ schema }, graphqlWss);
  web.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const wss = path === '/rpc' ? rpcWss : path === '/gql' ? graphqlWss : undefined;
    wss?.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const port = await listen(web);
  origin = `http://127.0.0.1:${port}`;
  rpcUrl = `ws://127.0.0.1:${port}/rpc`;
  graphqlUrl = `ws://127.0.0.1:${port}/gql`;
});
after(() => {
  io?.close();
});

interface MessageRow {
  index: number;
  payload: string;
  latency: number | null;
  selected: boolean;
  paired: boolean;
}

const messageRows = (panel: Panel): Promise<MessageRow[]> =>
  panel.query((doc) =>
    Array.from(doc.querySelectorAll('[role=row][data-kind=message]'))
      .map((el) => {
        const latency = el.querySelector('[data-role=latency]')?.getAttribute('data-latency');
        return {
          index: Number(el.getAttribute('data-index')),
          payload: el.querySelector('[data-role=payload]')?.textContent ?? '',
          latency: latency == null ? null : Number(latency),
          selected: el.getAttribute('aria-selected') === 'true',
          paired: el.getAttribute('data-paired') === 'true',
        };
      })
      .sort((a, b) => a.index - b.index),
  );

/** Shows the grid's Latency column (from the header's context menu) unless it is shown. */
async function showLatencyColumn(panel: Panel): Promise<void> {
  if (await panel.query((doc) => !!doc.querySelector('[data-role=message-header] [data-column=latency]'))) return;
  await panel.contextMenu('[data-role=message-header]');
  await panel.waitFor('[data-role=context-menu] [role=menuitemcheckbox]');
  await clickMenuItem(panel, 'Latency');
  await panel.waitFor('[data-role=message-header] [data-column=latency]');
}

async function clickMenuItem(panel: Panel, label: string): Promise<void> {
  const at = await panel.query((doc, l) => Array.from(doc.querySelectorAll('[data-role=context-menu] button')).findIndex((b) => b.textContent === l), label);
  assert.ok(at >= 0, `a menu item ${label}`);
  await panel.click(`[data-role=context-menu] button:nth-of-type(${at + 1})`);
}

/** Right-clicks the grid row showing `payload`; answers the menu's items. */
async function rowMenu(panel: Panel, payload: string): Promise<string[]> {
  const rows = await messageRows(panel);
  const row = rows.find((r) => r.payload === payload);
  assert.ok(row, `a row ${payload}`);
  await panel.contextMenu(`[role=row][data-index="${row.index}"]`);
  return until(() => panel.query((doc) => Array.from(doc.querySelectorAll('[data-role=context-menu] [role=menuitem]')).map((b) => b.textContent ?? '')), (i) => i.length > 0, 'the row menu');
}

const shownCount = (panel: Panel) => panel.query((doc) => Number(doc.querySelector('[data-role=shown-count]')?.getAttribute('data-count') ?? -1));

async function setFilter(panel: Panel, text: string): Promise<void> {
  await panel.fill('input[aria-label=Filter]', text);
}

inBrowsers('request↔response pairs and heartbeats', (env) => {
  let tab: Tab | undefined;
  let panel: Panel | undefined;
  const open = async (url: string) => {
    await panel?.close();
    await tab?.close();
    tab = await env.browser.open(url);
    panel = await tab.panel();
    return { tab, panel };
  };
  after(async () => {
    await panel?.close();
    await tab?.close();
  });

  it('JSON-RPC over a real server: each request shows its latency, "Go to response" lands on its response, latency:>N filters', { timeout: 180_000 }, async () => {
    const { tab, panel } = await open(`${origin}/jsonrpc?server=${encodeURIComponent(rpcUrl)}`);
    await tab.evaluate('window.lab.open()');
    const slow = '{"jsonrpc":"2.0","id":1,"method":"slow","params":{}}';
    const add = '{"jsonrpc":"2.0","id":2,"method":"add","params":[1,2]}';
    // The slow call first: its response comes after the quick one's.
    await tab.evaluate(`Promise.all([window.lab.call(1, 'slow', {}), window.lab.call(2, 'add', [1, 2])])`);
    await selectSocket(panel, rpcUrl);
    await showLatencyColumn(panel);
    const rows = await until(() => messageRows(panel), (r) => r.length === 4 && r.filter((x) => x.latency !== null).length === 4, 'four rows, each with its latency');
    const byPayload = (p: string) => rows.find((r) => r.payload === p)!;
    const slowResult = '{"jsonrpc":"2.0","id":1,"result":"late"}';
    const addResult = '{"jsonrpc":"2.0","id":2,"result":3}';
    assert.deepEqual(rows.map((r) => r.payload), [slow, add, addResult, slowResult]);
    assert.ok(byPayload(slow).latency! >= SLOW_MS, `the slow call took ${byPayload(slow).latency} ms`);
    assert.equal(byPayload(slowResult).latency, byPayload(slow).latency, 'both rows of a pair show its latency');
    assert.ok(byPayload(add).latency! < byPayload(slow).latency!);

    // From the request's context menu to its response: selected, and the request highlighted with it.
    assert.ok((await rowMenu(panel, slow)).includes('Go to response'));
    await clickMenuItem(panel, 'Go to response');
    await until(() => messageRows(panel), (r) => r.find((x) => x.selected)?.payload === slowResult && r.find((x) => x.paired)?.payload === slow, 'the slow call\'s response selected, its request highlighted');
    // And back from the response to its request.
    assert.ok((await rowMenu(panel, slowResult)).includes('Go to request'));
    await clickMenuItem(panel, 'Go to request');
    await until(() => messageRows(panel), (r) => r.find((x) => x.selected)?.payload === slow, 'the request selected again');
    // A click on a Latency cell goes there too.
    await panel.click(`[role=row][data-index="${byPayload(add).index}"] [data-action=go-to-pair]`);
    await until(() => messageRows(panel), (r) => r.find((x) => x.selected)?.payload === addResult && r.find((x) => x.paired)?.payload === add, 'the quick call\'s response selected from its request\'s latency');

    // The socket's latency figures.
    const stats = await until(() => panel.query((doc) => doc.querySelector('[data-role=latency-stats]')?.getAttribute('data-pairs')), (p) => p === '2', 'two pairs in the socket\'s figures');
    assert.equal(stats, '2');
    const max = Number(await panel.attribute('[data-role=latency-stats]', 'data-max'));
    assert.equal(max, byPayload(slow).latency);

    // latency:>N shows only the slow pair; a quicker call made afterwards does not join it.
    await setFilter(panel, `latency:>${SLOW_MS - 50}`);
    await until(() => messageRows(panel), (r) => r.map((x) => x.payload).join('\n') === [slow, slowResult].join('\n'), 'only the slow pair');
    await tab.evaluate(`window.lab.call(3, 'add', [2, 2])`);
    await until(() => shownCount(panel), (n) => n === 2, 'still two rows');
    await tab.evaluate(`window.lab.call(4, 'slow', {})`);
    await until(() => messageRows(panel), (r) => r.length === 4 && r.some((x) => x.payload === '{"jsonrpc":"2.0","id":4,"result":"late"}'), 'the second slow pair joins');
    await setFilter(panel, '');
  });

  it('GraphQL over graphql-ws: a query shows its latency and "Go to response" in the detail lands on its result', { timeout: 180_000 }, async () => {
    const { tab, panel } = await open(`${origin}/graphql?server=${encodeURIComponent(graphqlUrl)}`);
    await until(() => tab.evaluate<boolean>('!!window.lab'), Boolean, 'the graphql page');
    assert.deepEqual(await tab.evaluate('window.lab.query("{ slow }")'), [{ slow: 'later' }]);
    assert.deepEqual(await tab.evaluate('window.lab.query("{ fast }")'), [{ fast: 'now' }]);
    await selectSocket(panel, graphqlUrl);
    await showLatencyColumn(panel);
    // Pairs come in idle time, just after the rows.
    const paired = (r: MessageRow[], type: string) => r.filter((x) => x.payload.startsWith(`graphql ${type}`)).every((x) => x.latency !== null);
    const rows = await until(
      () => messageRows(panel),
      (r) => r.filter((x) => x.payload.startsWith('graphql complete')).length === 2 && paired(r, 'subscribe') && paired(r, 'connection_init'),
      'both operations complete, with their latency',
    );
    // The slow query went first.
    const [subscribe, fastSubscribe] = rows.filter((r) => r.payload.startsWith('graphql subscribe'));
    assert.ok(subscribe.latency! >= SLOW_MS, `the slow query took ${subscribe.latency} ms`);
    assert.ok(fastSubscribe.latency! < subscribe.latency!, 'the fast query answered sooner');
    assert.ok(rows.find((r) => r.payload.startsWith('graphql connection_init'))?.latency !== null, 'connection_init pairs with its ack');

    // Select the slow query's subscribe; the detail offers its response.
    await panel.click(`[role=row][data-index="${subscribe.index}"]`);
    await panel.waitFor('[data-role=detail] [data-action=go-to-pair]');
    assert.match(await panel.query((doc) => doc.querySelector('[data-role=pair]')?.textContent ?? ''), /^answered after \d+ msGo to response$/);
    await panel.click('[data-role=detail] [data-action=go-to-pair]');
    const landed = await until(() => messageRows(panel), (r) => r.find((x) => x.selected)?.payload.startsWith('graphql next') === true, 'the next of the slow query selected');
    assert.match(landed.find((x) => x.selected)!.payload, /"slow":"later"/);
    assert.equal(landed.find((x) => x.paired)?.index, subscribe.index, 'its subscribe highlighted with it');
  });

  it('Hide heartbeats hides Socket.IO\'s pings and pongs, and the status bar says how many', { timeout: 180_000 }, async () => {
    const { tab, panel } = await open(`${origin}/socketio?server=${origin}&transports=websocket`);
    await until(() => tab.evaluate<string[]>('window.lab.log'), (l) => l.includes('connect'), 'socket.io connect');
    const isPing = (p: string) => /^engine\.io P[IO]NG$/.test(p);
    await until(() => messageRows(panel), (r) => r.filter((x) => isPing(x.payload)).length >= 4, 'pings and pongs in the grid');
    assert.equal(await tab.evaluate('window.lab.chat("hello")'), 'ack: hello');
    await until(() => messageRows(panel), (r) => r.some((x) => x.payload.includes('"chat"')), 'the chat rows');
    await panel.click('[data-toggle=hide-heartbeats]');
    assert.equal(await panel.attribute('[data-toggle=hide-heartbeats]', 'aria-pressed'), 'true');
    const rows = await until(() => messageRows(panel), (r) => r.length > 0 && !r.some((x) => isPing(x.payload)), 'no pings nor pongs shown');
    assert.ok(rows.some((x) => x.payload.includes('"chat"')), 'the chat still shown');
    const hidden = await until(() => panel.query((doc) => Number(doc.querySelector('[data-role=hidden-heartbeats]')?.getAttribute('data-count') ?? 0)), (n) => n >= 4, 'the hidden count');
    assert.match(await panel.query((doc) => doc.querySelector('[data-role=hidden-heartbeats]')?.textContent ?? ''), /^[\d,]+ heartbeats hidden$/);
    // The count goes on with the pings that keep coming.
    await until(() => panel.query((doc) => Number(doc.querySelector('[data-role=hidden-heartbeats]')?.getAttribute('data-count') ?? 0)), (n) => n > hidden, 'more hidden as pings go on');
    assert.equal(await panel.query((doc) => doc.defaultView!.localStorage.getItem('sockets.hideHeartbeats')), 'true', 'remembered');
    await panel.click('[data-toggle=hide-heartbeats]');
    await until(() => messageRows(panel), (r) => r.some((x) => isPing(x.payload)), 'pings shown again');
    assert.equal(await panel.query((doc) => !!doc.querySelector('[data-role=hidden-heartbeats]')), false);
  });
});
