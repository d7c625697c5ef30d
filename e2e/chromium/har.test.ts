import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { launchChromium, openPanelFor, type Launched } from '../support/chromium';
import { startServer, type TestServer } from '../support/server';
import { gridRows, selectSocket, socketRows, until, waitForSocket } from '../support/panel';
import { harSchema } from '../../src/core/har/schema';

let server: TestServer;
let browser: Launched;

before(async () => {
  server = await startServer({
    '/har': `<!doctype html><title>har</title><script>
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?har', ['v1.proto']);
      let echoes = 0;
      ws.onopen = () => { ws.send('{"hello":"har"}'); ws.send(new Uint8Array([1, 2, 3, 200])); };
      ws.onmessage = () => ++echoes === 2 && ws.close(4100, 'export');
    </script>`,
    '/empty': '<!doctype html><title>empty</title>',
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('HAR export and import (Chromium)', () => {
  it('exports a valid HAR 1.2 with Chrome\'s WebSocket fields, which imports into a fresh panel as the same messages', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/har`);
    const { devtools, panel } = await openPanelFor(browser, page);
    const url = `${server.ws}/echo?har`;
    await waitForSocket(panel, (s) => s.url === url && s.state === 'closed');

    await panel.click('[data-action=export]');
    const [download] = await Promise.all([devtools.waitForEvent('download'), panel.click('[data-export=all]')]);
    assert.match(download.suggestedFilename(), /^sockets-127\.0\.0\.1_\d+-.*\.har$/);
    const file = join(mkdtempSync(join(tmpdir(), 'har-')), download.suggestedFilename());
    await download.saveAs(file);
    const har = JSON.parse(readFileSync(file, 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(harSchema);
    assert.ok(validate(har as unknown), JSON.stringify(validate.errors));
    const entry = har.log.entries.find((e: { request: { url: string } }) => e.request.url === url);
    assert.equal(entry._resourceType, 'websocket');
    assert.equal(entry.response.status, 101);
    assert.equal(entry.request.headers.find((h: { name: string }) => h.name === 'Sec-WebSocket-Protocol')?.value, 'v1.proto');
    assert.equal(entry._sockets.close.code, 4100);
    assert.deepEqual(
      entry._webSocketMessages.map((m: { type: string; opcode: number; data: string }) => [m.type, m.opcode, m.data]),
      [['send', 1, '{"hello":"har"}'], ['send', 2, 'AQIDyA=='], ['receive', 1, '{"hello":"har"}'], ['receive', 2, 'AQIDyA==']],
    );
    assert.ok(entry._webSocketMessages.every((m: { time: number }) => m.time > 1.7e9 && m.time < 2e9), 'epoch seconds');

    // A fresh tab's panel imports it: the same socket and messages, read-only.
    const other = await browser.context.newPage();
    await other.goto(`${server.origin}/empty?import`);
    const fresh = (await openPanelFor(browser, other)).panel;
    await fresh.setInputFiles('[data-role=import-file]', file);
    await until(() => fresh.textContent('[data-role=notice]'), (t) => /Imported 1 socket, 4 messages/.test(t ?? ''), 'import notice');
    const imported = await waitForSocket(fresh, (s) => s.url === url);
    assert.equal(imported.messages, 4);
    assert.equal(imported.state, 'closed');
    await selectSocket(fresh, url);
    const rows = (await gridRows(fresh)).filter((r) => r.kind === 'message');
    assert.deepEqual(rows.map((r) => r.direction), ['sent', 'sent', 'received', 'received']);
    assert.match(rows[1].payload, /Binary 4 B: 01 02 03 c8/);
    await page.close();
    await other.close();
  });

  it('says so when a HAR has no WebSocket entries, and leaves the panel as it was', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/empty?no-websockets`);
    const { panel } = await openPanelFor(browser, page);
    const file = join(mkdtempSync(join(tmpdir(), 'har-')), 'plain.har');
    writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [{ request: { url: 'http://x/' }, response: { status: 200 } }] } }));
    await panel.setInputFiles('[data-role=import-file]', file);
    const notice = await until(() => panel.textContent('[data-role=notice]'), (t) => !!t, 'notice');
    assert.match(notice!, /no WebSocket entries/i);
    assert.equal((await socketRows(panel)).length, 0);
    writeFileSync(file, '{ not json');
    await panel.setInputFiles('[data-role=import-file]', file);
    await until(() => panel.textContent('[data-role=notice]'), (t) => /not valid JSON|JSON/i.test(t ?? ''), 'json error');
    assert.equal((await socketRows(panel)).length, 0);
    await page.close();
  });
});
