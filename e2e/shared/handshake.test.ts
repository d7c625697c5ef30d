import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { inBrowsers } from '../support/harness';
import { headersPane, headerValue as value, selectSocket, until, waitForSocket } from '../support/readers';
import { exportAllHar } from '../support/downloads';

/**
 * A real `ws` server that logs the handshake requests it saw and adds a header and a cookie of its
 * own to its 101 response; it refuses /denied with 403. The page sets a cookie, then opens sockets
 * from its own script (hs.js), whose line the initiator must name.
 */
const COOKIE = `sid=${Math.random().toString(36).slice(2)}`;
const SCRIPT = [
  'function connect(path, protocols) {',
  "  return new WebSocket(location.origin.replace('http', 'ws') + path, protocols);", // line 2, column 10
  '}',
  "window.ok = connect('/ok?x=1', ['chat.v1']);",
  "ok.onopen = () => ok.send('hello');",
  "window.denied = connect('/denied');",
  'window.refused = new WebSocket(`ws://127.0.0.1:${new URLSearchParams(location.search).get("closed")}/refused`);',
].join('\n');

const seen = new Map<string, IncomingHttpHeaders>();
let http: Server;
let origin = '';
/** A port where nothing listens (a server's, closed): its handshake is refused. */
let closedPort = 0;
before(async () => {
  http = createServer((req, res) => {
    if (req.url?.startsWith('/hs.js')) return res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(SCRIPT);
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store', 'set-cookie': `${COOKIE}; Path=/` });
    res.end('<!doctype html><title>handshake</title><script src="/hs.js"></script>');
  });
  const wss = new WebSocketServer({
    server: http,
    handleProtocols: (protocols) => (protocols.size ? [...protocols][0] : false),
    verifyClient: (info, done) => {
      const path = new URL(info.req.url ?? '/', 'http://x').pathname;
      seen.set(path, info.req.headers);
      if (path === '/denied') done(false, 403, 'Forbidden', { 'X-Denied-By': 'sockets-test' });
      else done(true);
    },
  });
  wss.on('headers', (headers) => headers.push('X-Sockets-Test: hello from ws', 'Set-Cookie: seen=1; Path=/; HttpOnly'));
  wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const gone = createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  closedPort = (gone.address() as AddressInfo).port;
  await new Promise((resolve) => gone.close(resolve));
});
after(() => new Promise((resolve) => http?.close(resolve)));

inBrowsers('the handshake as the network saw it', (env) => {
  it('shows the request and response headers a real ws server saw and sent, a rejected handshake\'s status, the initiator line, and exports them in the HAR', { timeout: 180_000 }, async () => {
    const tab = await env.browser.open(`${origin}/page?closed=${closedPort}`);
    const panel = await tab.panel();
    // Loaded again with DevTools open: its network log then has these handshakes too (Chrome shows
    // extensions no refused upgrade's status; the panel takes it from that log).
    seen.clear();
    await tab.reload();
    const ws = origin.replace('http', 'ws');
    await waitForSocket(panel, (s) => s.url === `${ws}/ok?x=1` && s.messages === 2, 'the open socket with its echo');
    await waitForSocket(panel, (s) => s.url === `${ws}/denied` && s.state === 'closed', 'the denied socket');
    await waitForSocket(panel, (s) => s.url === `ws://127.0.0.1:${closedPort}/refused` && s.state === 'closed', 'the refused socket');

    await selectSocket(panel, `${ws}/ok?x=1`);
    await panel.click('[data-tab=headers]');
    const okPane = await until(() => headersPane(panel), (p) => !!p.sections['request-headers'] && !!p.sections['response-headers'], 'the open socket\'s headers');
    const server = seen.get("/ok")!;
    const request = okPane.sections['request-headers'];
    for (const name of ['cookie', 'origin', 'sec-websocket-version', 'user-agent', 'accept-language', 'accept-encoding']) {
      assert.equal(value(request, name), server[name], `request header ${name} as the server saw it`);
    }
    // Chrome adds the Sec-WebSocket-* headers below webRequest; Firefox shows extensions all it sends but Connection and Upgrade.
    const keyShown = env.name === 'firefox';
    for (const name of ['sec-websocket-key', 'sec-websocket-protocol', 'sec-websocket-extensions']) {
      assert.equal(value(request, name), keyShown ? server[name] : undefined, `request header ${name}`);
    }
    assert.equal(await panel.query((doc) => !!doc.querySelector('[data-role=unseen-headers]')), !keyShown, 'says which headers it cannot see');
    // The page's cookie, and the one the first load's handshake set.
    assert.deepEqual(value(request, 'cookie')?.split('; ').sort(), [COOKIE, 'seen=1'].sort());
    const response = okPane.sections['response-headers'];
    assert.equal(value(response, 'x-sockets-test'), 'hello from ws');
    assert.equal(value(response, 'set-cookie'), 'seen=1; Path=/; HttpOnly');
    assert.equal(value(response, 'sec-websocket-protocol'), 'chat.v1');
    assert.ok(value(response, 'sec-websocket-accept'), 'Sec-WebSocket-Accept');
    assert.equal(value(okPane.sections.general, 'Request URL'), `${ws}/ok?x=1`);
    assert.equal(value(okPane.sections.general, 'Request Method'), 'GET');
    assert.match(value(okPane.sections.general, 'Status Code') ?? '', /^101 Switching Protocols$/);
    assert.deepEqual(okPane.sections.timing.map(([n]) => n), ['Request sent', 'Response', 'Open']);
    // The page's own script, where it called new WebSocket (the hook's frames are gone).
    assert.match(okPane.frames[0], new RegExp(`^connect @ ${origin}/hs\\.js:2:\\d+$`));
    assert.match(okPane.frames[1], new RegExp(`@ ${origin}/hs\\.js:4:\\d+$`));
    assert.ok(!okPane.frames.some((f) => /extension:/.test(f)), 'no extension frame');
    // Chrome opens a location in Sources (devtools.panels.openResource); Firefox's panel shows it as text.
    if (env.name === 'chromium') assert.ok(okPane.links > 0, 'script locations are links');

    await selectSocket(panel, `${ws}/denied`);
    // Firefox reports the refusing response to extensions. Chrome does not (nor does its own network
    // log: status 0; only its console names the 403): there the handshake shows as failed, as Chrome's own Network panel shows it.
    const deniedStatus = env.name === 'firefox' ? /^403 Forbidden$/ : /^\(failed\) net::ERR_FAILED$/;
    const denied = await until(() => headersPane(panel), (p) => deniedStatus.test(value(p.sections.general, 'Status Code') ?? ''), 'the rejected handshake\'s status');
    if (env.name === 'firefox') assert.equal(value(denied.sections['response-headers'], 'x-denied-by'), 'sockets-test');
    assert.equal(value(denied.sections['request-headers'], 'cookie'), seen.get('/denied')!.cookie);
    assert.equal(await panel.query((doc) => !!doc.querySelector('[data-header="status code"] [class*=bad]')), true, 'shown as failed');

    await selectSocket(panel, `ws://127.0.0.1:${closedPort}/refused`);
    // Chrome reports every failed upgrade to extensions as net::ERR_FAILED; Firefox names the cause.
    const refusedStatus = env.name === 'firefox' ? /^\(failed\) NS_ERROR_CONNECTION_REFUSED$/ : /^\(failed\) net::ERR_FAILED$/;
    await until(() => headersPane(panel), (p) => refusedStatus.test(value(p.sections.general, 'Status Code') ?? ''), 'the refused handshake');

    const { har } = await exportAllHar(env.browser, panel);
    const entry = (path: string) => har.log.entries.find((e: { request: { url: string } }) => e.request.url === `${ws}${path}`);
    const ok = entry('/ok?x=1');
    const header = (list: { name: string; value: string }[], name: string) => list.find((h) => h.name.toLowerCase() === name)?.value;
    assert.equal(header(ok.request.headers, 'cookie'), server.cookie);
    assert.equal(header(ok.request.headers, 'origin'), server.origin);
    assert.deepEqual(ok.request.cookies, server.cookie!.split('; ').map((c) => ({ name: c.split('=')[0], value: c.split('=')[1] })));
    assert.equal(ok.response.status, 101);
    assert.equal(header(ok.response.headers, 'x-sockets-test'), 'hello from ws');
    assert.deepEqual(ok.response.cookies, [{ name: 'seen', value: '1', path: '/', httpOnly: true }]);
    assert.equal(ok._sockets.initiator[0].url, `${origin}/hs.js`);
    const deniedEntry = entry('/denied');
    assert.equal(deniedEntry.response.status, env.name === 'firefox' ? 403 : 0);
    assert.equal(deniedEntry.response.statusText, env.name === 'firefox' ? 'Forbidden' : '');
    assert.equal(header(deniedEntry.request.headers, 'cookie'), seen.get('/denied')!.cookie);
    await panel.close();
    await tab.close();
  });
}, { optionalGranted: true });

inBrowsers('handshakes before the user turns them on', (env) => {
  it(env.name === 'chromium'
    ? 'Chromium: holds no webRequest until asked; the Headers tab offers "Capture handshakes" and shows no handshake of a live socket'
    : 'Firefox: observes handshakes from the start (its webRequest is no optional permission), with no opt-in offered', { timeout: 180_000 }, async () => {
    const tab = await env.browser.open(`${origin}/page?closed=${closedPort}`);
    const panel = await tab.panel();
    const ws = origin.replace('http', 'ws');
    await waitForSocket(panel, (s) => s.url === `${ws}/ok?x=1` && s.messages === 2, 'the open socket with its echo');
    await selectSocket(panel, `${ws}/ok?x=1`);
    await panel.click('[data-tab=headers]');
    if (env.name === 'chromium') {
      await panel.waitFor('[data-action=capture-handshakes]');
      assert.equal(await panel.query((doc) => !!doc.querySelector('[data-section=request-headers]')), false);
      // The worker holds no webRequest API at all: nothing observes any page's requests.
      const worker = env.browser.chromium!.context.serviceWorkers()[0];
      assert.equal(await worker.evaluate('typeof chrome.webRequest'), 'undefined');
    } else {
      await until(() => headersPane(panel), (p) => !!p.sections['request-headers'], 'the handshake\'s request headers');
      assert.equal(await panel.query((doc) => !!doc.querySelector('[data-action=capture-handshakes]')), false);
    }
    await panel.close();
    await tab.close();
  });
});
