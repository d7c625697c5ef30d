import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { launch, mainTab } from '../browser';

/**
 * What the webRequest permission costs every request of every page in Chrome (it routes them all
 * through the browser's request proxy): 200 small fetches one after another, ms per fetch, with
 * builds given as BENCH_BUILDS=id=dir,id=dir (e.g. this build and one without webRequest),
 * interleaved rounds, medians. Run: npm run build:chrome && npx tsx bench/experiments/requests.mts
 */
const server = createServer((q, r) => {
  if (q.url?.startsWith('/r')) return r.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('x');
  r.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>f</title>');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const configs = (process.env.BENCH_BUILDS ?? 'sockets=extension/chrome').split(',').map((b) => ({ id: b.split('=')[0], extensionDir: resolve(b.split('=')[1]) }));
const results: Record<string, number[]> = Object.fromEntries(configs.map((c) => [c.id, []]));
const code = `(async () => { for (let i = 0; i < 20; i++) await (await fetch('/r?w' + i)).text();
  const t0 = performance.now(); for (let i = 0; i < 200; i++) await (await fetch('/r?' + i)).text(); return (performance.now() - t0) / 200; })()`;
for (let round = 0; round < 11; round++) {
  for (const c of round % 2 ? [...configs].reverse() : configs) {
    const b = await launch({ extension: true, devtools: false, extensionDir: c.extensionDir });
    const page = await mainTab(b, `${origin}/?r=${round}`);
    results[c.id].push((await page.evaluate(code)) as number);
    await b.close();
  }
}
const median = (v: number[]) => [...v].sort((x, y) => x - y)[v.length >> 1];
for (const [id, v] of Object.entries(results)) console.log(id, 'ms per sequential fetch, median', median(v).toFixed(3), v.map((x) => x.toFixed(2)).join(' '));
server.close();
