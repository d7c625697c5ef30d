import { after, afterEach, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { inBrowsers, type Panel, type Tab } from '../support/harness';
import { composerStatus, openComposer, typeInComposer } from '../support/composer';
import { count, gridRows, selectSocket, until } from '../support/readers';
import { startServer, type TestServer } from '../support/server';

const PROTO_DIR = join(import.meta.dirname, '..', '..', 'scripts', 'fixtures', 'proto');

/**
 * A page with one binary socket on /record (echoes and records): `send(base64)` sends bytes. Each
 * run's socket URL is its own (the panel keeps message types per URL in storage).
 */
const PAGE = `<!doctype html><title>protobuf</title><script>
  window.ws = new WebSocket(location.origin.replace('http', 'ws') + '/record' + location.search);
  ws.binaryType = 'arraybuffer';
  window.send = (b64) => ws.send(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
</script>`;

let server: TestServer;
let root: protobuf.Root;
before(async () => {
  server = await startServer({ '/pb': PAGE });
  root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(PROTO_DIR, target);
  await root.load('chat/messages.proto', { keepCase: true });
});
after(() => server?.close());

const encode = (name: string, value: object) => {
  const type = root.lookupType(name);
  return Buffer.from(type.encode(type.fromObject(value)).finish()).toString('base64');
};
const USER = { name: 'alice', id: 150, address: { city: 'Paris', zip: 75001 }, role: 'ADMIN', tags: ['a', 'b'] };

const decodedRows = (panel: Panel) => panel.query((doc) => Array.from(doc.querySelectorAll('[role=row][data-kind=message] [data-role=decoded]')).map((e) => e.textContent ?? ''));

/** Picks .proto files in the schema bar's file chooser, as the file picker does (runs in the panel document). */
function chooseProtoFiles(doc: Document, files: { name: string; text: string }[]): boolean {
  const win = doc.defaultView as Window & typeof globalThis;
  const dt = new win.DataTransfer();
  for (const f of files) dt.items.add(new win.File(new win.Array(f.text), f.name, { type: 'text/plain' }));
  const input = doc.querySelector('[data-role=proto-import]') as HTMLInputElement;
  input.files = dt.files;
  input.dispatchEvent(new win.Event('change', { bubbles: true }));
  return true;
}
const PROTO_FILES = ['messages.proto', 'common.proto'].map((name) => ({ name, text: readFileSync(join(PROTO_DIR, 'chat', name), 'utf8') }));

/** Opens the detail of the first message row in its decoded view. */
async function openFirstDecoded(panel: Panel) {
  await panel.click('[role=row][data-kind=message]');
  await panel.click('[data-tab=message]');
  await panel.click('[data-view=decoded]');
  await panel.waitFor('[data-role=pb-tree]');
}

let run = 0;
inBrowsers('Protobuf', (env) => {
  let tab: Tab;
  let panel: Panel;
  let url: string;
  beforeEach(async () => {
    tab = await env.browser.open(`${server.origin}/pb?run=${++run}`);
    panel = await tab.panel();
    url = `${server.ws}/record?run=${run}`;
    await until(() => tab.evaluate<number>('ws.readyState'), (s) => s === 1, 'the page socket open');
  });
  afterEach(async () => {
    await panel.close();
    await tab.close();
  });

  it('decodes Protobuf without a schema: field numbers, readings, the bytes of a field marked in the hex view, pb.N filters', { timeout: 120_000 }, async () => {
    await tab.evaluate(`send(${JSON.stringify(encode('chat.User', USER))})`);
    await selectSocket(panel, url);
    const rows = await until(() => decodedRows(panel), (r) => r.length === 2, 'the sent message and its echo decoded');
    assert.equal(rows[0], 'Protobuf 1:"alice" 2:150 3:{1:"Paris" 2:75001} 4:1 5:"a" 5:"b"');
    await openFirstDecoded(panel);
    const tree = await panel.query((doc) => doc.querySelector('[data-role=pb-tree]')!.textContent);
    assert.match(tree!, /1 string "alice"/);
    assert.match(tree!, /2 varint 150 \(zigzag 75\)/);
    // Field 3 (the address) spans bytes 10 to 23, its tag and length included.
    await panel.click('[data-role=pb-field][data-no="3"] > div');
    await until(() => panel.attribute('[data-role=pb-hex]', 'data-range'), (r) => r === '10-23', 'field 3 marked');
    const marked = await panel.query((doc) => Array.from(doc.querySelectorAll('[data-role=pb-hex] mark[data-col=hex]')).map((m) => m.textContent).join(' '));
    assert.equal(marked, '1a 0b 0a 05 50 61 72 69 73 10 f9 c9 04');
    // From the keyboard: Enter on a field (the city, inside the address) marks its bytes.
    await panel.press('Enter', '[data-role=pb-field][data-no="3"] [data-role=pb-field][data-no="1"] > div');
    await until(() => panel.attribute('[data-role=pb-hex]', 'data-range'), (r) => r === '12-19', 'field 3.1 marked');
    await panel.fill('[aria-label=Filter]', 'pb.3.1:paris');
    await until(() => count(panel, 'shown-count'), (n) => n === 2, 'both rows match pb.3.1:paris');
    await panel.fill('[aria-label=Filter]', 'pb.3.1:lyon');
    await until(() => count(panel, 'shown-count'), (n) => n === 0, 'no row matches pb.3.1:lyon');
    assert.deepEqual(await gridRows(panel), []);
  });

  it('names the fields after importing the .proto files (one importing the other) and mapping the direction to a type; filters on dotted names', { timeout: 120_000 }, async () => {
    await tab.evaluate(`send(${JSON.stringify(encode('chat.User', USER))})`);
    await selectSocket(panel, url);
    await until(() => decodedRows(panel), (r) => r.length === 2, 'both rows decoded without a schema');
    await panel.waitFor('[data-role=protobuf-schema]');
    await panel.query(chooseProtoFiles, PROTO_FILES);
    await until(() => panel.query((doc) => Array.from(doc.querySelectorAll('[data-role=proto-file]')).map((e) => e.textContent)), (f) => f.length === 2, 'both files listed');
    assert.equal(await panel.query((doc) => doc.querySelector('[data-role=proto-error]')?.textContent ?? null), null);
    await panel.select('[data-role=proto-type-received]', 'chat.User');
    const rows = await until(() => decodedRows(panel), (r) => r.some((x) => x.startsWith('chat.User ')), 'the received row named');
    assert.deepEqual(rows, [
      'Protobuf 1:"alice" 2:150 3:{1:"Paris" 2:75001} 4:1 5:"a" 5:"b"',
      'chat.User name:"alice" id:150 address:{city:"Paris" zip:75001} role:"ADMIN" tags:"a" tags…',
    ]);
    await panel.fill('[aria-label=Filter]', 'address.city:paris role:admin');
    await until(() => count(panel, 'shown-count'), (n) => n === 1, 'the named row matches address.city:paris');
    await panel.click('[role=row][data-kind=message]');
    await panel.click('[data-tab=message]');
    await panel.click('[data-view=decoded]');
    const tree = await until(() => panel.query((doc) => doc.querySelector('[data-role=pb-tree]')?.textContent ?? ''), (t) => t.includes('address'), 'the named tree');
    assert.match(tree, /^chat\.User/);
    assert.match(tree, /3 address chat\.Address/);
    assert.match(tree, /4 role chat\.Role "ADMIN"/);
    await panel.fill('[aria-label=Filter]', '');
  });

  it('sends a message written as JSON, encoded with the imported schema; the server decodes it with protobufjs', { timeout: 120_000 }, async () => {
    await selectSocket(panel, url);
    await panel.select('[data-role=decoder-picker]', 'protobuf');
    await panel.waitFor('[data-role=protobuf-schema]');
    await panel.query(chooseProtoFiles, PROTO_FILES);
    await openComposer(panel, url, 'json');
    await panel.select('[data-role=composer-protobuf-type]', 'chat.Chat');
    const before = server.received.length;
    await typeInComposer(panel, '{"room":"lobby","text":"hello","from":{"name":"carol","id":"9007199254740993"},"counts":{"likes":2}}');
    await panel.click('[data-action=composer-send]');
    await until(() => composerStatus(panel), (s) => s.status === 'ok', 'sent');
    const frame = await until(async () => server.received.slice(before).find((f) => f.path === '/record'), (f) => f !== undefined, 'the server got the frame');
    assert.equal(frame!.binary, true);
    const type = root.lookupType('chat.Chat');
    const decoded = type.toObject(type.decode(frame!.data), { longs: String });
    assert.deepEqual(decoded, { room: 'lobby', text: 'hello', from: { name: 'carol', id: '9007199254740993' }, counts: { likes: 2 } });
  });

  it('reads an envelope\'s payload as the type its type field names, and length-prefixed messages one by one', { timeout: 120_000 }, async () => {
    const chat = { room: 'lobby', text: 'hi', from: { name: 'bob', id: 2 } };
    const chatBytes = Buffer.from(encode('chat.Chat', chat), 'base64');
    await tab.evaluate(`send(${JSON.stringify(encode('chat.Envelope', { type: 'chat.Chat', payload: chatBytes, seq: 9 }))})`);
    await selectSocket(panel, url);
    await until(() => decodedRows(panel), (r) => r.length === 2, 'both rows decoded without a schema');
    await panel.query(chooseProtoFiles, PROTO_FILES);
    await panel.select('[data-role=proto-type-received]', 'chat.Envelope|type|payload');
    await until(() => decodedRows(panel), (r) => r[1]?.startsWith('chat.Envelope type:"chat.Chat" payload:{room:"lobby" text:"hi" from:{name:"bob"'), 'the envelope\'s payload read as a chat.Chat');
    await panel.fill('[aria-label=Filter]', 'payload.from.name:bob');
    await until(() => count(panel, 'shown-count'), (n) => n === 1, 'the envelope matches payload.from.name:bob');
    await panel.fill('[aria-label=Filter]', '');

    const type = root.lookupType('chat.User');
    const w = protobuf.Writer.create();
    for (const u of [USER, { name: 'carol', id: 3 }]) type.encodeDelimited(type.fromObject(u), w);
    await panel.select('[data-role=proto-type-received]', '');
    await panel.select('[data-role=proto-framing]', 'varint');
    await tab.evaluate(`send(${JSON.stringify(Buffer.from(w.finish()).toString('base64'))})`);
    await until(() => decodedRows(panel), (r) => r.length === 4 && r[3].startsWith('Protobuf ×2 1:"alice"') && r[3].includes('| 1:"carol" 2:3'), 'two messages in one');
    await panel.fill('[aria-label=Filter]', 'pb.1:carol');
    await until(() => count(panel, 'shown-count'), (n) => n === 2, 'the framed rows match pb.1:carol');
    await panel.fill('[aria-label=Filter]', '');
  });
}, { devtoolsHeight: 700 });
