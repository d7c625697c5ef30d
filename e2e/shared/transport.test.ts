import { before, after, it } from 'node:test';
import assert from 'node:assert/strict';
import { inBrowsers, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { count, socketRows, until, waitForSocket } from '../support/readers';
import { setStorage, stopBackground } from '../support/worker';

let server: TestServer;

const TICKER = (name: string) => `<!doctype html><title>${name}</title><script>
  window.echoes = 0;
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?${name}');
  window.ws = ws;
  ws.onmessage = () => window.echoes++;
  ws.onopen = () => ws.send('hello ${name}');
</script>`;

before(async () => {
  server = await startServer({ '/ticker': (url) => TICKER(url.searchParams.get('n') ?? 'x') });
});
after(() => server?.close());

const echoes = (tab: Tab) => tab.evaluate<number>('window.echoes');

inBrowsers('transport', (env) => {
  // Chromium's MV3 service worker is stopped as Chrome does when idle; Firefox's background is an
  // event page, terminated as its idle timeout (or about:debugging's button) does.
  it('loses nothing and repeats nothing when the background is stopped mid-stream', { timeout: 180_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/ticker?n=restart`);
    const panel = await tab.panel();
    await waitForSocket(panel, (s) => s.url.endsWith('?restart') && s.messages === 2);
    // The page streams numbered messages, one every 4 ms, until told to stop: the background is
    // stopped while they flow, and they flow on while it comes back.
    await tab.evaluate(`(() => {
      window.sent = 0;
      window.timer = setInterval(() => ws.send('tick #' + ++window.sent), 4);
    })()`);
    await until(() => echoes(tab), (n) => n > 80, 'stream under way');
    await stopBackground(env.browser);
    const atStop = await echoes(tab);
    await until(() => echoes(tab), (n) => n > atStop + 80, 'the stream going on after the stop');
    const sent = await tab.evaluate<number>('(clearInterval(window.timer), window.sent)');
    await until(() => echoes(tab), (n) => n === sent + 1, 'all echoes');
    const all = 2 + 2 * sent;
    const socket = await waitForSocket(panel, (s) => s.url.endsWith('?restart') && s.messages >= all, `all ${all} messages`, 60_000);
    assert.equal(socket.messages, all);
    // After the restart the panel is live again: one more message arrives, and nothing twice.
    await tab.evaluate('ws.send("after restart")');
    const later = await waitForSocket(panel, (s) => s.url.endsWith('?restart') && s.messages >= all + 2);
    assert.equal(later.messages, all + 2);
    assert.equal(await count(panel, 'total-count'), all + 4); // + created and open
    await panel.close();
    await tab.close();
  });

  it('captures all of a 100,000-message flood while the page sees all its echoes', { timeout: 300_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/ticker?n=flood`);
    const panel = await tab.panel();
    await waitForSocket(panel, (s) => s.url.endsWith('?flood') && s.messages === 2);
    await tab.evaluate(`(async () => {
      for (let i = 0; i < 100000; i++) {
        ws.send('flood message ' + String(i).padStart(6, '0') + ' ..................');
        if (i % 2000 === 1999) await new Promise((r) => setTimeout(r, 0));
      }
    })()`);
    await until(() => echoes(tab), (n) => n === 100_001, 'page saw all echoes', 180_000);
    const socket = await until(
      async () => (await socketRows(panel)).find((s) => s.url.endsWith('?flood')),
      (s) => (s?.messages ?? 0) >= 200_002,
      'panel has all flood messages',
      180_000,
    );
    assert.equal(socket!.messages, 200_002);
    assert.equal(await count(panel, 'dropped-count'), 0);
    await panel.close();
    await tab.close();
  });

  it('starts fresh on navigation, and keeps earlier sockets with Preserve log', { timeout: 120_000 }, async () => {
    const tab = await env.browser.open(`${server.origin}/ticker?n=nav`);
    const panel = await tab.panel();
    const first = await waitForSocket(panel, (s) => s.url.endsWith('?nav') && s.messages === 2);
    await tab.reload();
    const second = await waitForSocket(panel, (s) => s.url.endsWith('?nav') && s.key !== first.key && s.messages === 2);
    assert.deepEqual((await socketRows(panel)).map((s) => s.key), [second.key]);

    const preserve = '[data-action=preserve-log]';
    const checked = () => panel.query((doc, s) => (doc.querySelector(s) as HTMLInputElement).checked, preserve);
    await panel.click(preserve);
    assert.equal(await checked(), true);
    await tab.reload();
    const third = await waitForSocket(panel, (s) => s.url.endsWith('?nav') && s.key !== second.key && s.messages === 2);
    const rows = await socketRows(panel);
    assert.deepEqual(rows.map((s) => s.key), [second.key, third.key]);
    assert.match(rows[0].text, /previous page/);
    assert.match(rows[1].text, /current page/);
    await panel.click(preserve);
    assert.equal(await checked(), false);
    await panel.close();
    await tab.close();
  });

  it('gives each of ten tabs a panel that sees exactly its own sockets', { timeout: 300_000 }, async () => {
    const tabs: Tab[] = [];
    for (let i = 0; i < 10; i++) tabs.push(await env.browser.open(`${server.origin}/ticker?n=tab${i}`));
    for (let i = 0; i < 10; i++) {
      const panel = await tabs[i].panel();
      await waitForSocket(panel, (s) => s.url.endsWith(`?tab${i}`) && s.messages === 2);
      assert.deepEqual((await socketRows(panel)).map((s) => s.url), [`${server.ws}/echo?tab${i}`]);
    }
    for (const t of tabs) await t.close();
  });

  it('keeps memory bounded by the setting and shows how many were dropped', { timeout: 120_000 }, async () => {
    await setStorage(env.browser, { limits: { maxEvents: 500 } });
    try {
      const tab = await env.browser.open(`${server.origin}/ticker?n=bounded`);
      await until(() => echoes(tab), (n) => n === 1, 'open');
      await tab.evaluate(`(() => { for (let i = 0; i < 1000; i++) ws.send('bounded ' + i); })()`);
      await until(() => echoes(tab), (n) => n === 1001, 'all echoes');
      const panel = await tab.panel();
      await until(() => count(panel, 'dropped-count'), (n) => n > 0, 'dropped count shown');
      // The history reaches the panel in parts: the counts settle once the last part is in.
      const counted = async () => (await count(panel, 'total-count')) + (await count(panel, 'dropped-count'));
      await until(counted, (n) => n === 2004, 'every event kept or counted as dropped (created, open, 2002 messages)');
      const total = await count(panel, 'total-count');
      assert.ok(total <= 500, `kept ${total}`);
      assert.equal(await counted(), 2004);
      await panel.close();
      await tab.close();
    } finally {
      await setStorage(env.browser, { limits: {} });
    }
  });
});
