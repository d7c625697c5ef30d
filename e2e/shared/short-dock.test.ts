import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { waitForSocket } from '../support/readers';

const PAGE = `<!doctype html><title>short</title><script>
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?short-dock');
  ws.onopen = () => { for (let i = 0; i < 50; i++) setTimeout(() => ws.send('tick ' + i), i * 20); };
</script>`;

let server: TestServer;
before(async () => {
  server = await startServer({ '/short': PAGE });
});
after(() => server?.close());

/** Heights of the grid and of the timeline's drawing area (uPlot's overlay). */
function heights(doc: Document) {
  const h = (selector: string) => (doc.querySelector(selector) as HTMLElement | null)?.getBoundingClientRect().height ?? -1;
  return { panel: doc.documentElement.clientHeight, grid: h('[role=grid][aria-label=Messages]'), plot: h('.u-over') };
}

// Chromium's own default dock here is 272 px; Firefox's default toolbox is as short.
inBrowsers('the panel in a short DevTools dock', (env) => {
  it('keeps the grid usable and the timeline a thin strip whose plot is still drawn (not 1 px)', { timeout: 120_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/short`);
    const panel = await tab.panel();
    await waitForSocket(panel, (s) => s.messages === 100, 'the socket with its echoes');
    const l = await panel.query(heights);
    assert.ok(l.panel <= 320, `a short panel: ${JSON.stringify(l)}`);
    assert.ok(l.grid >= 60, `the grid keeps room for rows: ${JSON.stringify(l)}`);
    assert.ok(l.plot >= 20, `the plot is drawn: ${JSON.stringify(l)}`);
    await tab.close();
  });
}, { devtoolsHeight: 272 });
