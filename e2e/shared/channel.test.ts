import { before, after, it } from 'node:test';
import assert from 'node:assert/strict';
import { currentBrowser, inBrowsers, type Panel, type Tab } from '../support/harness';
import { startServer, type TestServer } from '../support/server';
import { gridRows, socketRows, until, waitForSocket } from '../support/readers';

/**
 * The page → relay channel against a hostile page: page scripts dispatch the hook's and the relay's
 * event names, hand over ports of their own, post forged records and garbage. The relay must stay
 * up, take nothing from the page after start, and no other tab's panel may show anything of it.
 */
let server: TestServer;
before(async () => {
  server = await startServer();
});
after(() => server?.close());

const panelText = (panel: Panel) => panel.query((doc) => doc.body.innerText);
/** How this browser prints a native function (Firefox on three lines). */
const native = (name: string) => (currentBrowser() === 'firefox' ? `function ${name}() {\n    [native code]\n}` : `function ${name}() { [native code] }`);
const socketUrls = async (panel: Panel) => (await socketRows(panel)).map((r) => r.url);

inBrowsers('the page → relay channel against a hostile page, in real panels', (env) => {
  let attacker: Tab;
  let attackerPanel: Panel;
  let victim: Tab;
  let victimPanel: Panel;
  const attack = <T>(expression: string) => attacker.evaluate<T>(`window.attacks.${expression}`);

  before(async () => {
    victim = await env.browser.open(`${server.origin}/hook-lab.html`);
    await victim.evaluate('window.scenarios.protocols()');
    victimPanel = await victim.panel();
    attacker = await env.browser.open(`${server.origin}/channel-attack.html`);
    attackerPanel = await attacker.panel();
    assert.equal(await attack('realSocket("before")'), 'real before');
    await waitForSocket(attackerPanel, (s) => s.url === `${server.ws}/echo?real-before` && s.messages === 2, 'the first real socket');
  });

  it('does not take a port a page hands over after start: the forged event is not claimed', async () => {
    const { notTaken } = await attack<{ notTaken: boolean }>('forgedPort("port")');
    assert.equal(notTaken, true);
  });

  it('shows no forged socket or message in the page\'s own panel, and keeps capturing', async () => {
    await attack('forgedPort("own-panel")');
    assert.equal(await attack('realSocket("after-page-port")'), 'real after-page-port');
    await waitForSocket(attackerPanel, (s) => s.url === `${server.ws}/echo?real-after-page-port` && s.messages === 2, 'a real socket after the forgery');
    assert.deepEqual(await socketUrls(attackerPanel), [`${server.ws}/echo?real-before`, `${server.ws}/echo?real-after-page-port`]);
    assert.doesNotMatch(await panelText(attackerPanel), /forged/);
  });

  it('keeps a real socket\'s history intact when records forged for its id are posted', async () => {
    await attack('forgedPort("same-id")');
    await attack('realSocket("witness")');
    await waitForSocket(attackerPanel, (s) => s.url.endsWith('real-witness') && s.messages === 2, 'witness socket');
    const first = await waitForSocket(attackerPanel, (s) => s.url === `${server.ws}/echo?real-before`, 'first socket');
    assert.equal(first.state, 'open');
    assert.equal(first.messages, 2);
    assert.doesNotMatch(first.text, /4999/);
  });

  it('does not hand the hook\'s port over again when a page forges the relay\'s start event', async () => {
    assert.deepEqual(await attack('forgedRelayReady()'), []);
    assert.equal(await attack('realSocket("after-relay-ready")'), 'real after-relay-ready');
    await waitForSocket(attackerPanel, (s) => s.url.endsWith('real-after-relay-ready') && s.messages === 2, 'capture continues');
  });

  it('survives garbage posted and dispatched on everything a page can reach', async () => {
    assert.ok((await attack<number>('garbage()')) > 0);
    assert.equal(await attack('realSocket("after-garbage")'), 'real after-garbage');
    await waitForSocket(attackerPanel, (s) => s.url.endsWith('real-after-garbage') && s.messages === 2, 'capture continues');
    const rows = await until(() => gridRows(attackerPanel), (r) => r.length > 0, 'grid rows');
    assert.ok(rows.every((r) => !/forged/.test(r.text)), 'no forged row');
    assert.doesNotMatch(await panelText(attackerPanel), /forged/);
  });

  it('lets a parent that listens on a new about:blank frame see no handover, and still captures the frame', async () => {
    const { echo, seen } = await attack<{ echo: string; seen: string[] }>('listenOnNewFrame()');
    assert.equal(echo, 'from the watched frame');
    assert.deepEqual(seen, []);
    await waitForSocket(attackerPanel, (s) => s.url.endsWith('/echo?child-of-listener') && s.messages === 2, 'the frame\'s socket');
  });

  it('lets no parent hand a port to the relay of a same-origin frame sandboxed without scripts (no hook runs there)', async () => {
    const { notTaken } = await attack<{ notTaken: boolean }>('sandboxedFramePort("sandboxed")');
    assert.equal(notTaken, true);
    assert.equal(await attack('realSocket("after-sandboxed")'), 'real after-sandboxed');
    await waitForSocket(attackerPanel, (s) => s.url.endsWith('real-after-sandboxed') && s.messages === 2, 'capture continues');
    assert.doesNotMatch(await panelText(attackerPanel), /forged/);
  });

  it('captures the sockets such a frame\'s parent opens with its WebSocket, which prints as native', async () => {
    const { echo, printed } = await attack<{ echo: string; printed: string[] }>('sandboxedFrameSocket()');
    assert.equal(echo, 'from the sandboxed frame');
    assert.deepEqual(printed, ['WebSocket', 'send', 'toString', 'WebSocket'].map(native));
    await waitForSocket(attackerPanel, (s) => s.url === `${server.ws}/echo?sandboxed-no-script` && s.messages === 2, 'the sandboxed frame\'s socket');
  });

  it('shows nothing of the hostile page in another tab\'s panel', async () => {
    await attack('forgedPort("other-tab")');
    await attack('garbage()');
    await attack('realSocket("last")');
    await waitForSocket(attackerPanel, (s) => s.url.endsWith('real-last') && s.messages === 2, 'attacker capture continues');
    const victimSocket = await waitForSocket(victimPanel, (s) => s.url === `${server.ws}/echo?protocols`, 'the victim\'s socket');
    assert.equal(victimSocket.state, 'open');
    assert.deepEqual(await socketUrls(victimPanel), [`${server.ws}/echo?protocols`]);
    assert.doesNotMatch(await panelText(victimPanel), /forged|real-/);
  });
});
