import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { count, until, waitForSocket } from '../support/readers';

/** A long socket.io-like URL beside short ones, a few messages each. */
const PAGE = `<!doctype html><title>table</title><script>
  const base = location.origin.replace('http', 'ws');
  for (const path of ['/echo?a', '/echo?socket.io/?EIO=4&transport=websocket&sid=' + 'abcdefgh'.repeat(8), '/echo?b']) {
    const ws = new WebSocket(base + path);
    ws.onopen = () => { for (let i = 0; i < 20; i++) ws.send('message ' + i + ' of a socket with some traffic'); };
  }
</script>`;

let server: TestServer;
before(async () => {
  server = await startServer({ '/table': PAGE });
});
after(() => server?.close());

/** Each socket row's width and where its Status cell starts; the status bar's one line. */
function layout(doc: Document) {
  const rows = Array.from(doc.querySelectorAll('[data-socket-url]')) as HTMLElement[];
  const bar = doc.querySelector('[role=status]') as HTMLElement;
  return {
    rows: rows.map((r) => ({ width: r.offsetWidth, status: Math.round((r.querySelector('[data-column=status]') as HTMLElement).getBoundingClientRect().left) })),
    bar: { height: bar.offsetHeight, scrollHeight: bar.scrollHeight, clientHeight: bar.clientHeight, width: bar.clientWidth },
  };
}

inBrowsers('the sockets table and status bar in a narrow dock', (env) => {
  it('cuts a long URL in its cell (every row as wide, the Status column straight) and keeps the status bar on one line', { timeout: 120_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/table`);
    const panel = await tab.panel();
    await waitForSocket(panel, (s) => s.url.includes('socket.io') && s.messages === 40, 'the long socket with its messages');
    await until(() => count(panel, 'total-count'), (n) => n >= 120, 'all messages');
    const l = await panel.query(layout);
    assert.equal(l.rows.length, 3);
    assert.ok(l.bar.width <= 600, `a narrow panel: ${l.bar.width} px`);
    assert.deepEqual(new Set(l.rows.map((r) => r.width)).size, 1, `rows of different widths: ${JSON.stringify(l.rows)}`);
    assert.deepEqual(new Set(l.rows.map((r) => r.status)).size, 1, `the Status column is not straight: ${JSON.stringify(l.rows)}`);
    assert.ok(l.bar.scrollHeight <= l.bar.clientHeight + 1, `the status bar wraps: ${JSON.stringify(l.bar)}`);
    await tab.close();
  });
}, { devtoolsWidth: 520 });
