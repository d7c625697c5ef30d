import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { inBrowsers } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { count, gridRows, selectSocket, socketRows, until, waitForSocket } from '../support/readers';
import { chooseFile } from '../support/har-files';
import { exportAllHar } from '../support/downloads';
import { harSchema } from '../../src/core/har/schema';

let server: TestServer;

before(async () => {
  server = await startServer({
    '/har': `<!doctype html><title>har</title><script>
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?har', ['v1.proto']);
      let echoes = 0;
      ws.onopen = () => { ws.send('{"hello":"har"}'); ws.send(new Uint8Array([1, 2, 3, 200])); };
      ws.onmessage = () => ++echoes === 2 && ws.close(4100, 'export');
    </script>`,
    '/flood': `<!doctype html><title>flood</title><script>
      window.ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?flood');
      ws.binaryType = 'arraybuffer';
    </script>`,
    '/empty': '<!doctype html><title>empty</title>',
  });
});
after(() => server?.close());

const notice = (panel: { query<T>(fn: (doc: Document) => T): Promise<T> }) => panel.query((doc) => doc.querySelector('[data-role=notice]')?.textContent ?? '');

inBrowsers('HAR export and import', (env) => {
  it('exports a valid HAR 1.2 with Chrome\'s WebSocket fields, which imports into a fresh panel as the same messages', { timeout: 180_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/har`);
    const panel = await tab.panel();
    const url = `${server.ws}/echo?har`;
    await waitForSocket(panel, (s) => s.url === url && s.state === 'closed');
    // The handshake reaches the relay from the background on its own path: exported once it is here.
    await selectSocket(panel, url);
    await panel.click('[data-tab=headers]');
    // What the pane shows while it waits (its text, in a failure's message).
    const headersPane = () => panel.query((doc) => (doc.querySelector('[data-role=headers] [data-section=request-headers]') ? 'request headers' : (doc.querySelector('[data-role=headers]')?.textContent ?? 'no headers pane').slice(0, 300)));
    await until(headersPane, (seen) => seen === 'request headers', 'the handshake\'s request headers');

    const { har } = await exportAllHar(env.browser, panel);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(harSchema);
    assert.ok(validate(har as unknown), JSON.stringify(validate.errors));
    const entry = har.log.entries.find((e: { request: { url: string } }) => e.request.url === url);
    assert.equal(entry._resourceType, 'websocket');
    assert.equal(entry.response.status, 101);
    // The real request (e2e/shared/handshake.test.ts compares it with what the server saw): Firefox
    // shows extensions its Sec-WebSocket-Protocol; Chrome adds that header below what they see.
    const header = (name: string) => entry.request.headers.find((h: { name: string }) => h.name.toLowerCase() === name)?.value;
    assert.equal(header('origin'), server.origin);
    assert.equal(header('sec-websocket-protocol'), env.name === 'firefox' ? 'v1.proto' : undefined);
    assert.deepEqual(entry._sockets.protocols, ['v1.proto']);
    assert.equal(entry._sockets.close.code, 4100);
    assert.deepEqual(
      entry._webSocketMessages.map((m: { type: string; opcode: number; data: string }) => [m.type, m.opcode, m.data]),
      [['send', 1, '{"hello":"har"}'], ['send', 2, 'AQIDyA=='], ['receive', 1, '{"hello":"har"}'], ['receive', 2, 'AQIDyA==']],
    );
    assert.ok(entry._webSocketMessages.every((m: { time: number }) => m.time > 1.7e9 && m.time < 2e9), 'epoch seconds');

    // A fresh tab's panel imports it: the same socket and messages, read-only.
    const other = await env.browser.open(`${server.origin}/empty?import`);
    const fresh = await other.panel();
    await fresh.query(chooseFile, { name: 'export.har', text: JSON.stringify(har) });
    await until(() => notice(fresh), (t) => /Imported 1 socket, 4 messages/.test(t), 'import notice');
    const imported = await waitForSocket(fresh, (s) => s.url === url);
    assert.equal(imported.messages, 4);
    assert.equal(imported.state, 'closed');
    await selectSocket(fresh, url);
    const rows = (await until(() => gridRows(fresh), (r) => r.filter((x) => x.kind === 'message').length === 4, 'the four messages')).filter((r) => r.kind === 'message');
    assert.deepEqual(rows.map((r) => r.direction), ['sent', 'sent', 'received', 'received']);
    assert.match(rows[1].payload, /Binary 4 B: 01 02 03 c8/);
    await fresh.close();
    await other.close();
    await panel.close();
    await tab.close();
  });

  it('says so when a HAR has no WebSocket entries, and leaves the panel as it was', { timeout: 120_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/empty?no-websockets`);
    const panel = await tab.panel();
    const plain = JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [{ request: { url: 'http://x/' }, response: { status: 200 } }] } });
    await panel.query(chooseFile, { name: 'plain.har', text: plain });
    assert.match(await until(() => notice(panel), (t) => !!t, 'notice'), /no WebSocket entries/i);
    assert.equal((await socketRows(panel)).length, 0);
    await panel.query(chooseFile, { name: 'plain.har', text: '{ not json' });
    await until(() => notice(panel), (t) => /not valid JSON|JSON/i.test(t), 'json error');
    assert.equal((await socketRows(panel)).length, 0);
    await panel.close();
    await tab.close();
  });

  it('exports the whole payloads of a flood\'s deferred messages, fetched from the page first', { timeout: 240_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/flood`);
    const panel = await tab.panel();
    const url = `${server.ws}/echo?flood`;
    await waitForSocket(panel, (s) => s.url === url && s.state === 'open');
    const size = 512 * 1024;
    // A burst beyond the live budget, then a small message every 10 ms: the page never goes quiet,
    // so the deferred payloads stay partial until somebody asks for them.
    await tab.evaluate(`(() => {
      for (let i = 0; i < 16; i++) ws.send(new Uint8Array(${size}).fill(i + 1));
      window.ticking = setInterval(() => ws.send('tick'), 10);
      return true;
    })()`);
    await panel.click('[data-toggle=text]');
    await panel.click('[data-toggle=lifecycle]');
    await until(() => count(panel, 'shown-count'), (n) => n === 32, 'the burst and its echoes, binary only');
    await until(() => panel.query((doc) => doc.querySelectorAll('[data-partial]').length), (n) => n > 0, 'partial rows');
    const { har } = await exportAllHar(env.browser, panel);
    await tab.evaluate('clearInterval(window.ticking)');
    const entry = har.log.entries.find((e: { request: { url: string } }) => e.request.url === url);
    const binary = entry._webSocketMessages.filter((m: { opcode: number }) => m.opcode === 2) as { data: string; _truncated?: true }[];
    assert.equal(binary.length, 32);
    for (const m of binary) {
      assert.equal(m._truncated, undefined);
      assert.equal(Buffer.from(m.data, 'base64').length, size);
    }
    await panel.close();
    await tab.close();
  });
}, { optionalGranted: true });
