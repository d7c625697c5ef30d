import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { count, selectSocket, until, waitForSocket } from '../support/readers';

/** Group by a decoded field: a page's JSON messages (echoed by a real `ws` server) grouped by `type`. */
let server: TestServer;
before(async () => {
  server = await startServer({
    '/typed': () => `<!doctype html><title>typed</title><script>
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/record?typed');
      ws.onopen = () => {
        for (const type of ['join', 'join', 'join', 'leave', 'leave']) ws.send(JSON.stringify({ type, at: 1 }));
        ws.send('not json');
      };
    </script>`,
  });
});
after(() => server?.close());

inBrowsers('group by', (env) => {
  it('groups the shown messages by a decoded field with counts and bytes; a click on a group filters on it', { timeout: 180_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/typed`);
    const panel = await tab.panel();
    const url = `${server.ws}/record?typed`;
    await waitForSocket(panel, (s) => s.url === url && s.messages === 12, 'the socket with 12 messages');
    await selectSocket(panel, url);
    await panel.click('[data-toggle=group-by]');
    await panel.fill('[aria-label="Group by field"]', 'type');
    const groups = () => panel.query((doc) => Array.from(doc.querySelectorAll('[data-group]')).map((r) => [r.getAttribute('data-group'), Number(r.getAttribute('data-count')), Number(r.getAttribute('data-bytes'))]));
    const size = JSON.stringify({ type: 'join', at: 1 }).length;
    await until(groups, (g) => g.length === 2, 'two groups');
    assert.deepEqual(await groups(), [['join', 6, 6 * size], ['leave', 4, 4 * (size + 1)]]);
    assert.match(await panel.query((doc) => doc.querySelector('[data-role=group-by]')?.textContent ?? ''), /2 messages without type/);
    await panel.click('[data-group=leave]');
    await until(() => count(panel, 'shown-count'), (n) => n === 4, 'the leave rows only');
    assert.equal(await panel.query((doc) => (doc.querySelector('input[aria-label=Filter]') as HTMLInputElement).value), 'type:leave');
    await panel.close();
    await tab.close();
  });
});
