/**
 * What the hook's initiator capture (src/page/initiator.ts, Chrome) costs at each new WebSocket:
 * the same steps in a page, 6 frames deep, µs per call (capture and formatting).
 * Run: npx tsx bench/experiments/stack-capture.mts
 */
import { launch, mainTab } from '../browser';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
const server = createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>c</title>'));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const b = await launch({ extension: false, devtools: false });
const page = await mainTab(b, `${origin}/`);
const code = `(() => {
  const E = Error, cap = Error.captureStackTrace, gd = Object.getOwnPropertyDescriptor, has = Object.hasOwn, del = Reflect.deleteProperty;
  const swappable = (n) => { const d = gd(E, n); return d === undefined ? true : has(d, 'value') && d.writable === true ? d : false; };
  function pageStack() {
    const f = swappable('prepareStackTrace'), l = swappable('stackTraceLimit');
    E.prepareStackTrace = undefined; E.stackTraceLimit = 16;
    try { const h = { __proto__: null }; cap(h); return h.stack; }
    finally { if (f === true) del(E, 'prepareStackTrace'); else E.prepareStackTrace = f.value; if (l === true) del(E, 'stackTraceLimit'); else E.stackTraceLimit = l.value; }
  }
  const N = 5000; let s = 0;
  function a() { return b(); } function b() { return c(); } function c() { return d(); } function d() { return pageStack(); }
  for (let i = 0; i < 500; i++) s += a().length;
  const out = [];
  for (let r = 0; r < 7; r++) { const t0 = performance.now(); for (let i = 0; i < N; i++) s += a().length; out.push((performance.now() - t0) / N * 1000); }
  const base = [];
  function a2() { return b2(); } function b2() { return c2(); } function c2() { return d2(); } function d2() { return {}; }
  for (let r = 0; r < 7; r++) { const t0 = performance.now(); for (let i = 0; i < N; i++) s += a2() ? 1 : 0; base.push((performance.now() - t0) / N * 1000); }
  return { capture: out.sort((x, y) => x - y)[3], baseline: base.sort((x, y) => x - y)[3], len: a().length };
})()`;
console.log(JSON.stringify(await page.evaluate(code)));
await b.close();
server.close();
