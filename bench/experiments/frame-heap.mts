/**
 * Where a frame's heap goes: V8 heap snapshots of a plain page and of a page with 20 same-origin
 * iframes (no sockets), with the empty content-script pair (the floor) and with Sockets; what
 * Sockets adds per extra frame, by heap-snapshot category (node type and name), largest first.
 * Run: npx tsx bench/experiments/frame-heap.mts [build dir ...]   (default: extension/chrome)
 * FLOOR=dir compares with another build than the empty content-script pair.
 * DETAIL=1 names property stores, accessor pairs and closures by what holds them; TOP=N rows.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CDPSession } from 'puppeteer-core';
import { launch, mainTab } from '../browser';
import { contentScriptPairDir } from '../floors';

const FRAMES = 20;
const pages: Record<string, string> = {
  '/plain': '<!doctype html><title>plain</title><p>A plain page.</p>',
  '/frames': `<!doctype html><title>frames</title>${'<iframe src="/child"></iframe>'.repeat(FRAMES)}`,
  '/child': '<!doctype html><title>child</title><p>A frame.</p>',
};
const server = createServer((q, r) => r.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(pages[new URL(q.url!, 'http://x').pathname] ?? ''));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

type Tally = Map<string, number>;
const floorDir = process.env.FLOOR ?? contentScriptPairDir();
/** Runtime.getHeapUsage's parts, after a full collection (what the page-load bench sums). */
const usage: Record<string, Record<string, number>> = {};

async function snapshot(session: CDPSession): Promise<Tally> {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  let json = '';
  const onChunk = (e: { chunk: string }) => (json += e.chunk);
  session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false } as never);
  session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[] } }; nodes: number[]; edges: number[]; strings: string[] };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [T, N, S, EC] = ['type', 'name', 'self_size', 'edge_count'].map((f) => fields.indexOf(f));
  const edgeFields = snap.snapshot.meta.edge_fields.length;
  const TO = snap.snapshot.meta.edge_fields.indexOf('to_node');
  // Property backing stores and closures are named after what holds them: their first holder.
  const owner = new Map<number, number>();
  for (let i = 0, e = 0; process.env.DETAIL && i < snap.nodes.length; i += fields.length) {
    for (let k = 0; k < snap.nodes[i + EC]; k++, e += edgeFields) {
      const to = snap.edges[e + TO];
      if (!owner.has(to)) owner.set(to, i);
    }
  }
  const nameOf = (i: number) => `${types[snap.nodes[i + T]]} ${snap.strings[snap.nodes[i + N]].replace(/\s+/g, ' ').slice(0, 40)}`;
  const tally: Tally = new Map();
  if (process.env.PROPS) {
    // The names of the properties of the objects so named (PROPS=Window (prototype)), once each.
    const ET = snap.snapshot.meta.edge_fields.indexOf('type');
    const EN = snap.snapshot.meta.edge_fields.indexOf('name_or_index');
    const edgeTypes = (snap.snapshot.meta as unknown as { edge_types: [string[]] }).edge_types[0];
    for (let i = 0, e = 0; i < snap.nodes.length; i += fields.length) {
      const n = snap.nodes[i + EC];
      if (snap.strings[snap.nodes[i + N]].startsWith(process.env.PROPS)) {
        const names = [];
        for (let k = 0; k < n; k++) if (edgeTypes[snap.edges[e + k * edgeFields + ET]] === 'property') names.push(snap.strings[snap.edges[e + k * edgeFields + EN]]);
        console.log(`props of ${snap.strings[snap.nodes[i + N]].slice(0, 60)}: ${names.length}: ${names.slice(0, 60).join(" ")}`);
      }
      e += n * edgeFields;
    }
  }
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + T]];
    let name = snap.strings[snap.nodes[i + N]];
    if (process.env.DETAIL && (name === '(object properties)' || type === 'closure' || name.endsWith('AccessorPair'))) {
      const o = owner.get(i);
      name = `${type === 'closure' ? `${name} ` : name} ← ${o === undefined ? '?' : nameOf(o)}`;
      tally.set(`${type}: ${name}`, (tally.get(`${type}: ${name}`) ?? 0) + snap.nodes[i + S]);
      continue;
    }
    // Strings and numbers by type only; code and system objects by their kind; objects by constructor.
    const key = type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number' || type === 'bigint'
      ? type
      : type === 'closure' ? 'closure'
        : `${type}: ${name.replace(/\s+/g, ' ').slice(0, 50)}`;
    tally.set(key, (tally.get(key) ?? 0) + snap.nodes[i + S]);
  }
  return tally;
}

async function measure(extensionDir: string | undefined): Promise<{ plain: Tally; frames: Tally }> {
  const b = await launch({ extension: true, devtools: false, extensionDir });
  try {
    await mainTab(b, `${origin}/plain?warm`);
    const out: Record<string, Tally> = {};
    for (const kind of ['plain', 'frames']) {
      // A new tab each time: a new renderer, with no page of an earlier load kept in its back-forward cache.
      const page = await b.browser.newPage();
      await page.goto(`${origin}/${kind}`, { waitUntil: 'load' });
      const session = await page.createCDPSession();
      out[kind] = await snapshot(session);
      const u = await session.send('Runtime.getHeapUsage');
      usage[`${extensionDir === floorDir ? 'floor' : 'sockets'} ${kind}`] = { v8: u.usedSize, backing: u.backingStorageSize ?? 0, embedder: u.embedderHeapUsedSize ?? 0 };
      await session.detach();
      await page.close();
    }
    return out as { plain: Tally; frames: Tally };
  } finally {
    await b.close();
  }
}

const total = (t: Tally) => [...t.values()].reduce((a, b) => a + b, 0);
const floor = await measure(floorDir);
const builds = process.argv.slice(2);
for (const dir of builds.length > 0 ? builds : [undefined]) {
  if (dir) console.log(`\n== ${dir}`);
  report(await measure(dir));
}
server.close();

function report(sockets: { plain: Tally; frames: Tally }): void {

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
/** Per extra frame: (frames − plain) ÷ 20, Sockets minus the floor. */
const perFrame = new Map<string, number>();
for (const key of new Set([...floor.frames.keys(), ...sockets.frames.keys(), ...floor.plain.keys(), ...sockets.plain.keys()])) {
  const f = ((floor.frames.get(key) ?? 0) - (floor.plain.get(key) ?? 0)) / FRAMES;
  const s = ((sockets.frames.get(key) ?? 0) - (sockets.plain.get(key) ?? 0)) / FRAMES;
  perFrame.set(key, s - f);
}
const plainOver = new Map<string, number>();
for (const key of new Set([...floor.plain.keys(), ...sockets.plain.keys()])) plainOver.set(key, (sockets.plain.get(key) ?? 0) - (floor.plain.get(key) ?? 0));

for (const kind of ['plain', 'frames']) {
  const [f, s] = [usage[`floor ${kind}`], usage[`sockets ${kind}`]];
  console.log(`getHeapUsage ${kind}: ${Object.keys(f).map((k) => `${k} +${kb(s[k] - f[k])}`).join(', ')}`);
}
console.log(`V8 heap snapshot totals: plain page floor ${kb(total(floor.plain))}, Sockets ${kb(total(sockets.plain))} (+${kb(total(sockets.plain) - total(floor.plain))})`);
console.log(`per extra frame: floor ${kb((total(floor.frames) - total(floor.plain)) / FRAMES)}, Sockets ${kb((total(sockets.frames) - total(sockets.plain)) / FRAMES)} (+${kb([...perFrame.values()].reduce((a, b) => a + b, 0))})`);
for (const [title, m] of [['what Sockets adds per extra frame', perFrame], ['what Sockets adds to the plain page', plainOver]] as const) {
  console.log(`\n${title}, largest first:`);
  for (const [key, n] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) console.log(`  ${kb(n).padStart(10)}  ${key}`);
}
}
