import { after, afterEach, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers, type Panel, type Tab } from '../support/harness';
import { gridRows, selectSocket, until } from '../support/readers';
import { startServer, type TestServer } from '../support/server';
import { pickByText } from '../support/shell-pages';

/** A page with a socket on /echo: `ws.send(text)` comes back as a received message. */
const PAGE = `<!doctype html><title>diff</title><script>
  window.ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo' + location.search);
</script>`;

let server: TestServer;
before(async () => {
  server = await startServer({ '/diff': PAGE });
});
after(() => server?.close());

const MENU_ITEM = '[data-role=context-menu] [role=menuitem]';
async function messageMenu(panel: Panel, text: string, direction: 'sent' | 'received') {
  await panel.query(pickByText, [`[role=grid] [role=row][data-kind=message][data-direction=${direction}]`, text] as [string, string]);
  await panel.contextMenu('[data-e2e-pick]');
}
async function menuItem(panel: Panel, label: string) {
  await panel.query(pickByText, [MENU_ITEM, label] as [string, string]);
  await panel.click('[data-e2e-pick]');
}
const entries = (panel: Panel) =>
  panel.query((doc) => Array.from(doc.querySelectorAll('[data-role=diff-entry]')).map((tr) => [tr.getAttribute('data-change'), ...Array.from(tr.children).map((td) => td.textContent)].join(' | ')));

let run = 0;
inBrowsers('message diff', (env) => {
  let tab: Tab;
  let panel: Panel;
  let url: string;
  beforeEach(async () => {
    tab = await env.browser.open(`${server.origin}/diff?run=${++run}`);
    panel = await tab.panel();
    url = `${server.ws}/echo?run=${run}`;
    await until(() => tab.evaluate<number>('ws.readyState'), (s) => s === 1, 'the page socket open');
    await tab.evaluate(`ws.send(JSON.stringify({ type: 'state', user: { name: 'alice', tags: ['a', 'b'] }, n: 1 }))`);
    await tab.evaluate(`ws.send(JSON.stringify({ type: 'other', n: 5 }))`);
    await tab.evaluate(`ws.send(JSON.stringify({ type: 'state', user: { name: 'bob', tags: ['a'] }, n: 1, seen: true }))`);
    await selectSocket(panel, url);
    await until(() => gridRows(panel), (r) => r.filter((x) => x.kind === 'message').length === 6, 'three messages and their echoes');
  });
  afterEach(async () => {
    await panel.close();
    await tab.close();
  });

  it('compares a JSON message with the previous one of the same type: the changed paths, values side by side', { timeout: 120_000 }, async () => {
    await messageMenu(panel, '"bob"', 'received');
    await menuItem(panel, 'Compare with previous message of the same type');
    await panel.waitFor('[data-role=diff-view]');
    assert.equal(await panel.attribute('[data-role=diff-view]', 'data-basis'), 'JSON');
    assert.deepEqual(await until(() => entries(panel), (e) => e.length > 0, 'the changes'), [
      'changed | user.name | "alice" | "bob"',
      'removed | user.tags[1] | "b" | —',
      'added | seen | — | true',
    ]);
  });

  it('compares two marked messages, and says when they do not differ', { timeout: 120_000 }, async () => {
    await messageMenu(panel, '"other"', 'sent');
    await menuItem(panel, 'Mark for comparison');
    await messageMenu(panel, '"bob"', 'sent');
    await menuItem(panel, 'Compare with marked message');
    assert.deepEqual(await until(() => entries(panel), (e) => e.length > 0, 'the changes'), [
      'changed | type | "other" | "state"',
      'changed | n | 5 | 1',
      'added | user | — | {"name":"bob","tags":["a"]}',
      'added | seen | — | true',
    ]);
    await messageMenu(panel, '"bob"', 'received');
    await menuItem(panel, 'Mark for comparison');
    await messageMenu(panel, '"bob"', 'sent');
    await menuItem(panel, 'Compare with marked message');
    await panel.waitFor('[data-role=diff-none]');
  });
}, { devtoolsHeight: 700 });
