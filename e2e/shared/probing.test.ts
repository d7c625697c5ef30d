import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inBrowsers } from '../support/harness';
import { EXTENSION_DIR as CHROME_DIR } from '../support/chromium';
import { EXTENSION_DIR as FIREFOX_DIR, EXTENSION_ORIGIN } from '../support/firefox';
import { startServer, type TestServer } from '../support/server';
import { socketRows, waitForSocket } from '../support/readers';
// The one web-accessible file: at a URL that changes every session in Chrome, per install in Firefox.
import { RELAY_MODULE } from '../../src/content/relay-module';

/**
 * A page that knows the extension's id (Chrome's is the same for every user of a published
 * extension) must not find Sockets by loading one of its files, and the relay module the stub
 * imports once a frame has a socket must leave no trace the page can read.
 */
let server: TestServer;
before(async () => {
  server = await startServer({
    '/probe': '<!doctype html><title>probe</title><p>A page that looks for extensions.</p>',
    // Nothing but its own inline script and its sockets: the stub's import of the relay must not need the page's leave.
    '/strict-csp': `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-n'; connect-src ws: http:">
<title>strict CSP</title><script nonce="n">
const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?strict-csp');
ws.onopen = () => { ws.send('first'); ws.send(new Uint8Array([1, 2, 3])); };
</script>`,
  });
});
after(() => server?.close());

const filesOf = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesOf(join(dir, d.name)) : [join(dir, d.name)]));

inBrowsers('the relay module loads under any page policy', (env) => {
  it("captures a socket from a strict-CSP page's first inline script, every message", async () => {
    const tab = await env.browser.open(`${server.origin}/strict-csp`);
    const panel = await tab.panel();
    const row = await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?strict-csp` && s.messages === 4, 'the socket with both messages and their echoes');
    assert.equal(row.state, 'open');
    await panel.close();
    await tab.close();
  });
});

inBrowsers('a page cannot probe for the extension', (env) => {
  it("finds none of the extension's files at their static URLs, before and after the relay module loaded", async () => {
    const chromium = env.browser.chromium;
    const dir = chromium ? CHROME_DIR : FIREFOX_DIR;
    const base = chromium ? `chrome-extension://${chromium.extensionId}` : EXTENSION_ORIGIN;
    // Firefox: a page cannot know the install's UUID (this profile's is fixed, for the tests), so the
    // relay module's static URL is no clue there; every other file must still be out of reach.
    const probed = filesOf(dir).map((f) => relative(dir, f)).filter((f) => chromium || f !== RELAY_MODULE);
    assert.ok(probed.includes('manifest.json') && probed.includes('src/page/hook.iife.js'), `the build's files: ${probed.join(', ')}`);
    const tab = await env.browser.open(`${server.origin}/probe`);
    const probe = async () =>
      JSON.parse(await tab.evaluate<string>(`(async () => {
        const found = [];
        for (const path of ${JSON.stringify(probed)}) {
          try {
            await fetch(${JSON.stringify(base)} + '/' + path);
            found.push(path);
          } catch {}
        }
        return JSON.stringify(found);
      })()`)) as string[];
    assert.deepEqual(await probe(), [], 'files a page can load before any socket');
    const panel = await tab.panel();
    await tab.evaluate(`new WebSocket(location.origin.replace('http', 'ws') + '/echo?probe').onopen = (e) => e.target.send('hi')`);
    await waitForSocket(panel, (s) => s.url === `${server.ws}/echo?probe` && s.messages === 2);
    assert.ok((await socketRows(panel)).length >= 1);
    assert.deepEqual(await probe(), [], 'files a page can load once the relay module was imported');
    const resources = await tab.evaluate<string[]>(`performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !n.startsWith('http'))`);
    assert.deepEqual(resources, [], "the page's resource timing names no extension file");
    await panel.close();
    await tab.close();
  });
});
